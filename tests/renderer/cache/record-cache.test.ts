import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCacheDatabase, type UsageRow } from '../../../renderer/src/cache/cache-database';
import {
  blindKey,
  importCacheKeys,
  keyBytesFromBase64,
} from '../../../renderer/src/cache/cache-keys';
import {
  encryptionMiddleware,
  SEALED_FIELD,
} from '../../../renderer/src/cache/encryption-middleware';
import { openRecordCache } from '../../../renderer/src/cache/open-record-cache';
import type { RecordCache } from '../../../renderer/src/cache/record-cache';
import { MAX_PAGE_ITEMS } from '../../../renderer/src/cache/record-pages';
import { RecordSealer } from '../../../renderer/src/cache/record-sealer';
import { documentEntrySchema, type DocumentEntry } from '../../../shared/domain/document';
import type { PatientSummary } from '../../../shared/domain/patient';
import { PATIENTS, type SyntheticPatient } from '../../testbed/synthetic/patients';
import {
  bytesOfRow,
  containsText,
  databaseExists,
  FakeKeySource,
  freshDatabaseName,
  openRaw,
  randomBytes,
  randomKeyBase64,
} from './cache-test-support';

const MARKER = 'MARQUEUR-DOCUMENT-5512';
const [MAIN, OTHER] = PATIENTS;
if (!MAIN || !OTHER) throw new Error('the synthetic data has two patients');

function summaryOf(patient: SyntheticPatient): PatientSummary {
  return {
    id: `pat-${patient.key}`,
    ins: { value: patient.ins, oid: '1.2.250.1.213.1.4.10', qualified: true },
    identity: {
      birthFamilyName: patient.birthFamilyName,
      firstNames: [...patient.firstNames],
      sex: patient.sex === 'F' ? 'female' : 'male',
      birthDate: patient.birthDate,
    },
  };
}

function documentEntry(index: number): DocumentEntry {
  return documentEntrySchema.parse({
    logicalId: `doc-${index}`,
    uniqueId: `1.2.250.1.999.1.${index}`,
    status: 'current',
    title: `${MARKER} ${index}`,
    contentType: 'application/pdf',
    attachmentRef: `Binary/doc-${index}`,
    labels: {},
  });
}

const mainId = `pat-${MAIN.key}`;
const otherId = `pat-${OTHER.key}`;
let name: string;
let keys: FakeKeySource;
let cache: RecordCache;

async function open(options: { budgetBytes?: number; maxAgeMs?: number } = {}) {
  cache = await openRecordCache(keys, { databaseName: name, ...options });
  return cache;
}

beforeEach(async () => {
  name = freshDatabaseName();
  keys = new FakeKeySource();
  await open();
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await cache.close();
  await Dexie.delete(name);
});

