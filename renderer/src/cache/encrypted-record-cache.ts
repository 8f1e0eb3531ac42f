import Dexie from 'dexie';
import {
  createCacheDatabase,
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
import { RecordSealer } from './record-sealer';
import { StatusHolder } from './status-holder';
import { UsageLedger } from './usage-ledger';
import { approximateSize } from './value-size';

const CANARY_ID = 'canary';
const CANARY_VALUE = 'regard-cache';
/** Reads move an item up the LRU order in memory; the order reaches the disk this much later. */
const USAGE_WRITE_DELAY_MS = 2_000;
const QUOTA_RETRIES = 3;
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

function asCached<T extends RecordTable>(row: RecordRow): Cached<T> {
  return { id: row.itemId, value: row.value as CachedValues[T], storedAt: row.storedAt };
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
      const sizes = rows.map((row) => approximateSize(row.value));
      const bytes = sizes.reduce((sum, size) => sum + size, 0);
      if (bytes > this.#options.budgetBytes) return false;
      const written = await this.#writeEvictingOnQuota(
        () => this.#db.records(table).bulkPut(rows),
        bytes,
      );
      if (!written) return false;
      rows.forEach((row, index) => {
        const size = sizes[index] ?? 0;
        this.#ledger.add(patient, { table, id: row.id, size, storedAt, lastAccess: storedAt });
      });
      const excess = this.#ledger.total - this.#options.budgetBytes;
      if (excess > 0) await this.#evict(excess + this.#options.budgetBytes * EVICTION_HEADROOM);
      this.#scheduleUsageWrite();
      return true;
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
      return fresh.map((row) => asCached<T>(row));
    } catch {
      return [];
    }
  }

  async forgetPatient(patientId: string): Promise<void> {
    if (!this.#open) return;
    const patient = await this.#patientKey(patientId);
    const tables = [...RECORD_TABLES.map((table) => this.#db.records(table)), this.#db.usage];
    await this.#db.transaction('rw', tables, async () => {
      for (const table of RECORD_TABLES) {
        await this.#db.records(table).where('patient').equals(patient).delete();
      }
      await this.#db.usage.delete(patient);
    });
    for (const entry of this.#ledger.ofPatient(patient)) this.#ledger.remove(entry.table, entry.id);
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

  /**
   * Makes the tables and the ledger agree after a crash or an unreadable usage row: rows the
   * ledger does not know are deleted (they would escape the budget), entries without a row go.
   */
  async #reconcile(): Promise<void> {
    for (const table of RECORD_TABLES) {
      const ids = await this.#db.records(table).toCollection().primaryKeys();
      const present = new Set(ids);
      const orphans = ids.filter((id) => !this.#ledger.has(table, id));
      if (orphans.length > 0) await this.#db.records(table).bulkDelete(orphans);
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
