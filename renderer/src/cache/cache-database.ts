import Dexie, { type DBCore, type Middleware, type Table } from 'dexie';

export const CACHE_DATABASE_NAME = 'regard-cache';

/** What the cache keeps, one table each, every row sealed whole. */
export const RECORD_TABLES = ['patients', 'documents', 'contents', 'studies', 'frames'] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/**
 * Tables kept in pages of items rather than a row per item (see record-pages.ts): those read a
 * whole patient at a time, in the thousands.
 */
export const PAGED_TABLES: ReadonlySet<RecordTable> = new Set(['documents']);

/**
 * The IndexedDB schema. Primary keys and indexes are the only fields kept in the clear, so they are
 * all blind keys (HMAC of ids, see cache-keys.ts) or fixed names: nothing names a patient.
 */
export const CACHE_STORES = {
  meta: 'id',
  usage: 'patient',
  patients: 'id, patient',
  documents: 'id, patient',
  contents: 'id, patient',
  studies: 'id, patient',
  frames: 'id, patient',
} as const satisfies Record<RecordTable | 'meta' | 'usage', string>;

/**
 * One cached item, or in a paged table one page of items (`value` a RecordPage, `id` random):
 * `id` and `patient` are blind keys, the rest is only ever read sealed.
 */
export interface RecordRow {
  readonly id: string;
  readonly patient: string;
  readonly itemId: string;
  readonly storedAt: number;
  readonly value: unknown;
}

/** What eviction needs to know of one cached item. */
export interface UsageEntry {
  readonly table: RecordTable;
  readonly id: string;
  readonly size: number;
  readonly storedAt: number;
  lastAccess: number;
}

/** A patient's usage entries, kept together so that reading them all at start is quick. */
export interface UsageRow {
  readonly patient: string;
  readonly entries: readonly UsageEntry[];
}

export interface MetaRow {
  readonly id: string;
  readonly value: string;
}

export interface CacheDatabase extends Dexie {
  readonly meta: Table<MetaRow, string>;
  readonly usage: Table<UsageRow, string>;
  records(table: RecordTable): Table<RecordRow, string>;
}

export function createCacheDatabase(name: string, sealing: Middleware<DBCore>): CacheDatabase {
  const db = new Dexie(name);
  // Declaring the stores also gives the Dexie instance a property per table (db.meta, db.usage).
  db.version(1).stores(CACHE_STORES);
  db.use(sealing);
  return Object.assign(db as Dexie & Pick<CacheDatabase, 'meta' | 'usage'>, {
    records: (table: RecordTable) => db.table<RecordRow, string>(table),
  });
}