describe('a cache with a key', () => {
  it('is on, and says how its key is kept', () => {
    expect(cache.status).toEqual({
      state: 'on',
      protection: 'user-file',
      reset: undefined,
      unreadable: 0,
    });
  });

  it('gives back what each table was given', async () => {
    const frame = randomBytes(512 * 512 * 2);
    const content = new TextEncoder().encode(`%PDF-1.7 ${MARKER}`);
    const study = { summary: { sourceId: 'pacs', studyInstanceUid: '1.2.3', modalities: ['CT'] } };
    expect(await cache.put('patients', mainId, [{ id: mainId, value: summaryOf(MAIN) }])).toBe(
      true,
    );
    await cache.put(
      'documents',
      mainId,
      [0, 1, 2].map((i) => ({ id: `doc-${i}`, value: documentEntry(i) })),
    );
    await cache.put('contents', mainId, [
      { id: 'doc-1', value: { contentType: 'application/pdf', bytes: content } },
    ]);
    await cache.put('studies', mainId, [{ id: '1.2.3', value: study }]);
    await cache.put('frames', mainId, [
      { id: '1.2.3/1/1/1', value: { contentType: 'application/octet-stream', bytes: frame } },
    ]);

    expect((await cache.get('patients', mainId, mainId))?.value).toEqual(summaryOf(MAIN));
    expect((await cache.get('documents', mainId, 'doc-2'))?.value).toEqual(documentEntry(2));
    expect((await cache.get('contents', mainId, 'doc-1'))?.value.bytes).toEqual(content);
    expect((await cache.get('studies', mainId, '1.2.3'))?.value).toEqual(study);
    expect((await cache.get('frames', mainId, '1.2.3/1/1/1'))?.value.bytes).toEqual(frame);
    const listed = await cache.list('documents', mainId);
    expect(listed.map((item) => item.id).sort()).toEqual(['doc-0', 'doc-1', 'doc-2']);
    expect(listed[0]?.storedAt).toBeLessThanOrEqual(Date.now());
  });

  it('keeps each patient apart', async () => {
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    await cache.put('documents', otherId, [{ id: 'doc-2', value: documentEntry(2) }]);
    expect(await cache.get('documents', otherId, 'doc-1')).toBeUndefined();
    expect((await cache.list('documents', otherId)).map((item) => item.id)).toEqual(['doc-2']);
  });

  it('writes no name, INS, id or marker to disk: only blind keys and sealed values', async () => {
    await cache.put('patients', mainId, [{ id: mainId, value: summaryOf(MAIN) }]);
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    await cache.close();
    const raw = openRaw(name);
    const stored = await Promise.all(raw.tables.map((table) => table.toArray()));
    raw.close();
    const bytes = bytesOfRow(stored);
    expect(stored.flat().length).toBeGreaterThanOrEqual(4);
    for (const secret of [MARKER, MAIN.ins, MAIN.birthFamilyName, mainId, 'doc-1', 'pdf']) {
      expect(containsText(bytes, secret), secret).toBe(false);
    }
    for (const row of stored.flat()) expect(row).toHaveProperty(SEALED_FIELD);
  });

  it('forgets one patient and keeps the others', async () => {
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    await cache.put('frames', mainId, [
      { id: 'f', value: { contentType: 'x', bytes: new Uint8Array(8) } },
    ]);
    await cache.put('documents', otherId, [{ id: 'doc-2', value: documentEntry(2) }]);
    await cache.forgetPatient(mainId);
    expect(await cache.list('documents', mainId)).toEqual([]);
    expect(await cache.get('frames', mainId, 'f')).toBeUndefined();
    expect(await cache.list('documents', otherId)).toHaveLength(1);
  });
});

