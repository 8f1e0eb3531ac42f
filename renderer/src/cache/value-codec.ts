/**
 * A cached value as bytes, for sealing: its structure as JSON, its byte arrays appended raw after
 * it so that document contents and image frames are not inflated by a text encoding.
 *
 * Layout: u32 (little endian) JSON length, the JSON in UTF-8, then the byte arrays end to end. In
 * the JSON a byte array is `{"$bytes":[offset,length]}`, its place after the JSON.
 *
 * Only JSON values and Uint8Arrays are accepted: anything else (a Date, a Map, a class instance)
 * would come back altered, so it is refused at write time instead.
 */

const BYTES_MARK = '$bytes';
const HEADER_BYTES = 4;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function encodeValue(value: unknown): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let bytesLength = 0;
  const json = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    if (item instanceof Uint8Array) {
      chunks.push(item);
      bytesLength += item.byteLength;
      return { [BYTES_MARK]: [bytesLength - item.byteLength, item.byteLength] };
    }
    // `item` has been through toJSON already: the holder still has the original, a Date say.
    const original = (this as Record<string, unknown>)[key];
    if (typeof original === 'object' && original !== null) {
      if (!isPlainContainer(original)) {
        throw new TypeError(`a cached value holds ${Object.prototype.toString.call(original)}`);
      }
      if (Object.hasOwn(original, BYTES_MARK)) {
        throw new TypeError(`a cached value uses the reserved key ${BYTES_MARK}`);
      }
    }
    return item;
  });
  if (json === undefined) throw new TypeError('a cached value must be JSON or bytes');
  const jsonBytes = utf8Encoder.encode(json);
  const encoded = new Uint8Array(HEADER_BYTES + jsonBytes.byteLength + bytesLength);
  new DataView(encoded.buffer).setUint32(0, jsonBytes.byteLength, true);
  encoded.set(jsonBytes, HEADER_BYTES);
  let offset = HEADER_BYTES + jsonBytes.byteLength;
  for (const chunk of chunks) {
    encoded.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return encoded;
}

export function decodeValue(encoded: Uint8Array): unknown {
  if (encoded.byteLength < HEADER_BYTES) throw new RangeError('a cached value is truncated');
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const jsonEnd = HEADER_BYTES + view.getUint32(0, true);
  if (jsonEnd > encoded.byteLength) throw new RangeError('a cached value is truncated');
  const json = utf8Decoder.decode(encoded.subarray(HEADER_BYTES, jsonEnd));
  if (jsonEnd === encoded.byteLength) return JSON.parse(json);
  const bytes = encoded.subarray(jsonEnd);
  return JSON.parse(json, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || !Object.hasOwn(item, BYTES_MARK)) return item;
    const [offset, length] = (item as Record<string, unknown>)[BYTES_MARK] as [number, number];
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset + length > bytes.length
    ) {
      throw new RangeError('a cached value points outside its bytes');
    }
    return bytes.slice(offset, offset + length);
  });
}
