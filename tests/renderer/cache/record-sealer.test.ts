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

describe('the sealed format', () => {
  // Format 1, written out in full: the header (format byte, one IV per piece), then each piece
  // sealed with AAD = JSON ["regard-cache", 1, table, key, pieces] + u32 piece index + first IV.
  const utf8 = (text: string) => new TextEncoder().encode(text);
  function aadOf(primaryKey: unknown, pieces: number, header: Uint8Array, piece: number) {
    const text = utf8(JSON.stringify(['regard-cache', 1, 'frames', primaryKey, pieces]));
    const aad = new Uint8Array(text.byteLength + 4 + 12);
    aad.set(text);
    new DataView(aad.buffer).setUint32(text.byteLength, piece);
    aad.set(header.subarray(1, 13), text.byteLength + 4);
    return aad;
  }
  const ivOf = (header: Uint8Array<ArrayBuffer>, piece: number) =>
    header.subarray(1 + 12 * piece, 13 + 12 * piece);

  async function sealByHand(key: CryptoKey, primaryKey: unknown, pieces: Uint8Array[]) {
    const header = new Uint8Array(1 + 12 * pieces.length);
    header[0] = 1;
    crypto.getRandomValues(header.subarray(1));
    const sealed = await Promise.all(
      pieces.map(
        async (plaintext, piece) =>
          new Uint8Array(
            await crypto.subtle.encrypt(
              {
                name: 'AES-GCM',
                iv: ivOf(header, piece),
                additionalData: aadOf(primaryKey, pieces.length, header, piece),
              },
              key,
              plaintext as Uint8Array<ArrayBuffer>,
            ),
          ),
      ),
    );
    const [json = new Uint8Array(), ...parts] = sealed;
    const first = new Uint8Array(header.byteLength + json.byteLength);
    first.set(header);
    first.set(json, header.byteLength);
    return [first, ...parts];
  }

  it('is kept: records sealed before open, and what is sealed now opens by the same rule', async () => {
    const material = keyBytesFromBase64(randomKeyBase64());
    if (!material) throw new Error('bad key');
    const { sealing } = await importCacheKeys(material);
    const sealer = new RecordSealer(sealing);
    for (const primaryKey of ['k1', 'clé é 李', ['compound', 3], 42]) {
      const sealed = await sealByHand(sealing, primaryKey, [utf8('{"a":1}')]);
      expect(await sealer.open('frames', primaryKey, sealed)).toEqual({ a: 1 });
      await expect(sealer.open('frames', 'other', sealed)).rejects.toThrow();
    }
    const bytes = new Uint8Array([9, 8, 7]);
    const twoPieces = await sealByHand(sealing, 'k', [utf8('{"b":{"$bytes":0}}'), bytes]);
    expect(await sealer.open('frames', 'k', twoPieces)).toEqual({ b: bytes });

    const [first, part] = await sealer.seal('frames', 'clé', { c: 'é', d: bytes });
    if (!first || !part) throw new Error('two pieces');
    const header = first.subarray(0, 1 + 12 * 2);
    const openByHand = async (ciphertext: Uint8Array<ArrayBuffer>, piece: number) =>
      new Uint8Array(
        await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: ivOf(header, piece),
            additionalData: aadOf('clé', 2, header, piece),
          },
          sealing,
          ciphertext,
        ),
      );
    expect(new TextDecoder().decode(await openByHand(first.subarray(header.byteLength), 0))).toBe(
      '{"c":"é","d":{"$bytes":0}}',
    );
    expect(await openByHand(part, 1)).toEqual(bytes);
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
