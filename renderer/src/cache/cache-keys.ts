/** The two keys the cache works with, neither of which can be read back out of WebCrypto. */
export interface CacheKeys {
  /** AES-GCM, 256 bits: seals every stored value. */
  readonly sealing: CryptoKey;
  /** HMAC-SHA-256, derived with HKDF: turns patient and item ids into blind keys. */
  readonly blinding: CryptoKey;
}

const KEY_BYTES = 32;
const utf8 = new TextEncoder();

/** The host's key as bytes; undefined when it is not 32 bytes of base64. */
export function keyBytesFromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  if (binary.length !== KEY_BYTES) return undefined;
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Imports the host's data key as non-extractable keys, then wipes the bytes: from here on the
 * key exists only inside WebCrypto.
 */
export async function importCacheKeys(material: Uint8Array<ArrayBuffer>): Promise<CacheKeys> {
  try {
    const sealing = await crypto.subtle.importKey('raw', material, 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    const base = await crypto.subtle.importKey('raw', material, 'HKDF', false, ['deriveKey']);
    const blinding = await crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: new Uint8Array(KEY_BYTES),
        info: utf8.encode('regard-cache/v1/blind-index'),
      },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    );
    return { sealing, blinding };
  } finally {
    material.fill(0);
  }
}

/**
 * A keyed blind index of some ids: equal ids give equal keys, and without the key nothing links a
 * blind key to a patient or a document.
 */
export async function blindKey(blinding: CryptoKey, parts: readonly string[]): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', blinding, utf8.encode(JSON.stringify(parts)));
  let binary = '';
  for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
