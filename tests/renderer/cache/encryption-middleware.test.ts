import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCacheKeys, keyBytesFromBase64 } from '../../../renderer/src/cache/cache-keys';
import {
  encryptionMiddleware,
  SEALED_FIELD,
} from '../../../renderer/src/cache/encryption-middleware';
import { RecordSealer } from '../../../renderer/src/cache/record-sealer';
import {
  bytesOfRow,
  containsText,
  freshDatabaseName,
  randomBytes,
  randomKeyBase64,
} from './cache-test-support';

const MARKER = 'MARQUEUR-CONFIDENTIEL-7731';
const STORES = { notes: 'id, stamp, [owner+stamp]', other: 'id' };

interface Note {
  id: string;
  owner: string;
  stamp: number;
  text: string;
  bytes?: Uint8Array;
}

function note(index: number, owner = 'owner-a'): Note {
  return {
    id: `n${String(index).padStart(4, '0')}`,
    owner,
    stamp: index,
    text: `${MARKER} ${index}`,
  };
}

let name: string;
let unreadable: { table: string; key: unknown }[];
let db: Dexie;
let raw: Dexie;

async function sealer(): Promise<RecordSealer> {
  const material = keyBytesFromBase64(randomKeyBase64());
  if (!material) throw new Error('bad key');
  return new RecordSealer((await importCacheKeys(material)).sealing);
}

function notes(handle: Dexie) {
  return handle.table<Note, string>('notes');
}

beforeEach(async () => {
  name = freshDatabaseName();
  unreadable = [];
  db = new Dexie(name);
  db.version(1).stores(STORES);
  db.use(
    encryptionMiddleware({
      sealer: await sealer(),
      onUnreadable: (table, key) => unreadable.push({ table, key }),
    }),
  );
  raw = new Dexie(name);
  raw.version(1).stores(STORES);
});

afterEach(async () => {
  db.close();
  raw.close();
  await Dexie.delete(name);
});

