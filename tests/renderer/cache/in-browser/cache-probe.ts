import './zod-without-eval';
import Dexie, { liveQuery } from 'dexie';
import { bridge } from '../../../../renderer/src/bridge/bridge';
import {
  CACHE_DATABASE_NAME,
  CACHE_STORES,
  createCacheDatabase,
} from '../../../../renderer/src/cache/cache-database';
import { importCacheKeys } from '../../../../renderer/src/cache/cache-keys';
import type { CacheStatus } from '../../../../renderer/src/cache/cache-status';
import {
  encryptionMiddleware,
  SEALED_FIELD,
} from '../../../../renderer/src/cache/encryption-middleware';
import { openRecordCache } from '../../../../renderer/src/cache/open-record-cache';
import type { RecordCache } from '../../../../renderer/src/cache/record-cache';
import { RecordSealer } from '../../../../renderer/src/cache/record-sealer';
import {
  contentOf,
  documentOf,
  DOCUMENTS_PER_PUT,
  frameOf,
  studyOf,
  type CacheFixture,
} from './cache-fixture';

/*
 * Runs in the app's page (see page-bundle.ts): drives the real cache over the real bridge, with
 * the fixture's patient and markers, and reports what it read back.
 */

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, index) => byte === b[index]);
}

async function fillCache(cache: RecordCache, fixture: CacheFixture): Promise<boolean[]> {
  const id = fixture.patient.id;
  const documents = range(fixture.documents).map((index) => documentOf(fixture, index));
  const stored = [
    await cache.put('patients', id, [{ id, value: fixture.patient }]),
    ...(await Promise.all(
      range(Math.ceil(documents.length / DOCUMENTS_PER_PUT)).map((page) =>
        cache.put(
          'documents',
          id,
          documents
            .slice(page * DOCUMENTS_PER_PUT, (page + 1) * DOCUMENTS_PER_PUT)
            .map((entry) => ({ id: entry.logicalId, value: entry })),
        ),
      ),
    )),
    await cache.put(
      'contents',
      id,
      documents.map((entry, index) => ({
        id: entry.logicalId,
        value: { contentType: 'application/pdf', bytes: contentOf(fixture, index) },
      })),
    ),
    await cache.put('studies', id, [
      { id: studyOf(fixture, 0).studyInstanceUid, value: { summary: studyOf(fixture, 0) } },
    ]),
  ];
  for (const index of range(fixture.frames)) {
    const bytes = frameOf(fixture, index);
    stored.push(
      await cache.put('frames', id, [
        { id: `frame-${index}`, value: { contentType: 'application/octet-stream', bytes } },
      ]),
    );
  }
  return stored;
}

async function readCache(cache: RecordCache, fixture: CacheFixture) {
  const id = fixture.patient.id;
  const documents = await cache.list('documents', id);
  const expected = range(fixture.documents).map((index) => documentOf(fixture, index));
  const contents = await Promise.all(
    expected.map(async (entry, index) =>
      sameBytes(
        (await cache.get('contents', id, entry.logicalId))?.value.bytes,
        contentOf(fixture, index),
      ),
    ),
  );
  const frames = await Promise.all(
    range(fixture.frames).map(async (index) =>
      sameBytes(
        (await cache.get('frames', id, `frame-${index}`))?.value.bytes,
        frameOf(fixture, index),
      ),
    ),
  );
  const patient = (await cache.get('patients', id, id))?.value;
  const study = (await cache.get('studies', id, studyOf(fixture, 0).studyInstanceUid))?.value;
  return {
    patient: JSON.stringify(patient) === JSON.stringify(fixture.patient),
    study: JSON.stringify(study?.summary) === JSON.stringify(studyOf(fixture, 0)),
    documents: documents.filter(
      (item) =>
        JSON.stringify(item.value) ===
        JSON.stringify(expected.find((entry) => entry.logicalId === item.id)),
    ).length,
    contents: contents.filter(Boolean).length,
    frames: frames.filter(Boolean).length,
  };
}

async function withCache<T>(
  work: (cache: RecordCache) => Promise<T>,
): Promise<T & { status: CacheStatus }> {
  const cache = await openRecordCache(bridge);
  const result = await work(cache);
  const status = cache.status;
  await cache.close();
  return { ...result, status };
}

interface Row {
  id: string;
  patient: string;
  value: { title: string };
}

const row = (index: number): Row => ({
  id: `r${index}`,
  patient: 'p',
  value: { title: `t${index}` },
});

/**
 * Every Dexie read path through the sealing middleware, in Chromium's IndexedDB: each check names
 * a path and says whether it gave the plaintext back. (Chromium resolves WebCrypto before an idle
 * transaction commits, so the keep-alive is proven by the fake-indexeddb tests, not here.)
 */