describe('the document list, kept in pages', () => {
  const range = (count: number) => Array.from({ length: count }, (_, index) => index);
  const put = (indexes: readonly number[], title?: string) =>
    cache.put(
      'documents',
      mainId,
      indexes.map((i) => ({
        id: `doc-${i}`,
        value: title === undefined ? documentEntry(i) : { ...documentEntry(i), title },
      })),
    );
  async function storedRows(): Promise<Record<string, unknown>[]> {
    const raw = openRaw(name);
    const rows = (await raw.table('documents').toArray()) as Record<string, unknown>[];
    raw.close();
    return rows;
  }
  async function titles(patientId = mainId): Promise<Record<string, string | undefined>> {
    const listed = await cache.list('documents', patientId);
    return Object.fromEntries(listed.map((item) => [item.id, item.value.title]));
  }

  it('holds many documents in a few rows, and reads them all back', async () => {
    const count = MAX_PAGE_ITEMS * 2 + 10;
    expect(await put(range(count))).toBe(true);
    expect(await storedRows()).toHaveLength(3);
    const listed = await cache.list('documents', mainId);
    expect(listed).toHaveLength(count);
    expect(new Set(listed.map((item) => item.id)).size).toBe(count);
    expect(listed.find((item) => item.id === 'doc-7')?.value).toEqual(documentEntry(7));
    expect((await cache.get('documents', mainId, `doc-${count - 1}`))?.value).toEqual(
      documentEntry(count - 1),
    );
  });

  it('serves the latest write of each document, and deletes the pages left serving nothing', async () => {
    await put([1, 2, 3], 'first');
    await put([3, 4], 'second');
    expect(await titles()).toEqual({
      'doc-1': 'first',
      'doc-2': 'first',
      'doc-3': 'second',
      'doc-4': 'second',
    });
    expect((await cache.get('documents', mainId, 'doc-3'))?.value.title).toBe('second');
    expect(await storedRows()).toHaveLength(2);
    await put([1, 2], 'third');
    expect(await storedRows()).toHaveLength(2);
    // Opening the record again and again, as the app writes it each time, adds no rows.
    for (const time of [1, 2, 3]) await put([1, 2, 3, 4], `again ${time}`);
    expect(await storedRows()).toHaveLength(1);
    expect(Object.values(await titles())).toEqual(Array(4).fill('again 3'));
  });

  it('knows, after a restart, the pages written before it', async () => {
    await put([1, 2], 'before');
    await cache.close();
    await open();
    await put([1, 2], 'after');
    expect(await storedRows()).toHaveLength(1);
    expect(await titles()).toEqual({ 'doc-1': 'after', 'doc-2': 'after' });
  });

  it('takes writes made without waiting in the order they were made', async () => {
    // The app writes each page of the list as it arrives, without waiting for the cache.
    const writes = [put([1, 2], 'a'), put([2, 3], 'b'), put([3, 4], 'c'), put([1], 'd')];
    expect(await Promise.all(writes)).toEqual([true, true, true, true]);
    expect(await titles()).toEqual({ 'doc-1': 'd', 'doc-2': 'b', 'doc-3': 'c', 'doc-4': 'c' });
    // The first page serves nothing any more: deleted.
    expect(await storedRows()).toHaveLength(3);
  });

  it('keys each page at random: its row names neither the patient nor its documents', async () => {
    await put([1, 2]);
    const first = await storedRows();
    await cache.forgetPatient(mainId);
    await put([1, 2]);
    const second = await storedRows();
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second[0]?.id).not.toBe(first[0]?.id);
    expect(second[0]?.patient).toBe(first[0]?.patient);
  });

  it('fails closed on pages swapped between two rows, or moved to another patient', async () => {
    await put([1, 2]);
    await cache.put('documents', otherId, [{ id: 'doc-9', value: documentEntry(9) }]);
    const [a, b] = await storedRows();
    if (!a || !b) throw new Error('two pages');
    const raw = openRaw(name);
    await raw.table('documents').bulkPut([
      { ...a, [SEALED_FIELD]: b[SEALED_FIELD] },
      { ...b, [SEALED_FIELD]: a[SEALED_FIELD] },
    ]);
    expect(await titles(mainId)).toEqual({});
    expect(await titles(otherId)).toEqual({});
    expect(cache.status).toMatchObject({ state: 'on', unreadable: 2 });

    // Pages that failed to open are deleted, to be fetched again.
    await expect.poll(() => raw.table('documents').count()).toBe(0);

    await put([1, 2], 'again');
    const [mainPage] = await storedRows();
    await cache.put('documents', otherId, [{ id: 'doc-9', value: documentEntry(9) }]);
    const otherPage = (await storedRows()).find((row) => row.id !== mainPage?.id);
    if (!mainPage || !otherPage) throw new Error('two pages');
    await raw.table('documents').put({ ...mainPage, patient: otherPage.patient });
    raw.close();
    expect(await titles(mainId)).toEqual({});
    expect(await titles(otherId)).toEqual({ 'doc-9': documentEntry(9).title });
    expect(cache.status).toMatchObject({ state: 'on', unreadable: 3 });
  });

  it('drops rows of the earlier layout, a document each, as it reads', async () => {
    await put([1]);
    await cache.close();
    // A row as the cache wrote documents before pages: sealed, known to the usage ledger.
    const material = keyBytesFromBase64(keys.keyBase64 ?? '');
    if (!material) throw new Error('no key');
    const { sealing, blinding } = await importCacheKeys(material);
    const db = createCacheDatabase(
      name,
      encryptionMiddleware({ sealer: new RecordSealer(sealing), onUnreadable: () => {} }),
    );
    const patient = await blindKey(blinding, ['patient', mainId]);
    const storedAt = Date.now();
    await db.records('documents').put({
      id: 'earlier-layout',
      patient,
      itemId: 'doc-5',
      storedAt,
      value: documentEntry(5),
    });
    const usage = (await db.usage.get(patient)) as UsageRow;
    await db.usage.put({
      patient,
      entries: [
        ...usage.entries,
        { table: 'documents', id: 'earlier-layout', size: 100, storedAt, lastAccess: storedAt },
      ],
    });
    db.close();

    await open();
    expect(await titles()).toEqual({ 'doc-1': documentEntry(1).title });
    expect(await storedRows()).toHaveLength(1);
  });
});

