import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessPoint } from '../../../../electron/host/access/access-point';
import { isVisibleTo } from '../../../../electron/host/access/document-visibility';
import { AuditJournal } from '../../../../electron/host/audit/journal';
import { HostEvents } from '../../../../electron/host/bridge/host-events';
import { createLogger } from '../../../../electron/host/logging/logger';
import { DocumentWatcher } from '../../../../electron/host/records/document-watcher';
import { WatchList } from '../../../../electron/host/records/watch-list';
import type { DocumentEntry } from '../../../../shared/domain/document';
import { documentEntryFromFhir } from '../../../../shared/fhir/document-reference';

const MARTIN = 'rpps:810001234567';
const LEROY = 'rpps:810009876543';
const PRESCRIPTION = '57833-6';

/** A DocumentReference as the source returns it, with its type and security labels. */
function entry(id: string, typeCode: string, labels: string[] = []): DocumentEntry {
  const parsed = documentEntryFromFhir({
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: typeCode }] },
    securityLabel: labels.map((code) => ({ coding: [{ code }] })),
    date: '2026-11-23T09:00:00Z',
    content: [{ attachment: { contentType: 'application/pdf', url: `Binary/${id}` } }],
  });
  if (!parsed) throw new Error('fixture does not parse');
  return parsed;
}

function setup(changed: Record<string, DocumentEntry[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'regard-watch-'));
  const journalFile = join(dir, 'journal.jsonl');
  let actor = MARTIN;
  let active = true;
  const asked: string[] = [];
  const access = new AccessPoint(new AuditJournal(journalFile), createLogger(), () => actor);
  const events = new HostEvents();
  const seen: unknown[] = [];
  events.subscribe((channel, payload) => seen.push({ channel, payload }));
  const watchList = new WatchList(join(dir, 'watch.json'));
  // Nurses may not read prescriptions in this policy.
  const restrictions: Record<string, { deniedCategories: string[]; deniedTypes: string[] }> = {
    [LEROY]: { deniedCategories: [], deniedTypes: [PRESCRIPTION] },
  };
  const watcher = new DocumentWatcher({
    source: {
      changedSince: async (patientId) => {
        asked.push(`${actor} ${patientId}`);
        return changed[patientId] ?? [];
      },
    },
    watchList,
    access,
    events,
    logger: createLogger(),
    actor: () => actor,
    mayWatch: (patientId) => patientId !== 'p-ended',
    visible: (document) => isVisibleTo(document, restrictions[actor]),
    intervalMs: 60_000,
    active: () => active,
  });
  return {
    watcher,
    watchList,
    seen,
    asked,
    journal: () => readFileSync(journalFile, 'utf8'),
    signIn: (who: string) => (actor = who),
    lock: (locked: boolean) => (active = !locked),
  };
}

describe('DocumentWatcher', () => {
  it('tells only of documents the professional may see: never a masked one', async () => {
    const bed = setup({
      p1: [entry('d1', '11506-3'), entry('d2', '11506-3', ['MASQUE_PS'])],
      p2: [entry('d3', '11506-3', ['MASQUE_PS'])],
    });
    bed.watchList.set(MARTIN, 'p1', true);
    bed.watchList.set(MARTIN, 'p2', true);
    await bed.watcher.poll();
    expect(bed.seen).toEqual([
      { channel: 'documentsChanged', payload: { patientId: 'p1', count: 1 } },
    ]);
  });

  it('leaves out the types the profession is denied', async () => {
    const bed = setup({ p1: [entry('d1', PRESCRIPTION)] });
    bed.signIn(LEROY);
    bed.watchList.set(LEROY, 'p1', true);
    await bed.watcher.poll();
    expect(bed.asked).toEqual([`${LEROY} p1`]);
    expect(bed.seen).toEqual([]);
  });

  it('polls the follow list of whoever is signed in, each their own, and journals it as theirs', async () => {
    const bed = setup({ p1: [entry('d1', '11506-3')], p2: [entry('d2', '11506-3')] });
    bed.watchList.set(MARTIN, 'p1', true);
    bed.watchList.set(LEROY, 'p2', true);
    await bed.watcher.poll();
    bed.signIn(LEROY);
    await bed.watcher.poll();
    expect(bed.asked).toEqual([`${MARTIN} p1`, `${LEROY} p2`]);
    expect(bed.journal()).toContain(
      `"actor":"${LEROY}","action":"document.search","patientRef":"p2"`,
    );
    expect(bed.watchList.followed(LEROY)).toEqual(['p2']);
  });

  it('does not poll while locked or signed out, nor for a patient whose access no longer holds', async () => {
    const bed = setup({ p1: [entry('d1', '11506-3')] });
    bed.watchList.set(MARTIN, 'p1', true);
    bed.watchList.set(MARTIN, 'p-ended', true);
    bed.lock(true);
    await bed.watcher.poll();
    expect(bed.asked).toEqual([]);
    bed.lock(false);
    await bed.watcher.poll();
    expect(bed.asked).toEqual([`${MARTIN} p1`]);
  });
});
