/**
 * A cached value split for sealing: its structure as JSON, and its byte arrays apart, untouched, so
 * that a document's content or an image frame is sealed as it is rather than copied into a text
 * encoding. In the JSON a byte array is `{"$bytes": n}`, its place in the list of parts.
 *
 * Only JSON values and Uint8Arrays are accepted: anything else (a Date, a Map, a class instance)
 * would come back altered, so it is refused at write time instead.
 */
export interface EncodedValue {
  readonly json: Uint8Array<ArrayBuffer>;
  readonly parts: readonly Uint8Array[];
}

const BYTES_MARK = '$bytes';
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks that `value` is JSON or bytes, and says whether it holds bytes. Most values hold none and
 * then need no replacer, which halves the time JSON.stringify takes.
 */
function holdsBytes(value: unknown): boolean {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`a cached value holds a ${typeof value}`);
  }
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Uint8Array) return true;
  if (!Array.isArray(value)) {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`a cached value holds ${Object.prototype.toString.call(value)}`);
    }
    if (Object.hasOwn(value, BYTES_MARK)) {
      throw new TypeError(`a cached value uses the reserved key ${BYTES_MARK}`);
    }
  }
  let found = false;
  for (const item of Object.values(value)) found = holdsBytes(item) || found;
  return found;
}

export function encodeValue(value: unknown): EncodedValue {
  const parts: Uint8Array[] = [];
  const json = !holdsBytes(value)
    ? JSON.stringify(value)
    : JSON.stringify(value, (_key, item: unknown) => {
        if (!(item instanceof Uint8Array)) return item;
        parts.push(item);
        return { [BYTES_MARK]: parts.length - 1 };
      });
  if (json === undefined) throw new TypeError('a cached value must be JSON or bytes');
  return { json: utf8Encoder.encode(json), parts };
}

export function decodeValue(json: Uint8Array, parts: readonly Uint8Array[]): unknown {
  const text = utf8Decoder.decode(json);
  if (parts.length === 0) return JSON.parse(text);
  return JSON.parse(text, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || !Object.hasOwn(item, BYTES_MARK)) return item;
    const part = parts[(item as Record<string, unknown>)[BYTES_MARK] as number];
    if (!part) throw new RangeError('a cached value points to a missing part');
    return part;
  });
}
