import type { KeyProtection } from './key-source';

/** Where the cache stands, for the interface to say. */
export type CacheStatus =
  | {
      readonly state: 'on';
      /** How the host keeps the data key at rest. */
      readonly protection: Exclude<KeyProtection, 'unavailable'>;
      /** Set when the cache was emptied at start because its key was renewed or changed. */
      readonly reset: 'key-renewed' | 'key-changed' | undefined;
      /** Records found altered or unreadable since start: read as absent, to be fetched again. */
      readonly unreadable: number;
    }
  | {
      readonly state: 'off';
      /**
       * `no-key-store`: the host has no real key store (Linux without a secret service): no
       * cache rather than one whose key lies in the clear. `failed`: the key or the database
       * could not be had. `purged`: erased, on logout.
       */
      readonly reason: 'no-key-store' | 'failed' | 'purged';
    };

/** The translation key (section `cache`) of what the interface should say, if anything. */
export function cacheStatusMessageKey(status: CacheStatus): string | undefined {
  if (status.state === 'off') {
    return {
      'no-key-store': 'cache.off.noKeyStore',
      failed: 'cache.off.failed',
      purged: 'cache.off.purged',
    }[status.reason];
  }
  if (status.reset === 'key-renewed') return 'cache.reset.keyRenewed';
  if (status.reset === 'key-changed') return 'cache.reset.keyChanged';
  if (status.unreadable > 0) return 'cache.unreadable';
  return undefined;
}
