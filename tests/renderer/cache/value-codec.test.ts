import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../../renderer/src/cache/value-codec';

const roundTrip = (value: unknown) => {
  const { json, parts } = encodeValue(value);
  return decodeValue(json, parts);
};

describe('the value codec', () => {
  it('round-trips JSON values with text in any script', () => {
    const value = { name: 'Hélène 李 🩺', list: [1, null, true, { nested: 'é' }], empty: {} };
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip('just text')).toBe('just text');
  });

  it('keeps byte arrays apart from the JSON, untouched, each at its place', () => {
    const first = new Uint8Array([1, 2, 3]);
    const second = new Uint8Array(300).fill(7);
    const value = { a: first, nested: { list: [second, 'x'] }, empty: new Uint8Array(0) };
    const { json, parts } = encodeValue(value);
    expect(parts).toEqual([first, second, new Uint8Array(0)]);
    expect(parts[0]).toBe(first);
    expect(json.byteLength).toBeLessThan(100);
    expect(decodeValue(json, parts)).toEqual(value);
  });

  it('refuses what would come back altered', () => {
    expect(() => encodeValue({ when: new Date() })).toThrow(/Date/);
    expect(() => encodeValue({ map: new Map() })).toThrow(/Map/);
    expect(() => encodeValue({ words: new Uint16Array(2) })).toThrow(/Uint16Array/);
    expect(() => encodeValue({ run: () => 1 })).toThrow(/function/);
    expect(() => encodeValue({ $bytes: 0 })).toThrow(/reserved/);
    expect(() => encodeValue(undefined)).toThrow();
  });

  it('refuses JSON that points to a part it does not have', () => {
    const { json, parts } = encodeValue({ a: new Uint8Array(4), b: new Uint8Array(2) });
    expect(() => decodeValue(json, parts.slice(0, 1))).toThrow(/missing/);
    expect(() => decodeValue(new Uint8Array([0xff, 0xfe]), [])).toThrow();
  });
});
