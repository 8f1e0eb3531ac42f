import { describe, expect, it } from 'vitest';
import { importCacheKeys, keyBytesFromBase64 } from '../../../renderer/src/cache/cache-keys';
import { RecordSealer } from '../../../renderer/src/cache/record-sealer';
import { randomKeyBase64 } from './cache-test-support';

async function newSealer(): Promise<RecordSealer> {
  const material = keyBytesFromBase64(randomKeyBase64());
  if (!material) throw new Error('bad key');
  return new RecordSealer((await importCacheKeys(material)).sealing);
}

describe('the record sealer', () => {
  it('opens what it sealed, for the same table and key only', async () => {
    const sealer = await newSealer();
    const sealed = await sealer.seal('documents', 'k1', { title: 'x' });
    expect(await sealer.open('documents', 'k1', sealed)).toEqual({ title: 'x' });
    await expect(sealer.open('documents', 'k2', sealed)).rejects.toThrow();
    await expect(sealer.open('contents', 'k1', sealed)).rejects.toThrow();
    await expect(sealer.open('documents', ['k1'], sealed)).rejects.toThrow();
  });

  it('refuses any altered byte, a missing or extra piece, and another key', async () => {
    const sealer = await newSealer();
    const sealed = await sealer.seal('documents', 'k1', { title: 'x', bytes: new Uint8Array(40) });
    expect(sealed).toHaveLength(2);
    for (const [piece, bytes] of sealed.entries()) {
      for (let index = 0; index < bytes.byteLength; index += 1) {
        const altered = sealed.map((item) => item.slice());
        const target = altered[piece] ?? new Uint8Array(1);
        target[index] = (target[index] ?? 0) ^ 0x01;
        await expect(
          sealer.open('documents', 'k1', altered),
          `${piece}/${index}`,
        ).rejects.toThrow();
      }
    }
    await expect(sealer.open('documents', 'k1', sealed.slice(0, 1))).rejects.toThrow();
    await expect(
      sealer.open('documents', 'k1', [...sealed, sealed[1] ?? new Uint8Array()]),
    ).rejects.toThrow();
    await expect((await newSealer()).open('documents', 'k1', sealed)).rejects.toThrow();
  });

  it('refuses pieces swapped within a record or mixed from two writes of it', async () => {
    const sealer = await newSealer();
    const value = { a: new Uint8Array([1]), b: new Uint8Array([2]) };
    const [first, a, b] = await sealer.seal('frames', 'k', value);
    const [olderFirst, olderA] = await sealer.seal('frames', 'k', value);
    if (!first || !a || !b || !olderFirst || !olderA) throw new Error('three pieces each');
    // Parts swapped with their IVs: only the binding to their place tells them apart.
    const swapped = first.slice();
    swapped.set(first.subarray(25, 37), 13);
    swapped.set(first.subarray(13, 25), 25);
    await expect(sealer.open('frames', 'k', [swapped, b, a])).rejects.toThrow();
    // The older piece, with its own IV put in place: only the binding to the write tells them apart.
    const mixed = first.slice();
    mixed.set(olderFirst.subarray(13, 25), 13);
    await expect(sealer.open('frames', 'k', [mixed, olderA, b])).rejects.toThrow();
    expect(await sealer.open('frames', 'k', [first, a, b])).toEqual(value);
  });
});

describe('the key material', () => {
  it('is wiped once imported, and must be 32 bytes of base64', async () => {
    const material = keyBytesFromBase64(randomKeyBase64());
    if (!material) throw new Error('bad key');
    const keys = await importCacheKeys(material);
    expect(material.every((byte) => byte === 0)).toBe(true);
    expect(keys.sealing.extractable).toBe(false);
    expect(keys.blinding.extractable).toBe(false);
    expect(keyBytesFromBase64(Buffer.alloc(16).toString('base64'))).toBeUndefined();
    expect(keyBytesFromBase64('not base64!')).toBeUndefined();
  });
});