describe('a record altered on disk', () => {
  it('reads as absent, is counted in the status, dropped, and can be fetched again', async () => {
    // Written apart, the two documents are two stored pages: one of them is altered.
    for (const i of [1, 2]) {
      await cache.put('documents', mainId, [{ id: `doc-${i}`, value: documentEntry(i) }]);
    }
    const raw = openRaw(name);
    const [row] = await raw.table('documents').toArray();
    const [ciphertext] = (row as Record<string, Uint8Array[]>)[SEALED_FIELD] ?? [];
    if (!ciphertext) throw new Error('no ciphertext');
    ciphertext[30] = (ciphertext[30] ?? 0) ^ 0x80;
    await raw.table('documents').put(row);
    const statuses: unknown[] = [];
    cache.onStatusChange((status) => statuses.push(status));

    expect((await cache.list('documents', mainId)).length).toBe(1);
    expect(cache.status).toMatchObject({ state: 'on', unreadable: 1 });
    expect(statuses).toHaveLength(1);
    await expect.poll(() => raw.table('documents').count()).toBe(1);
    raw.close();
    const read = await Promise.all([1, 2].map((i) => cache.get('documents', mainId, `doc-${i}`)));
    expect(read.filter((item) => item === undefined)).toHaveLength(1);
    await cache.put(
      'documents',
      mainId,
      [1, 2].map((i) => ({ id: `doc-${i}`, value: documentEntry(i) })),
    );
    expect(await cache.list('documents', mainId)).toHaveLength(2);
  });
});

describe('the size budget', () => {
  const item = (id: string) => ({ id, value: { contentType: 'x', bytes: new Uint8Array(1000) } });

  it('evicts the least recently read items to stay within it', async () => {
    await cache.close();
    await open({ budgetBytes: 5_000 });
    for (const id of ['a', 'b', 'c', 'd']) {
      await cache.put('frames', mainId, [item(id)]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await cache.get('frames', mainId, 'a');
    await cache.put('frames', mainId, [item('e'), item('f')]);
    const kept = (await cache.list('frames', mainId)).map((cached) => cached.id).sort();
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(kept).toEqual(expect.arrayContaining(['a', 'e', 'f']));
    expect(kept).not.toContain('b');
  });

  it('is kept across restarts', async () => {
    await cache.close();
    await open({ budgetBytes: 3_500 });
    await cache.put('frames', mainId, [item('a'), item('b'), item('c')]);
    await cache.close();
    await open({ budgetBytes: 3_500 });
    await cache.put('frames', mainId, [item('d')]);
    expect((await cache.list('frames', mainId)).map((cached) => cached.id)).not.toContain('a');
    expect(await cache.list('frames', mainId)).toHaveLength(3);
  });

  it('refuses an item larger than the whole budget', async () => {
    await cache.close();
    await open({ budgetBytes: 500 });
    expect(await cache.put('frames', mainId, [item('big')])).toBe(false);
  });
});

describe('a full quota', () => {
  function failPuts(times: number) {
    const put = IDBObjectStore.prototype.put;
    let failures = 0;
    return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'frames' && failures < times) {
        failures += 1;
        throw new DOMException('the quota is exceeded', 'QuotaExceededError');
      }
      return put.apply(this, args);
    });
  }

  const item = (id: string) => ({ id, value: { contentType: 'x', bytes: new Uint8Array(1000) } });

  it('evicts the oldest items and retries the write instead of failing', async () => {
    await cache.put('frames', mainId, ['a', 'b', 'c', 'd'].map(item));
    const spy = failPuts(1);
    expect(await cache.put('frames', mainId, [item('e')])).toBe(true);
    expect(spy.mock.calls.length).toBeGreaterThan(1);
    const kept = (await cache.list('frames', mainId)).map((cached) => cached.id);
    expect(kept).toContain('e');
    expect(kept.length).toBeLessThan(5);
  });

  it('gives up without throwing when nothing is left to evict', async () => {
    failPuts(Infinity);
    expect(await cache.put('frames', mainId, [item('a')])).toBe(false);
  });
});

