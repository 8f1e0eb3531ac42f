import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CacheKey, CacheKeyStore } from '../host/keys/cache-key-store';
import type { SafeStoragePort } from './electron-ports';

const KEY_BYTES = 32;

/**
 * Linux backends that are no key store: `basic_text` wraps with a password written in Chromium's
 * source, and `unknown` means none was chosen. A key "wrapped" so would lie on disk in the clear.
 */
const NOT_A_KEY_STORE = new Set(['basic_text', 'unknown']);

const UNAVAILABLE: CacheKey = { protection: 'unavailable', key: undefined, renewed: false };

export interface SafeStorageKeyStoreOptions {
  safeStorage: SafeStoragePort;
  /** Where the wrapped key is kept: the key as base64, encrypted by safeStorage. */
  file: string;
  platform: NodeJS.Platform;
  /**
   * Clears what the key sealed once it is forgotten. Deleting an IndexedDB database leaves
   * Chromium's LevelDB files on disk until a compaction; clearing the storage removes them.
   */
  clearSealedData: () => Promise<void>;
}

/**
 * Electron's cache key store: a random data key, kept wrapped by the operating system's key store
 * through safeStorage (Keychain, DPAPI, libsecret or KWallet). Without a real key store the cache
 * is off (`unavailable`): no passphrase fallback is offered. A wrapped key that no longer unwraps
 * (key store reset, file damaged) is replaced by a new one, and `renewed` tells the renderer to
 * reset its cache. Forgetting the key also clears the storage it sealed. Uses the asynchronous safeStorage calls: Electron 45 deprecates the others.
 */
export class SafeStorageCacheKeyStore implements CacheKeyStore {
  readonly #safeStorage: SafeStoragePort;
  readonly #file: string;
  readonly #platform: NodeJS.Platform;
  readonly #clearSealedData: () => Promise<void>;

  constructor(options: SafeStorageKeyStoreOptions) {
    this.#safeStorage = options.safeStorage;
    this.#file = options.file;
    this.#platform = options.platform;
    this.#clearSealedData = options.clearSealedData;
  }

  async load(): Promise<CacheKey> {
    if (!(await this.#hasKeyStore())) return UNAVAILABLE;
    let wrapped: Buffer | undefined;
    try {
      wrapped = await readFile(this.#file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const unwrapped = wrapped && (await this.#unwrap(wrapped));
    if (unwrapped) return { protection: 'os-keystore', key: unwrapped, renewed: false };
    const key = new Uint8Array(randomBytes(KEY_BYTES));
    await this.#store(key);
    return { protection: 'os-keystore', key, renewed: wrapped !== undefined };
  }

  async forget(): Promise<boolean> {
    let forgotten = true;
    try {
      await rm(this.#file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      forgotten = false;
    }
    await this.#clearSealedData();
    return forgotten;
  }

  async #hasKeyStore(): Promise<boolean> {
    if (!(await this.#safeStorage.isAsyncEncryptionAvailable())) return false;
    if (this.#platform !== 'linux') return true;
    const backend = this.#safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    return !NOT_A_KEY_STORE.has(backend);
  }

  async #unwrap(wrapped: Buffer): Promise<Uint8Array | undefined> {
    let text: string;
    let shouldReEncrypt: boolean;
    try {
      ({ result: text, shouldReEncrypt } = await this.#safeStorage.decryptStringAsync(wrapped));
    } catch {
      return undefined;
    }
    const key = Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text) return undefined;
    // The key store rotated its own key: wrap ours again under the new one.
    if (shouldReEncrypt) await this.#store(key);
    return new Uint8Array(key);
  }

  async #store(key: Uint8Array): Promise<void> {
    const wrapped = await this.#safeStorage.encryptStringAsync(Buffer.from(key).toString('base64'));
    await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
    const next = `${this.#file}.next`;
    await writeFile(next, wrapped, { mode: 0o600 });
    await rename(next, this.#file);
  }
}
