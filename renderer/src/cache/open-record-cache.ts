import Dexie from 'dexie';
import { CACHE_DATABASE_NAME } from './cache-database';
import { importCacheKeys, keyBytesFromBase64 } from './cache-keys';
import { disabledRecordCache } from './disabled-record-cache';
import { EncryptedRecordCache } from './encrypted-record-cache';
import type { KeySource } from './key-source';
import type { RecordCache } from './record-cache';

export interface RecordCacheOptions {
  /** What the cache may hold, in bytes, before the least recently read items go: 500 MB. */
  readonly budgetBytes?: number;
  /** How long after its fetch an item may still be served from the cache: 30 days. */
  readonly maxAgeMs?: number;
  readonly databaseName?: string;
}

const DEFAULT_BUDGET_BYTES = 500 * 1024 * 1024;
const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Opens the encrypted cache with the host's key (`bridge` in the app). Never rejects: without a
 * real key store, or when the key or the database cannot be had, the cache is off and its status
 * says why.
 */
export async function openRecordCache(
  keySource: KeySource,
  options: RecordCacheOptions = {},
): Promise<RecordCache> {
  const databaseName = options.databaseName ?? CACHE_DATABASE_NAME;
  const off = (reason: 'no-key-store' | 'failed') =>
    disabledRecordCache({ state: 'off', reason }, databaseName, keySource);
  try {
    const answer = await keySource.getCacheKey({});
    if (answer.protection === 'unavailable') {
      // Records sealed while a key store was there can no longer be opened: none are kept.
      await Dexie.delete(databaseName).catch(() => undefined);
      return off('no-key-store');
    }
    const material = answer.keyBase64 && keyBytesFromBase64(answer.keyBase64);
    if (!material) return off('failed');
    return await EncryptedRecordCache.open({
      keys: await importCacheKeys(material),
      protection: answer.protection,
      renewed: answer.renewed,
      keySource,
      options: {
        databaseName,
        budgetBytes: options.budgetBytes ?? DEFAULT_BUDGET_BYTES,
        maxAgeMs: options.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
      },
    });
  } catch {
    return off('failed');
  }
}
