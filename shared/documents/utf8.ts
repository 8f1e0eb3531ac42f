/**
 * UTF-8 without TextDecoder: shared/ runs where only ECMAScript is guaranteed.
 * Both functions follow RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF).
 */

/** Length of the well-formed sequence at `index`, or 0 when the bytes there are not UTF-8. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  let length: number;
  let min: number;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(bytes, index + 1, 0x80, 0xbf) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    min = lead === 0xe0 ? 0xa0 : 0x80;
    if (lead === 0xed) max = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    min = lead === 0xf0 ? 0x90 : 0x80;
    if (lead === 0xf4) max = 0x8f;
  } else {
    return 0;
  }
  if (!continuation(bytes, index + 1, min, max)) return 0;
  for (let offset = 2; offset < length; offset += 1) {
    if (!continuation(bytes, index + offset, 0x80, 0xbf)) return 0;
  }
  return length;
}

function continuation(bytes: Uint8Array, index: number, min: number, max: number): boolean {
  const byte = bytes[index];
  return byte !== undefined && byte >= min && byte <= max;
}

/**
 * Whether `bytes[0..end)` is UTF-8. When `end` cuts the bytes (a prefix of a longer file), a
 * sequence left incomplete by the cut is accepted.
 */
export function isUtf8(bytes: Uint8Array, end = bytes.length): boolean {
  const window = end < bytes.length ? bytes.subarray(0, end) : bytes;
  let index = 0;
  while (index < window.length) {
    const length = sequenceLength(window, index);
    if (length === 0) return window !== bytes && isCutSequence(window.subarray(index));
    index += length;
  }
  return true;
}

function isCutSequence(tail: Uint8Array): boolean {
  const lead = tail[0] ?? 0;
  const expected =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  return tail.length < expected && tail.subarray(1).every((byte) => byte >= 0x80 && byte <= 0xbf);
}

/** Decodes UTF-8; malformed sequences become U+FFFD. A leading byte order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  let codePoints: number[] = [];
  let index = start;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    codePoints.push(length === 0 ? 0xfffd : codePointAt(bytes, index, length));
    index += Math.max(length, 1);
    if (codePoints.length >= 8192) {
      parts.push(String.fromCodePoint(...codePoints));
      codePoints = [];
    }
  }
  parts.push(String.fromCodePoint(...codePoints));
  return parts.join('');
}

function codePointAt(bytes: Uint8Array, index: number, length: number): number {
  const lead = bytes[index] ?? 0;
  if (length === 1) return lead;
  let value = lead & (0xff >> (length + 1));
  for (let offset = 1; offset < length; offset += 1) {
    value = (value << 6) | ((bytes[index + offset] ?? 0) & 0x3f);
  }
  return value;
}
