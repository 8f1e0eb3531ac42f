import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../shared/documents/base64';
import { decodeUtf8, isUtf8 } from '../../../shared/documents/utf8';

describe('decodeUtf8', () => {
  it('decodes what TextEncoder encodes, across the planes', () => {
    const text = 'Résultat : 5 µg/L — 🩺 ok\n'.repeat(2000);
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });

  it('drops a byte order mark and replaces malformed bytes', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });

  it('refuses overlong forms and surrogates', () => {
    expect(isUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toBe(false);
    expect(isUtf8(new Uint8Array([0xed, 0xbf, 0xbf]))).toBe(false);
    expect(isUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(false);
  });
});

describe('decodeBase64', () => {
  it('matches Node on padded, unpadded and wrapped input', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1000]) {
      const data = new Uint8Array(length).map((_, index) => (index * 37) % 256);
      const encoded = Buffer.from(data).toString('base64');
      expect(decodeBase64(encoded)).toEqual(data);
      expect(decodeBase64(encoded.replace(/=+$/, ''))).toEqual(data);
      expect(decodeBase64(encoded.replace(/(.{76})/g, '$1\r\n  '))).toEqual(data);
    }
  });

  it('refuses what is not base64', () => {
    expect(decodeBase64('abc$')).toBeUndefined();
    expect(decodeBase64('a')).toBeUndefined();
    expect(decodeBase64('ab=c')).toBeUndefined();
  });
});
