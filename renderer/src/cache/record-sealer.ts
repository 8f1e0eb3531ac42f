import { decodeValue, encodeValue } from './value-codec';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();

/**
 * A sealed value as stored. The first array holds the format byte, one random 96-bit IV per
 * piece, then the sealed JSON; each byte array of the value follows, sealed apart (see
 * value-codec.ts), so that large contents are neither copied nor re-encoded. Keeping the JSON in
 * the first array leaves a record without bytes one ArrayBuffer to store and read, as unsealed.
 */
export type SealedValue = readonly Uint8Array<ArrayBuffer>[];

function headerBytes(pieces: number): number {
  return 1 + pieces * IV_BYTES;
}

/** The start of every binding of a table, as JSON text: see bindings(). */
const bindingPrefixes = new Map<string, string>();

function bindingPrefix(table: string): string {
  let prefix = bindingPrefixes.get(table);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(['regard-cache', FORMAT, table]).slice(0, -1)},`;
    bindingPrefixes.set(table, prefix);
  }
  return prefix;
}

/**
 * What each piece is bound to: its table, its record's primary key, how many pieces there are,
 * its place among them, and the first piece's IV, fresh for each write. A record moved to another
 * key or table, two records' ciphertexts swapped, or pieces mixed from two writes no longer
 * authenticate. Layout: the JSON text `["regard-cache",1,table,primaryKey,pieces]`
 * (self-delimiting), the piece's index (u32), the write's IV. Built without an intermediate
 * array or copy: it is made for every record opened.
 */
function bindings(
  table: string,
  primaryKey: unknown,
  header: Uint8Array,
  pieces: number,
): Uint8Array<ArrayBuffer>[] {
  const text = `${bindingPrefix(table)}${JSON.stringify(primaryKey) ?? 'null'},${pieces}]`;
  const buffer = new Uint8Array(text.length * 3 + 4 + IV_BYTES);
  const { written } = utf8.encodeInto(text, buffer);
  const first = buffer.subarray(0, written + 4 + IV_BYTES);
  first.set(header.subarray(1, 1 + IV_BYTES), written + 4);
  const bound = [first];
  for (let piece = 1; piece < pieces; piece += 1) {
    const next = first.slice();
    new DataView(next.buffer).setUint32(written, piece);
    bound.push(next);
  }
  return bound;
}

function ivOf(header: Uint8Array<ArrayBuffer>, piece: number): Uint8Array<ArrayBuffer> {
  return header.subarray(1 + piece * IV_BYTES, 1 + (piece + 1) * IV_BYTES);
}

/** AES-GCM over one record's value, piece by piece (see SealedValue). */
export class RecordSealer {
  readonly #key: CryptoKey;

  constructor(key: CryptoKey) {
    this.#key = key;
  }

  async seal(table: string, primaryKey: unknown, value: unknown): Promise<SealedValue> {
    const { json, parts } = encodeValue(value);
    const pieces = [json, ...parts];
    const header = new Uint8Array(headerBytes(pieces.length));
    header[0] = FORMAT;
    crypto.getRandomValues(header.subarray(1));
    const bound = bindings(table, primaryKey, header, pieces.length);
    const encrypt = (plaintext: Uint8Array, piece: number) =>
      crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: ivOf(header, piece), additionalData: bound[piece] },
        this.#key,
        plaintext as Uint8Array<ArrayBuffer>,
      );
    const [sealedJson, ...sealedParts] = await Promise.all(pieces.map(encrypt));
    if (!sealedJson) throw new Error('nothing sealed');
    const first = new Uint8Array(header.byteLength + sealedJson.byteLength);
    first.set(header);
    first.set(new Uint8Array(sealedJson), header.byteLength);
    return [first, ...sealedParts.map((sealed) => new Uint8Array(sealed))];
  }

  /** The value, or a rejection when anything was altered, moved, mixed or sealed with another key. */
  async open(table: string, primaryKey: unknown, sealed: SealedValue): Promise<unknown> {
    const [first, ...sealedParts] = sealed;
    const pieces = sealed.length;
    if (
      !(first instanceof Uint8Array) ||
      first[0] !== FORMAT ||
      first.byteLength < headerBytes(pieces) + TAG_BYTES ||
      sealedParts.some((part) => !(part instanceof Uint8Array) || part.byteLength < TAG_BYTES)
    ) {
      throw new Error('not a sealed value');
    }
    const header = first.subarray(0, headerBytes(pieces));
    const bound = bindings(table, primaryKey, header, pieces);
    const decrypt = (ciphertext: Uint8Array<ArrayBuffer>, piece: number) =>
      crypto.subtle
        .decrypt(
          { name: 'AES-GCM', iv: ivOf(header, piece), additionalData: bound[piece] },
          this.#key,
          ciphertext,
        )
        .then((plaintext) => new Uint8Array(plaintext));
    // Most records are one piece: opened without waiting on a list.
    if (pieces === 1) return decodeValue(await decrypt(first.subarray(header.byteLength), 0), []);
    const [json = new Uint8Array(), ...parts] = await Promise.all(
      [first.subarray(header.byteLength), ...sealedParts].map(decrypt),
    );
    return decodeValue(json, parts);
  }
}
