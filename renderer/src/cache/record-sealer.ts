import { decodeValue, encodeValue } from './value-codec';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES;
const utf8 = new TextEncoder();

/**
 * What a sealed value is bound to: its table and its primary key. A record moved to another key
 * or table, or two records' ciphertexts swapped, no longer authenticate.
 */
function boundTo(table: string, primaryKey: unknown): Uint8Array<ArrayBuffer> {
  return utf8.encode(JSON.stringify(['regard-cache', FORMAT, table, primaryKey]));
}

/**
 * AES-GCM over one record's value. A sealed value is the format byte, a fresh random 96-bit IV
 * and the ciphertext with its tag.
 */
export class RecordSealer {
  readonly #key: CryptoKey;

  constructor(key: CryptoKey) {
    this.#key = key;
  }

  async seal(table: string, primaryKey: unknown, value: unknown): Promise<Uint8Array<ArrayBuffer>> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: boundTo(table, primaryKey) },
      this.#key,
      encodeValue(value),
    );
    const sealed = new Uint8Array(HEADER_BYTES + ciphertext.byteLength);
    sealed[0] = FORMAT;
    sealed.set(iv, 1);
    sealed.set(new Uint8Array(ciphertext), HEADER_BYTES);
    return sealed;
  }

  /** The value, or a rejection when the bytes were altered, moved or sealed with another key. */
  async open(
    table: string,
    primaryKey: unknown,
    sealed: Uint8Array<ArrayBuffer>,
  ): Promise<unknown> {
    if (sealed.byteLength < HEADER_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
      throw new Error('not a sealed value');
    }
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(1, HEADER_BYTES),
        additionalData: boundTo(table, primaryKey),
      },
      this.#key,
      sealed.subarray(HEADER_BYTES),
    );
    return decodeValue(new Uint8Array(plaintext));
  }
}