describe('the age limit', () => {
  it('serves nothing older than the limit, and drops it', async () => {
    await cache.close();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
    await open({ maxAgeMs: 60_000 });
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    vi.setSystemTime(new Date('2025-01-01T00:00:30Z'));
    await cache.put('documents', mainId, [{ id: 'doc-2', value: documentEntry(2) }]);
    vi.setSystemTime(new Date('2025-01-01T00:01:10Z'));
    expect(await cache.get('documents', mainId, 'doc-1')).toBeUndefined();
    expect((await cache.list('documents', mainId)).map((item) => item.id)).toEqual(['doc-2']);
    await cache.close();
    vi.setSystemTime(new Date('2025-01-01T00:02:00Z'));
    await open({ maxAgeMs: 60_000 });
    const raw = openRaw(name);
    expect(await raw.table('documents').count()).toBe(0);
    raw.close();
  });
});

describe('the key', () => {
  async function cachedDocument() {
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    await cache.close();
  }

  it('renewed by the host empties the cache, and the status says so', async () => {
    await cachedDocument();
    keys.keyBase64 = randomKeyBase64();
    keys.renewed = true;
    await open();
    expect(cache.status).toMatchObject({ state: 'on', reset: 'key-renewed', unreadable: 0 });
    expect(await cache.list('documents', mainId)).toEqual([]);
  });

  it('changed without notice is caught by the canary and empties the cache', async () => {
    await cachedDocument();
    keys.keyBase64 = randomKeyBase64();
    await open();
    expect(cache.status).toMatchObject({ state: 'on', reset: 'key-changed', unreadable: 0 });
    const raw = openRaw(name);
    expect(await raw.table('documents').count()).toBe(0);
    raw.close();
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    expect(await cache.get('documents', mainId, 'doc-1')).toBeDefined();
  });

  it('kept the same finds the cache as it was left', async () => {
    await cachedDocument();
    await open();
    expect(cache.status).toMatchObject({ state: 'on', reset: undefined });
    expect((await cache.get('documents', mainId, 'doc-1'))?.value).toEqual(documentEntry(1));
  });

  it('unavailable turns the cache off: nothing is kept, and leftovers are deleted', async () => {
    await cachedDocument();
    keys.protection = 'unavailable';
    await open();
    expect(cache.status).toEqual({ state: 'off', reason: 'no-key-store' });
    expect(await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }])).toBe(
      false,
    );
    expect(await cache.get('documents', mainId, 'doc-1')).toBeUndefined();
    expect(await cache.list('documents', mainId)).toEqual([]);
    expect(await databaseExists(name)).toBe(false);
  });

  it('out of reach turns the cache off as failed', async () => {
    await cache.close();
    keys.failing = true;
    await open();
    expect(cache.status).toEqual({ state: 'off', reason: 'failed' });
  });
});

describe('purge', () => {
  it('deletes the database and has the host forget the key', async () => {
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    expect(await databaseExists(name)).toBe(true);
    await cache.purge();
    expect(await databaseExists(name)).toBe(false);
    expect(keys.forgotten).toBe(1);
    expect(cache.status).toEqual({ state: 'off', reason: 'purged' });
    expect(await cache.get('documents', mainId, 'doc-1')).toBeUndefined();
    expect(await databaseExists(name)).toBe(false);
  });

  it('still forgets the key when the cache is off', async () => {
    await cache.close();
    keys.protection = 'unavailable';
    await open();
    await cache.purge();
    expect(keys.forgotten).toBe(1);
  });
});