describe('every read path returns plaintext', () => {
  beforeEach(async () => {
    await notes(db).bulkPut([note(1), note(2), note(3, 'owner-b'), note(4)]);
  });

  it('get and bulkGet', async () => {
    expect(await notes(db).get('n0002')).toEqual(note(2));
    expect(await notes(db).bulkGet(['n0001', 'missing', 'n0003'])).toEqual([
      note(1),
      undefined,
      note(3, 'owner-b'),
    ]);
  });

  it('queries on the primary key, an index and a compound index', async () => {
    expect(await notes(db).toArray()).toEqual([note(1), note(2), note(3, 'owner-b'), note(4)]);
    expect(await notes(db).where('stamp').above(2).toArray()).toEqual([
      note(3, 'owner-b'),
      note(4),
    ]);
    expect(await notes(db).where('[owner+stamp]').equals(['owner-b', 3]).first()).toEqual(
      note(3, 'owner-b'),
    );
    expect(await notes(db).orderBy('stamp').reverse().limit(2).toArray()).toEqual([
      note(4),
      note(3, 'owner-b'),
    ]);
  });

  it('cursors: each, filters, offsets, or-clauses', async () => {
    const seen: Note[] = [];
    await notes(db).each((value) => seen.push(value));
    expect(seen.map((value) => value.text)).toEqual([1, 2, 3, 4].map((i) => `${MARKER} ${i}`));
    expect(
      await notes(db)
        .filter((value) => value.owner === 'owner-b')
        .toArray(),
    ).toEqual([note(3, 'owner-b')]);
    expect(await notes(db).orderBy('stamp').offset(1).limit(2).toArray()).toEqual([
      note(2),
      note(3, 'owner-b'),
    ]);
    const either = await notes(db).where('stamp').equals(1).or('id').equals('n0004').toArray();
    expect(either.sort((a, b) => a.stamp - b.stamp)).toEqual([note(1), note(4)]);
  });

  it('modify, update and explicit transactions that read then write', async () => {
    await notes(db).update('n0001', { text: 'changed' });
    await notes(db)
      .where('stamp')
      .above(3)
      .modify((value) => {
        value.text = `${value.text} again`;
      });
    await db.transaction('rw', notes(db), async () => {
      const first = await notes(db).get('n0002');
      await notes(db).put({ ...note(5), text: `${first?.text} copied` });
      expect((await notes(db).get('n0005'))?.text).toBe(`${MARKER} 2 copied`);
    });
    await db.transaction('r', notes(db), async () => {
      expect((await notes(db).get('n0001'))?.text).toBe('changed');
      expect((await notes(db).get('n0004'))?.text).toBe(`${MARKER} 4 again`);
      expect(await notes(db).count()).toBe(5);
    });
  });

  it('a transaction stays usable however long its records take to open', async () => {
    const big = { ...note(8), bytes: randomBytes(16 * 1024 * 1024) };
    await notes(db).put(big);
    const read = await db.transaction('r', notes(db), async () => {
      const first = await notes(db).get('n0008');
      return [first, await notes(db).get('n0001')];
    });
    expect(read).toEqual([big, note(1)]);
    await db.transaction('rw', notes(db), async () => {
      const first = await notes(db).get('n0008');
      await notes(db).put({ ...note(9), text: String(first?.bytes?.length) });
    });
    expect((await notes(db).get('n0009'))?.text).toBe(String(16 * 1024 * 1024));
  });

  it('live queries', async () => {
    const results: Note[][] = [];
    const subscription = liveQuery(() => notes(db).where('stamp').above(3).toArray()).subscribe(
      (value) => results.push(value),
    );
    await expect.poll(() => results.length).toBe(1);
    await notes(db).put(note(9));
    await expect.poll(() => results.at(-1)?.map((value) => value.id)).toEqual(['n0004', 'n0009']);
    subscription.unsubscribe();
    expect(results.at(-1)?.[1]).toEqual(note(9));
  });

  it('bytes', async () => {
    const bytes = randomBytes(512 * 512 * 2);
    await notes(db).put({ ...note(7), bytes });
    expect((await notes(db).get('n0007'))?.bytes).toEqual(bytes);
  });
});

describe('the disk holds ciphertext', () => {
  it('keeps only the key, the indexed fields and the sealed value, with no plaintext', async () => {
    await notes(db).bulkPut([note(1), { ...note(2), bytes: new TextEncoder().encode(MARKER) }]);
    const stored = await raw.table('notes').toArray();
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(Object.keys(row).sort()).toEqual(['id', 'owner', SEALED_FIELD, 'stamp'].sort());
      expect(containsText(bytesOfRow(row), MARKER)).toBe(false);
    }
    expect(containsText(bytesOfRow(await notes(db).toArray()), MARKER)).toBe(true);
  });

  it('seals the same value differently each time', async () => {
    await notes(db).put(note(1));
    const first = (await raw.table('notes').get('n0001')) as Record<string, Uint8Array[]>;
    await notes(db).put(note(1));
    const second = (await raw.table('notes').get('n0001')) as Record<string, Uint8Array[]>;
    expect(second[SEALED_FIELD]?.[0]?.subarray(13)).not.toEqual(
      first[SEALED_FIELD]?.[0]?.subarray(13),
    );
  });

  it('never repeats an IV over thousands of writes', async () => {
    const count = 5000;
    const withBytes = (i: number) => ({ ...note(i), bytes: new Uint8Array([i % 256]) });
    await notes(db).bulkPut(Array.from({ length: count }, (_, i) => withBytes(i)));
    await notes(db).bulkPut(Array.from({ length: count }, (_, i) => withBytes(i)));
    const ivs = new Set<string>();
    let counted = 0;
    await raw.table('notes').each((row: Record<string, Uint8Array[]>) => {
      const pieces = row[SEALED_FIELD]?.length ?? 0;
      const header = row[SEALED_FIELD]?.[0]?.subarray(0, 1 + 12 * pieces) ?? new Uint8Array();
      for (let offset = 1; offset < header.length; offset += 12) {
        ivs.add(Buffer.from(header.subarray(offset, offset + 12)).toString('hex'));
        counted += 1;
      }
    });
    expect(counted).toBe(2 * count);
    expect(ivs.size).toBe(counted);
  });
});

