/** How the host keeps the cache's data key at rest. */
export type KeyProtection = 'os-keystore' | 'user-file' | 'unavailable';

export interface CacheKey {
  protection: KeyProtection;
  /** 32 random bytes; absent when no key can be kept safely. */
  key: Uint8Array | undefined;
  /** A new key replaced a lost or unreadable one. */
  renewed: boolean;
}

/**
 * Where the local cache's data key lives. Electron wraps it with the operating system's key store
 * (safeStorage); the browser host keeps it in a file readable only by its user, for tests.
 */
export interface CacheKeyStore {
  load(): Promise<CacheKey>;
  forget(): Promise<boolean>;
}
