import Dexie from 'dexie';
import {
  createCacheDatabase,
  PAGED_TABLES,
  RECORD_TABLES,
  type CacheDatabase,
  type RecordRow,
  type RecordTable,
  type UsageEntry,
} from './cache-database';
import { blindKey, type CacheKeys } from './cache-keys';
import type { CacheStatus } from './cache-status';
import { encryptionMiddleware } from './encryption-middleware';
import type { KeySource } from './key-source';
import { isQuotaExceeded } from './quota-error';
import type { Cached, CachedValues, CacheItem, RecordCache } from './record-cache';
import {
  isRecordPage,
  PageIndex,
  paginate,
  resolvePages,
  type PatientPages,
  type ResolvedItem,
} from './record-pages';
import { RecordSealer } from './record-sealer';
import { StatusHolder } from './status-holder';
import { UsageLedger } from './usage-ledger';
import { approximateSize } from './value-size';

const CANARY_ID = 'canary';
const CANARY_VALUE = 'regard-cache';
/**
 * Writes and reads change the usage in memory; it reaches the disk this much later. Rows whose
 * usage had not reached it yet are accounted for again at the next start (see #reconcile).
 */
const USAGE_WRITE_DELAY_MS = 2_000;
const QUOTA_RETRIES = 3;
/** Rows without usage are opened this many at a time at start (frames weigh up to a few MB). */
const RECONCILE_BATCH_ROWS = 32;
/** Eviction goes this share of the budget below it, so that it does not run on every write. */
const EVICTION_HEADROOM = 0.1;

export interface EncryptedCacheOptions {
  readonly databaseName: string;
  readonly budgetBytes: number;
  readonly maxAgeMs: number;
}

export interface EncryptedCacheStart {
  readonly keys: CacheKeys;
  readonly protection: 'os-keystore' | 'user-file';
  /** The host made a new key: whatever the database holds was sealed with a lost one. */
  readonly renewed: boolean;
  readonly keySource: KeySource;
  readonly options: EncryptedCacheOptions;
}

function isRecordTable(table: string): table is RecordTable {
  return (RECORD_TABLES as readonly string[]).includes(table);
}

function asCached<T extends RecordTable>(row: RecordRow | ResolvedItem): Cached<T> {
  const id = 'itemId' in row ? row.itemId : row.id;
  return { id, value: row.value as CachedValues[T], storedAt: row.storedAt };
}

/** A page's row key: random, so that it says nothing of the patient or of the items. */
function randomRowId(): string {
  let binary = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16)))
    binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The cache at work: see RecordCache for the contract, the folder's files for each part. */
export class EncryptedRecordCache implements RecordCache {
  readonly #db: CacheDatabase;
  readonly #blinding: CryptoKey;
  readonly #protection: 'os-keystore' | 'user-file';
  readonly #keySource: KeySource;
  readonly #options: EncryptedCacheOptions;
  readonly #ledger = new UsageLedger();
  readonly #status: StatusHolder;
  readonly #patientKeys = new Map<string, Promise<string>>();
  readonly #pages = new PageIndex();
  /** The work queued on each paged table and patient, done one at a time (see #inTurn). */
  readonly #turns = new Map<string, Promise<void>>();
  #reset: 'key-renewed' | 'key-changed' | undefined;
  #unreadable = 0;
  #usageTimer: ReturnType<typeof setTimeout> | undefined;
  #open = true;

