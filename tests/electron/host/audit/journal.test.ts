import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditJournal, verifyJournal } from '../../../../electron/host/audit/journal';
import { NoteSealer } from '../../../../electron/host/audit/note-sealer';

function journalWith(count: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'regard-journal-')), 'journal.jsonl');
  const journal = new AuditJournal(file);
  for (let i = 0; i < count; i += 1) {
    journal.append({
      actor: 'os:test',
      action: 'patient.search',
      target: `t${i}`,
      outcome: 'success',
    });
  }
  return file;
}

describe('AuditJournal', () => {
  it('appends chained records that verify', () => {
    const file = journalWith(5);
    expect(verifyJournal(file)).toEqual({ ok: true, count: 5 });
    const reopened = new AuditJournal(file);
    reopened.append({ actor: 'os:test', action: 'app.start', outcome: 'success' });
    expect(verifyJournal(file)).toEqual({ ok: true, count: 6 });
  });

  it('reports the line where a record was altered', () => {
    const file = journalWith(5);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines[2] = String(lines[2]).replace('"outcome":"success"', '"outcome":"refused"');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(verifyJournal(file)).toEqual({ ok: false, line: 3, reason: 'altered' });
  });

  it('reports the line where a record was removed', () => {
    const file = journalWith(5);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(1, 1);
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(verifyJournal(file)).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses to continue a broken journal', () => {
    const file = journalWith(2);
    writeFileSync(file, `${readFileSync(file, 'utf8')}not json\n`);
    expect(() => new AuditJournal(file)).toThrow(/line 3/);
  });

  it('verifies whatever order the caller gives the fields in', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'regard-journal-')), 'journal.jsonl');
    const journal = new AuditJournal(file);
    journal.append({
      outcome: 'success',
      target: '1.2.3',
      patientRef: 'p1',
      action: 'imaging.retrieve',
      actor: 'os:test',
    });
    expect(verifyJournal(file)).toEqual({ ok: true, count: 1 });
  });
});

describe('AuditJournal notes', () => {
  const reason = 'Patient inconscient, détresse respiratoire';
  const key = new Uint8Array(32).fill(7);

  function breakGlass(journal: AuditJournal) {
    return journal.append({
      actor: 'rpps:1',
      action: 'mode.break-glass',
      patientRef: 'p1',
      mode: 'break-glass',
      note: reason,
      outcome: 'success',
    });
  }

  function sealedJournal() {
    const file = join(mkdtempSync(join(tmpdir(), 'regard-notes-')), 'journal.jsonl');
    const journal = new AuditJournal(file);
    journal.useSealer(new NoteSealer(key));
    return { file, journal };
  }

  it('keeps a reason sealed on disk, and opens it with the key', () => {
    const { file, journal } = sealedJournal();
    const record = breakGlass(journal);
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('détresse');
    expect(raw).not.toContain(Buffer.from(reason).toString('base64').slice(0, 12));
    expect(journal.openNote(record)).toEqual({ text: reason });
    expect(journal.read().records.map((line) => journal.openNote(line))).toEqual([
      { text: reason },
    ]);
  });

  it('still verifies without the key: the chain covers the sealed form', () => {
    const { file, journal } = sealedJournal();
    breakGlass(journal);
    journal.append({
      actor: 'rpps:1',
      action: 'patient.read',
      patientRef: 'p1',
      outcome: 'success',
    });
    expect(verifyJournal(file)).toEqual({ ok: true, count: 2 });
    const keyless = new AuditJournal(file);
    const [sealed] = keyless.read().records;
    expect(sealed && keyless.openNote(sealed)).toEqual({ unavailable: 'unreadable' });
  });

  it('a sealed note moved to another line, or another key, does not open', () => {
    const { journal } = sealedJournal();
    const first = breakGlass(journal);
    const second = breakGlass(journal);
    expect(journal.openNote({ ...second, note: first.note })).toEqual({
      unavailable: 'unreadable',
    });
    const other = new AuditJournal(join(mkdtempSync(join(tmpdir(), 'regard-notes-')), 'j.jsonl'));
    other.useSealer(new NoteSealer(new Uint8Array(32).fill(8)));
    expect(other.openNote(first)).toEqual({ unavailable: 'unreadable' });
  });

  it('a tampered note is reported unreadable and the chain check names its line', () => {
    const { file, journal } = sealedJournal();
    journal.append({
      actor: 'rpps:1',
      action: 'patient.read',
      patientRef: 'p1',
      outcome: 'success',
    });
    breakGlass(journal);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const altered = JSON.parse(lines[1] ?? '') as { note: { sealed: string } };
    const bytes = Buffer.from(altered.note.sealed, 'base64');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    altered.note.sealed = bytes.toString('base64');
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(altered)}\n`);
    expect(verifyJournal(file)).toEqual({ ok: false, line: 2, reason: 'altered' });
    const record = journal.read().records[1];
    expect(record && journal.openNote(record)).toEqual({ unavailable: 'unreadable' });
  });

  it('without a key the reason is withheld, never written in clear', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'regard-notes-')), 'journal.jsonl');
    const journal = new AuditJournal(file);
    const record = breakGlass(journal);
    expect(readFileSync(file, 'utf8')).not.toContain('détresse');
    expect(record.note).toEqual({ withheld: true });
    expect(journal.openNote(record)).toEqual({ unavailable: 'withheld' });
  });
});
