import Dexie from 'dexie';
import { CACHE_STORES } from '../../../renderer/src/cache/cache-database';
import type { KeySource } from '../../../renderer/src/cache/key-source';

let databases = 0;

/** A fresh database name per test: fake-indexeddb keeps every database for the whole file. */
export function freshDatabaseName(): string {
  databases += 1;
  return `regard-cache-test-${databases}`;
}

export function randomKeyBase64(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
}

/** The host side of the key, as the bridge would answer for it. */
export class FakeKeySource implements KeySource {
  keyBase64: string | undefined = randomKeyBase64();
  protection: 'os-keystore' | 'user-file' | 'unavailable' = 'user-file';
  renewed = false;
  forgotten = 0;
  failing = false;

  getCacheKey: KeySource['getCacheKey'] = () => {
    if (this.failing) return Promise.reject(new Error('host unreachable'));
    return Promise.resolve({
      protection: this.protection,
      keyBase64: this.protection === 'unavailable' ? undefined : this.keyBase64,
      renewed: this.renewed,
    });
  };

  forgetCacheKey: KeySource['forgetCacheKey'] = () => {
    this.forgotten += 1;
    return Promise.resolve({ forgotten: true });
  };
}

/** The cache's database opened as anyone could, without the sealing middleware: what disk holds. */
export function openRaw(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(CACHE_STORES);
  return db;
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === name);
}

/** Every byte a stored row carries, strings in UTF-8 and UTF-16, bytes as they are. */
export function bytesOfRow(row: unknown): Uint8Array {
  const parts: Uint8Array[] = [];
  const visit = (value: unknown): void => {
    if (value instanceof Uint8Array) parts.push(value);
    else if (typeof value === 'string') {
      parts.push(Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le'));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        visit(key);
        visit(item);
      }
    } else parts.push(Buffer.from(String(value)));
  };
  visit(row);
  return Buffer.concat(parts);
}

export function containsText(haystack: Uint8Array, text: string): boolean {
  const bytes = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

/** Random bytes of any length (getRandomValues fills at most 64 KiB at a time). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  }
  return bytes;
}
