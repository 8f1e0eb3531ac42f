import Dexie from 'dexie';
import type { CacheStatus } from './cache-status';
import type { KeySource } from './key-source';
import type { RecordCache } from './record-cache';
import { StatusHolder } from './status-holder';

/**
 * The cache when it is off: nothing is read or kept. Purging still deletes any database left from
 * before and has the host forget its key, since logout must leave nothing behind.
 */
export function disabledRecordCache(
  status: Extract<CacheStatus, { state: 'off' }>,
  databaseName: string,
  keySource: KeySource,
): RecordCache {
  const holder = new StatusHolder(status);
  return {
    get status() {
      return holder.current;
    },
    onStatusChange: (listener) => holder.subscribe(listener),
    put: () => Promise.resolve(false),
    get: () => Promise.resolve(undefined),
    list: () => Promise.resolve([]),
    forgetPatient: () => Promise.resolve(),
    purge: async () => {
      await Dexie.delete(databaseName);
      await keySource.forgetCacheKey({});
      holder.set({ state: 'off', reason: 'purged' });
    },
    close: () => Promise.resolve(),
  };
}