describe('rows whose usage had not reached the disk', () => {
  const frame = (id: string) => ({ id, value: { contentType: 'x', bytes: new Uint8Array(1000) } });
  const many = Array.from({ length: 2 * MAX_PAGE_ITEMS + 10 }, (_, i) => ({
    id: `doc-${i}`,
    value: documentEntry(i),
  }));

  /** The cache written as the user reads, its usage still waiting to be written. */
  async function writtenJustBefore(): Promise<RecordCache> {
    // The deferred usage write is never run: the page is gone before it comes.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await cache.put('documents', mainId, many);
      await cache.put('contents', mainId, [
        { id: 'doc-1', value: { contentType: 'application/pdf', bytes: new Uint8Array(64) } },
      ]);
      await cache.put('frames', mainId, [frame('f-1')]);
    } finally {
      vi.useRealTimers();
    }
    return cache;
  }

  it('are kept across a reload right after they were written', async () => {
    const left = await writtenJustBefore();
    const raw = openRaw(name);
    expect(await raw.table('usage').count()).toBe(0);
    await open();
    expect((await cache.list('documents', mainId)).map((item) => item.id).sort()).toEqual(
      many.map((item) => item.id).sort(),
    );
    expect((await cache.get('contents', mainId, 'doc-1'))?.value.bytes).toHaveLength(64);
    expect((await cache.get('frames', mainId, 'f-1'))?.value.bytes).toHaveLength(1000);
    expect(cache.status).toMatchObject({ state: 'on', unreadable: 0 });
    // Their usage is written as the cache starts, without waiting.
    expect(await raw.table('usage').count()).toBe(1);
    raw.close();
    await left.close();
  });

  it('are accounted for again at start, so that the budget holds', async () => {
    await cache.close();
    await open({ budgetBytes: 3_500 });
    await cache.put('frames', mainId, ['a', 'b', 'c'].map(frame));
    await cache.close();
    const raw = openRaw(name);
    await raw.table('usage').clear();
    await open({ budgetBytes: 2_500 });
    expect(await raw.table('frames').count()).toBe(2);
    expect(await cache.list('frames', mainId)).toHaveLength(2);
    // The rebuilt usage is written at start, without waiting.
    const usage = (await raw.table('usage').toArray()) as unknown[];
    raw.close();
    expect(usage).toHaveLength(1);
  });

  it('are accounted for again at start, so that the age limit holds', async () => {
    await cache.close();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
    await open({ maxAgeMs: 60_000 });
    await cache.put('documents', mainId, [{ id: 'doc-1', value: documentEntry(1) }]);
    vi.setSystemTime(new Date('2025-01-01T00:00:30Z'));
    await cache.put('frames', mainId, [frame('f-1')]);
    await cache.close();
    const raw = openRaw(name);
    await raw.table('usage').clear();
    vi.setSystemTime(new Date('2025-01-01T00:01:10Z'));
    await open({ maxAgeMs: 60_000 });
    expect(await raw.table('documents').count()).toBe(0);
    expect(await raw.table('frames').count()).toBe(1);
    raw.close();
    expect(await cache.list('documents', mainId)).toEqual([]);
    expect((await cache.list('frames', mainId)).map((item) => item.id)).toEqual(['f-1']);
  });

  it('fail closed when altered: dropped and counted, never accounted for', async () => {
    await cache.put('frames', mainId, [frame('f-1'), frame('f-2')]);
    await cache.close();
    const raw = openRaw(name);
    await raw.table('usage').clear();
    const [row] = await raw.table('frames').toArray();
    const [ciphertext] = (row as Record<string, Uint8Array[]>)[SEALED_FIELD] ?? [];
    if (!ciphertext) throw new Error('no ciphertext');
    ciphertext[30] = (ciphertext[30] ?? 0) ^ 0x80;
    await raw.table('frames').put(row);
    await open();
    expect(cache.status).toMatchObject({ state: 'on', unreadable: 1 });
    await expect.poll(() => raw.table('frames').count()).toBe(1);
    raw.close();
    expect(await cache.list('frames', mainId)).toHaveLength(1);
  });
});
