/** Base64 without atob: shared/ runs where only ECMAScript is guaranteed. */

const VALUES = new Int16Array(128).fill(-1);
for (const [index, char] of Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
).entries()) {
  VALUES[char.charCodeAt(0)] = index;
}

/** Base64 as carried in XML: the alphabet, line breaks and spaces, and `=` padding at the end. */
export function stripBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 !== 1 ? compact : undefined;
}

/** Decodes base64 (white space allowed); undefined when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = stripBase64(text);
  if (compact === undefined) return undefined;
  const data = compact.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((data.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let index = 0; index < data.length; index += 1) {
    // At most 7 bits wait between bytes, so 14 bits hold the window.
    buffer = ((buffer << 6) | (VALUES[data.charCodeAt(index)] ?? 0)) & 0x3fff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out] = (buffer >> bits) & 0xff;
      out += 1;
    }
  }
  return bytes;
}