async function readPaths(): Promise<Record<string, boolean>> {
  const { sealing } = await importCacheKeys(crypto.getRandomValues(new Uint8Array(32)));
  const name = 'read-paths';
  await Dexie.delete(name);
  const db = createCacheDatabase(
    name,
    encryptionMiddleware({ sealer: new RecordSealer(sealing), onUnreadable: () => {} }),
  );
  const table = db.table<Row, string>('documents');
  await table.bulkPut(range(5).map(row));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const seen: Row[] = [];
  const checks: Record<string, boolean> = {
    get: same(await table.get('r1'), row(1)),
    bulkGet: same(await table.bulkGet(['r0', 'r4']), [row(0), row(4)]),
    query: same(await table.where('patient').equals('p').toArray(), range(5).map(row)),
    cursor: await table.each((value) => seen.push(value)).then(() => same(seen, range(5).map(row))),
    filter: same(await table.filter((value) => value.id === 'r3').toArray(), [row(3)]),
    offset: same(await table.orderBy('id').offset(3).toArray(), [row(3), row(4)]),
    readTransaction: await db.transaction('r', table, async () => {
      const first = await table.get('r0');
      const many = await table.bulkGet(['r1', 'r2']);
      const all = await table.toArray();
      return same([first, ...many], [row(0), row(1), row(2)]) && all.length === 5;
    }),
    writeTransaction: await db.transaction('rw', table, async () => {
      const first = await table.get('r0');
      await table.put({ ...row(9), value: { title: `${first?.value.title}-copy` } });
      return (await table.get('r9'))?.value.title === 't0-copy';
    }),
    update: (await table.update('r1', { 'value.title': 'changed' })) === 1,
    modify: (await table.where('id').anyOf(['r2', 'r3']).modify({ patient: 'q' })) === 2,
  };
  checks.afterUpdates =
    (await table.get('r1'))?.value.title === 'changed' &&
    (await table.where('patient').equals('q').count()) === 2;
  checks.liveQuery = await new Promise<boolean>((resolve) => {
    const subscription = liveQuery(() => table.get('r4')).subscribe((value) => {
      subscription.unsubscribe();
      resolve(same(value, row(4)));
    });
  });
  db.close();
  await Dexie.delete(name);
  return checks;
}

const probe = {
  readPaths,

  fill: (fixture: CacheFixture) =>
    withCache(async (cache) => ({ stored: await fillCache(cache, fixture) })),

  read: (fixture: CacheFixture) => withCache((cache) => readCache(cache, fixture)),

  /**
   * Flips one byte of one stored page of documents (DOCUMENTS_PER_PUT of them), as a disk error or
   * an attacker would.
   */
  async tamper(): Promise<void> {
    const raw = new Dexie(CACHE_DATABASE_NAME);
    raw.version(1).stores(CACHE_STORES);
    const [row] = (await raw.table('documents').limit(1).toArray()) as Record<
      string,
      Uint8Array[]
    >[];
    const ciphertext = row?.[SEALED_FIELD]?.[0];
    if (!row || !ciphertext) throw new Error('nothing to tamper with');
    ciphertext[ciphertext.length - 1] = (ciphertext[ciphertext.length - 1] ?? 0) ^ 0x01;
    await raw.table('documents').put(row);
    raw.close();
  },

  /** Writes like fill() within the given quota, by a cache whose own budget is far larger. */
  fillOverQuota: (fixture: CacheFixture) =>
    withCache(async (cache) => {
      const stored = await fillCache(cache, fixture);
      const estimate = await navigator.storage.estimate();
      return { stored, ...(await readCache(cache, fixture)), usage: estimate.usage ?? 0 };
    }),

  async purge() {
    const cache = await openRecordCache(bridge);
    await cache.purge();
    return { status: cache.status, databases: (await indexedDB.databases()).map((db) => db.name) };
  },

  /** The control: the same values in an IndexedDB database without the cache's sealing. */
  async fillUnsealed(fixture: CacheFixture): Promise<void> {
    const db = new Dexie('unsealed-control');
    db.version(1).stores({ values: '++' });
    const id = fixture.patient.id;
    await db
      .table('values')
      .bulkAdd([
        fixture.patient,
        ...range(fixture.documents).map((index) => documentOf(fixture, index)),
        ...range(fixture.documents).map((index) => ({ id, bytes: contentOf(fixture, index) })),
        ...range(fixture.frames).map((index) => ({ id, bytes: frameOf(fixture, index) })),
      ]);
    db.close();
  },
};

export type CacheProbe = typeof probe;

Object.assign(globalThis, { regardCacheProbe: probe });
