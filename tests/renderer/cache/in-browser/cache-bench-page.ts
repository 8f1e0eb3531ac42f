import './zod-without-eval';
import Dexie from 'dexie';
import { CACHE_STORES, createCacheDatabase } from '../../../../renderer/src/cache/cache-database';
import { importCacheKeys } from '../../../../renderer/src/cache/cache-keys';
import { encryptionMiddleware } from '../../../../renderer/src/cache/encryption-middleware';
import type { KeySource } from '../../../../renderer/src/cache/key-source';
import { openRecordCache } from '../../../../renderer/src/cache/open-record-cache';
import { paginate } from '../../../../renderer/src/cache/record-pages';
import { RecordSealer } from '../../../../renderer/src/cache/record-sealer';
import { documentOf, frameOf, type CacheFixture } from './cache-fixture';

/*
 * Runs in a Chromium page (see cache.bench.ts): times the same writes and reads through plain
 * Dexie and through the encrypted cache, in the same run, on the same profile.
 */

export interface BenchInput {
  readonly runs: number;
  readonly fixture: CacheFixture;
}

/** Milliseconds per run for each case, the first (warm-up) run left out. */
export type BenchTimes = Record<string, number[]>;

const range = (count: number) => Array.from({ length: count }, (_, index) => index);
const PATIENT = 'bench-patient';

const keySource: KeySource = {
  getCacheKey: () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    return Promise.resolve({
      protection: 'user-file',
      keyBase64: btoa(String.fromCharCode(...key)),
      renewed: false,
    });
  },
  forgetCacheKey: () => Promise.resolve({ forgotten: true }),
};

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * The rows to write: documents a row each, or in the cache's layout (pages of items, see
 * record-pages.ts) when `paged`.
 */
function rowsOf(fixture: CacheFixture, paged: boolean) {
  const storedAt = Date.now();
  const documents = range(fixture.documents).map((index) => documentOf(fixture, index));
  return {
    documents: paged
      ? paginate(
          documents.map((value) => ({ id: value.logicalId, value })),
          storedAt,
        ).map((value, index) => ({
          id: `page-${index}`,
          patient: PATIENT,
          itemId: `page-${index}`,
          storedAt,
          value,
        }))
      : documents.map((value) => ({
          id: value.logicalId,
          patient: PATIENT,
          itemId: value.logicalId,
          storedAt,
          value,
        })),
    frames: range(fixture.frames).map((index) => ({
      id: `frame-${index}`,
      patient: PATIENT,
      itemId: `frame-${index}`,
      storedAt,
      value: { contentType: 'application/octet-stream', bytes: frameOf(fixture, index) },
    })),
  };
}

/** As many bytes as a frame, random: as little compressible as ciphertext. */
function noiseOf(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  }
  return bytes;
}

/** The same Dexie operations on the same rows, with or without the sealing middleware. */
async function dexieCase(name: string, sealed: boolean, paged: boolean, fixture: CacheFixture) {
  await Dexie.delete(name);
  const rows = rowsOf(fixture, paged);
  const documentCount = (read: readonly { value: unknown }[]) =>
    paged
      ? read.reduce((sum, row) => sum + (row.value as { items: unknown[] }).items.length, 0)
      : read.length;
  let db: Dexie;
  if (sealed) {
    const { sealing } = await importCacheKeys(crypto.getRandomValues(new Uint8Array(32)));
    db = createCacheDatabase(
      name,
      encryptionMiddleware({ sealer: new RecordSealer(sealing), onUnreadable: () => {} }),
    );
  } else {
    db = new Dexie(name);
    db.version(1).stores(CACHE_STORES);
  }
  await db.open();
  const documents = db.table('documents');
  const frames = db.table('frames');
  const times: Record<string, number> = {
    writeDocuments: await time(() => documents.bulkPut(rows.documents)),
    readDocuments: await time(async () => {
      const read = await documents.where('patient').equals(PATIENT).toArray();
      if (documentCount(read) !== fixture.documents) throw new Error('documents missing');
    }),
  };
  // Frames are a row each in either layout: measured once, beside the documents a row each.
  if (!paged) {
    times.writeFrames = await time(async () => {
      for (const row of rows.frames) await frames.put(row);
    });
    times.readFrames = await time(async () => {
      for (const row of rows.frames) if (!(await frames.get(row.id))) throw new Error('no frame');
    });
    // The same frames as random bytes: IndexedDB compresses what it stores (the pixels, not
    // ciphertext), which this baseline leaves out.
    const noise = rows.frames.map((row) => ({
      ...row,
      id: `noise-${row.id}`,
      value: { ...row.value, bytes: noiseOf(row.value.bytes.byteLength) },
    }));
    times.writeNoiseFrames = await time(async () => {
      for (const row of noise) await frames.put(row);
    });
    times.readNoiseFrames = await time(async () => {
      for (const row of noise) if (!(await frames.get(row.id))) throw new Error('no frame');
    });
  }
  db.close();
  await Dexie.delete(name);
  return times;
}

/** The cache's own API: blind keys, usage ledger and sealing, as the app will call it. */
async function recordCacheCase(name: string, fixture: CacheFixture) {
  await Dexie.delete(name);
  const rows = rowsOf(fixture, false);
  const cache = await openRecordCache(keySource, { databaseName: name });
  const times = {
    writeDocuments: await time(() =>
      cache.put(
        'documents',
        PATIENT,
        range(fixture.documents).map((index) => {
          const value = documentOf(fixture, index);
          return { id: value.logicalId, value };
        }),
      ),
    ),
    readDocuments: await time(async () => {
      const read = await cache.list('documents', PATIENT);
      if (read.length !== fixture.documents) throw new Error('documents missing');
    }),
    writeFrames: await time(async () => {
      for (const row of rows.frames) {
        await cache.put('frames', PATIENT, [{ id: row.itemId, value: row.value }]);
      }
    }),
    readFrames: await time(async () => {
      for (const row of rows.frames) {
        if (!(await cache.get('frames', PATIENT, row.itemId))) throw new Error('no frame');
      }
    }),
  };
  await cache.close();
  await Dexie.delete(name);
  return times;
}

async function run({ runs, fixture }: BenchInput): Promise<BenchTimes> {
  const times: BenchTimes = {};
  const record = (variant: string, measured: Record<string, number>, warmUp: boolean) => {
    if (warmUp) return;
    for (const [step, ms] of Object.entries(measured))
      (times[`${variant}.${step}`] ??= []).push(ms);
  };
  for (let index = 0; index <= runs; index += 1) {
    const warmUp = index === 0;
    // Alternating the order spreads any drift of the machine over both sides.
    const variants = ['plain', 'sealed', 'plainPages', 'sealedPages', 'cache'];
    if (index % 2 === 1) variants.reverse();
    for (const variant of variants) {
      const name = `bench-${variant}`;
      const measured =
        variant === 'cache'
          ? await recordCacheCase(name, fixture)
          : await dexieCase(name, variant.startsWith('sealed'), variant.endsWith('Pages'), fixture);
      record(variant, measured, warmUp);
    }
  }
  return times;
}

Object.assign(globalThis, { regardCacheBench: { run } });