describe('altered records fail closed', () => {
  beforeEach(async () => {
    await notes(db).bulkPut([note(1), note(2), note(3)]);
  });

  async function alterRaw(id: string, change: (row: Record<string, unknown>) => void) {
    const row = (await raw.table('notes').get(id)) as Record<string, unknown>;
    change(row);
    await raw.table('notes').put(row);
  }

  it('a flipped ciphertext byte reads as absent on every path, and is reported', async () => {
    await alterRaw('n0002', (row) => {
      const [sealed] = row[SEALED_FIELD] as Uint8Array[];
      if (!sealed) throw new Error('no ciphertext');
      sealed[30] = (sealed[30] ?? 0) ^ 0x01;
    });
    expect(await notes(db).get('n0002')).toBeUndefined();
    expect(await notes(db).bulkGet(['n0001', 'n0002'])).toEqual([note(1), undefined]);
    expect(await notes(db).toArray()).toEqual([note(1), note(3)]);
    const seen: string[] = [];
    await notes(db).each((value) => seen.push(value.id));
    expect(seen).toEqual(['n0001', 'n0003']);
    expect(unreadable).toContainEqual({ table: 'notes', key: 'n0002' });
  });

  it('two records with their ciphertexts swapped both read as absent', async () => {
    const one = (await raw.table('notes').get('n0001')) as Record<string, unknown>;
    const two = (await raw.table('notes').get('n0002')) as Record<string, unknown>;
    await raw.table('notes').bulkPut([
      { ...one, [SEALED_FIELD]: two[SEALED_FIELD] },
      { ...two, [SEALED_FIELD]: one[SEALED_FIELD] },
    ]);
    expect(await notes(db).bulkGet(['n0001', 'n0002', 'n0003'])).toEqual([
      undefined,
      undefined,
      note(3),
    ]);
    expect(unreadable.map((entry) => entry.key).sort()).toEqual(['n0001', 'n0002']);
  });

  it('a record copied to another table reads as absent', async () => {
    await raw.table('other').put(await raw.table('notes').get('n0001'));
    expect(await db.table('other').get('n0001')).toBeUndefined();
    expect(unreadable).toEqual([{ table: 'other', key: 'n0001' }]);
  });

  it('a changed index field reads as absent rather than filed elsewhere', async () => {
    await alterRaw('n0001', (row) => {
      row.stamp = 3;
    });
    expect(await notes(db).where('stamp').equals(3).toArray()).toEqual([note(3)]);
    expect(unreadable).toEqual([{ table: 'notes', key: 'n0001' }]);
  });

  it('a plaintext record slipped into the table reads as absent', async () => {
    await raw.table('notes').put(note(8));
    expect(await notes(db).get('n0008')).toBeUndefined();
    expect(unreadable).toEqual([{ table: 'notes', key: 'n0008' }]);
  });

  it('a record sealed with another key reads as absent', async () => {
    const other = new Dexie(name);
    other.version(1).stores(STORES);
    other.use(encryptionMiddleware({ sealer: await sealer(), onUnreadable: () => {} }));
    await other.table('notes').put(note(1));
    other.close();
    expect(await notes(db).get('n0001')).toBeUndefined();
  });
});

describe('what the middleware refuses', () => {
  it('tables with outbound keys, whose sealed value could not be bound to its key', async () => {
    const outbound = new Dexie(freshDatabaseName());
    outbound.version(1).stores({ loose: '++' });
    outbound.use(encryptionMiddleware({ sealer: await sealer(), onUnreadable: () => {} }));
    await expect(outbound.open()).rejects.toThrow(/inbound/);
  });

  it('values that would not come back as written', async () => {
    await expect(
      notes(db).put({ ...note(1), text: new Date() as unknown as string }),
    ).rejects.toThrow(/Date/);
  });
});
