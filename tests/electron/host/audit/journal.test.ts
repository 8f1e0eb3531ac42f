import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditJournal, verifyJournal } from '../../../../electron/host/audit/journal';

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
