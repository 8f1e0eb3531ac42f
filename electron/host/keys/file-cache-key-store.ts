import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CacheKey, CacheKeyStore } from './cache-key-store';

const KEY_BYTES = 32;

/**
 * The browser host's key store: the data key in a file only its user may read. Used where no
 * operating-system key store is wired (tests, the browser host); Electron uses safeStorage.
 */
export class FileCacheKeyStore implements CacheKeyStore {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  async load(): Promise<CacheKey> {
    let existing: Buffer | undefined;
    let lost = false;
    try {
      const stat = statSync(this.#file);
      existing = readFileSync(this.#file);
      // A key others could read, or of the wrong size, is not trusted: a new one replaces it.
      if ((stat.mode & 0o077) !== 0 || existing.length !== KEY_BYTES) {
        existing = undefined;
        lost = true;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') lost = true;
    }
    if (existing) return { protection: 'user-file', key: new Uint8Array(existing), renewed: false };
    const key = randomBytes(KEY_BYTES);
    mkdirSync(dirname(this.#file), { recursive: true, mode: 0o700 });
    rmSync(this.#file, { force: true });
    writeFileSync(this.#file, key, { mode: 0o600, flag: 'wx' });
    return { protection: 'user-file', key: new Uint8Array(key), renewed: lost };
  }

  async forget(): Promise<boolean> {
    try {
      statSync(this.#file);
    } catch {
      return false;
    }
    rmSync(this.#file, { force: true });
    return true;
  }
}