  private constructor(start: EncryptedCacheStart) {
    this.#blinding = start.keys.blinding;
    this.#protection = start.protection;
    this.#keySource = start.keySource;
    this.#options = start.options;
    this.#reset = start.renewed ? 'key-renewed' : undefined;
    this.#status = new StatusHolder(this.#statusNow());
    this.#db = createCacheDatabase(
      start.options.databaseName,
      encryptionMiddleware({
        sealer: new RecordSealer(start.keys.sealing),
        onUnreadable: (table, primaryKey) => this.#onUnreadable(table, primaryKey),
      }),
    );
  }

  /** Opens the database, resets it if its key is not this one, and loads the usage ledger. */
  static async open(start: EncryptedCacheStart): Promise<EncryptedRecordCache> {
    const cache = new EncryptedRecordCache(start);
    try {
      await cache.#start();
    } catch (error) {
      cache.#db.close();
      throw error;
    }
    return cache;
  }

  get status(): CacheStatus {
    return this.#status.current;
  }

  onStatusChange(listener: (status: CacheStatus) => void): () => void {
    return this.#status.subscribe(listener);
  }

  async put<T extends RecordTable>(
    table: T,
    patientId: string,
    items: readonly CacheItem<T>[],
  ): Promise<boolean> {
    if (!this.#open) return false;
    try {
      const patient = await this.#patientKey(patientId);
      if (PAGED_TABLES.has(table)) {
        return await this.#inTurn(table, patient, () => this.#putPages(table, patient, items));
      }
      const storedAt = Date.now();
      const rows: RecordRow[] = await Promise.all(
        items.map(async (item) => ({
          id: await this.#itemKey(table, patientId, item.id),
          patient,
          itemId: item.id,
          storedAt,
          value: item.value,
        })),
      );
      return await this.#store(table, patient, rows, []);
    } catch {
      return false;
    }
  }

  async get<T extends RecordTable>(
    table: T,
    patientId: string,
    itemId: string,
  ): Promise<Cached<T> | undefined> {
    if (!this.#open) return undefined;
    try {
      if (PAGED_TABLES.has(table)) {
        return (await this.list(table, patientId)).find((item) => item.id === itemId);
      }
      const id = await this.#itemKey(table, patientId, itemId);
      const entry = this.#ledger.entry(table, id);
      if (entry && this.#isExpired(entry)) {
        await this.#delete([entry]);
        return undefined;
      }
      const row = await this.#db.records(table).get(id);
      if (!row) return undefined;
      this.#touch(table, [row.id]);
      return asCached<T>(row);
    } catch {
      return undefined;
    }
  }

  async list<T extends RecordTable>(table: T, patientId: string): Promise<Cached<T>[]> {
    if (!this.#open) return [];
    try {
      const patient = await this.#patientKey(patientId);
      if (PAGED_TABLES.has(table)) {
        const items = await this.#inTurn(table, patient, () => this.#readPages(table, patient));
        return items.map((item) => asCached<T>(item));
      }
      return (await this.#freshRows(table, patient)).map((row) => asCached<T>(row));
    } catch {
      return [];
    }
  }

  async forgetPatient(patientId: string): Promise<void> {
    if (!this.#open) return;
    const patient = await this.#patientKey(patientId);
    // Writes of its pages under way end first, so that none lands after the erasure.
    await Promise.all([...PAGED_TABLES].map((table) => this.#turns.get(`${table}/${patient}`)));
    const tables = [...RECORD_TABLES.map((table) => this.#db.records(table)), this.#db.usage];
    await this.#db.transaction('rw', tables, async () => {
      for (const table of RECORD_TABLES) {
        await this.#db.records(table).where('patient').equals(patient).delete();
      }
      await this.#db.usage.delete(patient);
    });
    for (const entry of this.#ledger.ofPatient(patient)) this.#ledger.remove(entry.table, entry.id);
    this.#pages.forgetPatient(patient);
    this.#scheduleUsageWrite();
  }

  async purge(): Promise<void> {
    this.#stop();
    this.#db.close();
    await Dexie.delete(this.#options.databaseName);
    this.#status.set({ state: 'off', reason: 'purged' });
    await this.#keySource.forgetCacheKey({});
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    await this.#writeUsage();
    this.#stop();
    this.#db.close();
  }

  async #start(): Promise<void> {
    const db = this.#db;
    await db.open();
    const canary = await db.meta.get(CANARY_ID);
    // The canary is there but does not open: the database was sealed with another key.
    if (!this.#reset && !canary && (await db.meta.where('id').equals(CANARY_ID).count()) > 0) {
      this.#reset = 'key-changed';
    }
    if (this.#reset) {
      await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())));
      this.#unreadable = 0;
    }
    if (this.#reset || !canary) await db.meta.put({ id: CANARY_ID, value: CANARY_VALUE });
    this.#ledger.load(await db.usage.toArray());
    await this.#reconcile();
    await this.#delete(this.#ledger.storedBefore(Date.now() - this.#options.maxAgeMs));
    const excess = this.#ledger.total - this.#options.budgetBytes;
    if (excess > 0) await this.#evict(excess + this.#options.budgetBytes * EVICTION_HEADROOM);
    await this.#writeUsage();
    this.#status.set(this.#statusNow());
  }

  /** Writes rows and deletes the superseded ones in one transaction, within the budget. */
  async #store(
    table: RecordTable,
    patient: string,
    rows: readonly RecordRow[],
    superseded: readonly string[],
  ): Promise<boolean> {
    const sizes = rows.map((row) => approximateSize(row.value));
    const bytes = sizes.reduce((sum, size) => sum + size, 0);
    if (bytes > this.#options.budgetBytes) return false;
    const records = this.#db.records(table);
    const written = await this.#writeEvictingOnQuota(
      () =>
        superseded.length === 0
          ? records.bulkPut(rows)
          : this.#db.transaction('rw', records, async () => {
              await records.bulkPut(rows);
              await records.bulkDelete([...superseded]);
            }),
      bytes,
    );
    if (!written) return false;
    for (const id of superseded) this.#ledger.remove(table, id);
    rows.forEach((row, index) => {
      const size = sizes[index] ?? 0;
      const { storedAt } = row;
      this.#ledger.add(patient, { table, id: row.id, size, storedAt, lastAccess: storedAt });
    });
    const excess = this.#ledger.total - this.#options.budgetBytes;
    if (excess > 0) await this.#evict(excess + this.#options.budgetBytes * EVICTION_HEADROOM);
    this.#scheduleUsageWrite();
    return true;
  }

  /** A patient's rows of a table, those past the age limit deleted, the others marked read. */
  async #freshRows(table: RecordTable, patient: string): Promise<RecordRow[]> {
    const rows = await this.#db.records(table).where('patient').equals(patient).toArray();
    const expired: UsageEntry[] = [];
    const fresh: RecordRow[] = [];
    for (const row of rows) {
      const entry = this.#ledger.entry(table, row.id);
      if (entry && this.#isExpired(entry)) expired.push(entry);
      else fresh.push(row);
    }
    if (expired.length > 0) await this.#delete(expired);
    this.#touch(
      table,
      fresh.map((row) => row.id),
    );
    return fresh;
  }

  /**
   * Writes items as new pages above every page the patient has, and deletes the older pages
   * that are left serving nothing. Called in the patient's turn.
   */
  async #putPages(
    table: RecordTable,
    patient: string,
    items: readonly CacheItem<RecordTable>[],
  ): Promise<boolean> {
    const known = await this.#knownPages(table, patient);
    const storedAt = Date.now();
    const pages = paginate(items, Math.max(known.generation + 1, storedAt));
    const added = pages.map((page) => ({ rowId: randomRowId(), page }));
    const ids = new Set(pages.flatMap((page) => page.items.map((item) => item.id)));
    const superseded = this.#pages.supersededBy(table, patient, ids);
    const rows = added.map(({ rowId, page }) => ({
      id: rowId,
      patient,
      itemId: rowId,
      storedAt,
      value: page,
    }));
    const stored = await this.#store(table, patient, rows, superseded);
    if (stored) this.#pages.written(table, patient, added, superseded);
    return stored;
  }

  /** What is known of a patient's pages, read from the database the first time. */
  async #knownPages(table: RecordTable, patient: string): Promise<PatientPages> {
    const known = this.#pages.get(table, patient);
    if (known) return known;
    if (this.#ledger.ofPatient(patient).some((entry) => entry.table === table)) {
      await this.#readPages(table, patient);
    } else {
      this.#pages.set(table, patient, { generation: 0, live: new Map() });
    }
    return this.#pages.get(table, patient) ?? { generation: 0, live: new Map() };
  }

  /**
   * Reads all of a patient's pages: each item from the newest page holding it. Pages left serving
   * nothing are deleted, and what each page serves is noted for the next writes. Called in the
   * patient's turn.
   */
  async #readPages(table: RecordTable, patient: string): Promise<ResolvedItem[]> {
    const rows = await this.#freshRows(table, patient);
    const pages = rows.flatMap((row) =>
      isRecordPage(row.value) ? [{ rowId: row.id, storedAt: row.storedAt, page: row.value }] : [],
    );
    const resolved = resolvePages(pages);
    this.#pages.set(table, patient, { generation: resolved.generation, live: resolved.live });
    // Rows that are not pages, from before the table was paged, are dropped: fetched again.
    const dropped = [
      ...resolved.superseded,
      ...rows.filter((row) => !isRecordPage(row.value)).map((row) => row.id),
    ];
    if (dropped.length > 0) {
      await this.#db.records(table).bulkDelete(dropped);
      for (const id of dropped) this.#ledger.remove(table, id);
      this.#scheduleUsageWrite();
    }
    return resolved.items;
  }

  /**
   * Runs `work` after the work queued before it on the same paged table and patient: a write
   * must know every older page of the patient to supersede them, and the app writes a patient's
   * document list page by page without waiting.
   */
  #inTurn<T>(table: RecordTable, patient: string, work: () => Promise<T>): Promise<T> {
    const key = `${table}/${patient}`;
    const result = (this.#turns.get(key) ?? Promise.resolve()).then(work);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(key, done);
    void done.then(() => {
      if (this.#turns.get(key) === done) this.#turns.delete(key);
    });
    return result;
  }

  /**
   * Makes the tables and the ledger agree at start. Usage reaches the disk some time after the rows
   * it accounts for (see #scheduleUsageWrite), so rows written just before a reload, a quit or a
   * crash may have none: their entries are rebuilt from the rows themselves (size, and fetch time
   * from the sealed value), so that they count against the budget and the age limit like the
   * others, and only rows that do not open are dropped. Entries without a row go.
   */
  async #reconcile(): Promise<void> {
    for (const table of RECORD_TABLES) {
      const records = this.#db.records(table);
      const ids = await records.toCollection().primaryKeys();
      const present = new Set(ids);
      const unaccounted = ids.filter((id) => !this.#ledger.has(table, id));
      for (let start = 0; start < unaccounted.length; start += RECONCILE_BATCH_ROWS) {
        const batch = unaccounted.slice(start, start + RECONCILE_BATCH_ROWS);
        const rows = await records.bulkGet(batch);
        const unusable: string[] = [];
        for (const [index, id] of batch.entries()) {
          const row = rows[index];
          // A fetch time that is not a number would never expire.
          if (!row || !Number.isFinite(row.storedAt)) {
            unusable.push(id);
            continue;
          }
          const { patient, storedAt } = row;
          const size = approximateSize(row.value);
          this.#ledger.add(patient, { table, id, size, storedAt, lastAccess: storedAt });
        }
        // A row that does not open is dropped as it is read; this only makes sure of it.
        if (unusable.length > 0) await records.bulkDelete(unusable);
      }
      for (const entry of this.#ledger.storedBefore(Infinity)) {
        if (entry.table === table && !present.has(entry.id)) this.#ledger.remove(table, entry.id);
      }
    }
  }

  async #writeEvictingOnQuota(write: () => Promise<unknown>, bytes: number): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await write();
        return true;
      } catch (error) {
        if (!isQuotaExceeded(error)) throw error;
        if (attempt === QUOTA_RETRIES || this.#ledger.total === 0) return false;
        await this.#evict(Math.max(bytes, this.#ledger.total / 4));
      }
    }
  }

  async #evict(bytes: number): Promise<void> {
    await this.#delete(this.#ledger.leastRecentlyUsed(bytes));
  }

  async #delete(entries: readonly UsageEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const tables = [...new Set(entries.map((entry) => entry.table))];
    await this.#db.transaction(
      'rw',
      tables.map((table) => this.#db.records(table)),
      async () => {
        for (const table of tables) {
          const ids = entries.filter((entry) => entry.table === table).map((entry) => entry.id);
          await this.#db.records(table).bulkDelete(ids);
        }
      },
    );
    for (const entry of entries) this.#ledger.remove(entry.table, entry.id);
    this.#scheduleUsageWrite();
  }

  #onUnreadable(table: string, primaryKey: unknown): void {
    this.#unreadable += 1;
    if (this.#open) this.#status.set(this.#statusNow());
    if (!isRecordTable(table) || typeof primaryKey !== 'string') return;
    // Dropped so that the refetched record takes its place; outside the reading transaction.
    this.#ledger.remove(table, primaryKey);
    Dexie.ignoreTransaction(() => this.#db.records(table).delete(primaryKey)).catch(() => {});
    this.#scheduleUsageWrite();
  }

  #touch(table: RecordTable, ids: readonly string[]): void {
    const now = Date.now();
    for (const id of ids) this.#ledger.touch(table, id, now);
    this.#scheduleUsageWrite();
  }

  #isExpired(entry: UsageEntry): boolean {
    return entry.storedAt < Date.now() - this.#options.maxAgeMs;
  }

  #scheduleUsageWrite(): void {
    if (!this.#open || this.#usageTimer !== undefined) return;
    this.#usageTimer = setTimeout(() => {
      this.#usageTimer = undefined;
      void this.#writeUsage();
    }, USAGE_WRITE_DELAY_MS);
  }

  async #writeUsage(): Promise<void> {
    const rows = this.#ledger.takeChanged();
    if (rows.length === 0) return;
    const kept = rows.filter((row) => row.entries.length > 0);
    const emptied = rows.filter((row) => row.entries.length === 0).map((row) => row.patient);
    try {
      await this.#db.transaction('rw', this.#db.usage, async () => {
        await this.#db.usage.bulkPut(kept);
        await this.#db.usage.bulkDelete(emptied);
      });
    } catch {
      this.#ledger.markChanged(rows.map((row) => row.patient));
    }
  }

  #stop(): void {
    this.#open = false;
    clearTimeout(this.#usageTimer);
    this.#usageTimer = undefined;
  }

  #statusNow(): CacheStatus {
    return {
      state: 'on',
      protection: this.#protection,
      reset: this.#reset,
      unreadable: this.#unreadable,
    };
  }

  #patientKey(patientId: string): Promise<string> {
    let key = this.#patientKeys.get(patientId);
    if (!key) {
      key = blindKey(this.#blinding, ['patient', patientId]);
      this.#patientKeys.set(patientId, key);
    }
    return key;
  }

  #itemKey(table: RecordTable, patientId: string, itemId: string): Promise<string> {
    return blindKey(this.#blinding, [table, patientId, itemId]);
  }
}
