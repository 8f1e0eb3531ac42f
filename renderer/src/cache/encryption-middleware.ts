import Dexie, {
  cmp,
  type DBCore,
  type DBCoreCursor,
  type DBCoreTable,
  type DBCoreTableSchema,
  type DBCoreTransaction,
  type Middleware,
  type Transaction,
} from 'dexie';
import type { RecordSealer, SealedValue } from './record-sealer';
import { idbTransactionOf, keepTransactionAlive } from './transaction-keep-alive';

/** The field of a stored record that holds its sealed value. */
export const SEALED_FIELD = 'sealed';

/** A stored record that did not open: read as absent. */
const ABSENT = Symbol('absent');

export interface EncryptionMiddlewareOptions {
  readonly sealer: RecordSealer;
  /** Told of every stored record that failed to open (altered, moved, another key). */
  readonly onUnreadable: (table: string, primaryKey: unknown) => void;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

/**
 * What IndexedDB must read in the clear: the primary key and the indexed fields, all top-level.
 * The schema chooses them to carry no patient data (blind keys, timestamps, sizes).
 */
function clearFieldsOf(schema: DBCoreTableSchema): string[] {
  const fields = new Set<string>();
  for (const index of [schema.primaryKey, ...schema.indexes]) {
    for (const path of [index.keyPath ?? []].flat()) {
      if (path.includes('.') || path === SEALED_FIELD) {
        throw new Error(`${schema.name}: '${path}' cannot be kept beside a sealed value`);
      }
      fields.add(path);
    }
  }
  return [...fields];
}

/**
 * Whether the caller may use the transaction again after a read. Dexie's own one-read transactions
 * (get, bulkGet, toArray outside any transaction) end with the read: waiting for the decryption
 * outside them saves keeping them alive. Asked when the read starts, in the caller's Dexie zone.
 */
function usedAfterRead(transaction: IDBTransaction): boolean {
  const current = Dexie.currentTransaction as Transaction | null | undefined;
  return (
    transaction.mode !== 'readonly' ||
    current?.idbtrans !== transaction ||
    current.explicit === true
  );
}

/**
 * Runs cryptography outside Dexie's transaction zone: Dexie follows its zone through every await
 * made inside it, which made opening thousands of records about 1.5x slower, and WebCrypto has no
 * use for it.
 */
function outsideTransactionZone<T>(work: () => Promise<T>): Promise<T> {
  return Dexie.ignoreTransaction(work);
}

function sameKey(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined ? a === b : cmp(a, b) === 0;
}

function sealedTable(down: DBCoreTable, options: EncryptionMiddlewareOptions): DBCoreTable {
  const { name, schema } = down;
  const primaryKeyOf = schema.primaryKey.extractKey;
  if (!primaryKeyOf || schema.primaryKey.outbound) {
    throw new Error(`${name}: a sealed value is bound to its primary key, so keys are inbound`);
  }
  const clearFields = clearFieldsOf(schema);

  async function seal(value: unknown): Promise<Fields> {
    if (!isFields(value)) throw new TypeError(`${name}: a cached record is an object`);
    const stored: Fields = {};
    for (const field of clearFields) if (field in value) stored[field] = value[field];
    stored[SEALED_FIELD] = await options.sealer.seal(name, primaryKeyOf?.(value), value);
    return stored;
  }

  async function open(stored: unknown): Promise<unknown> {
    const primaryKey = isFields(stored) ? primaryKeyOf?.(stored) : undefined;
    try {
      const sealed = isFields(stored) ? stored[SEALED_FIELD] : undefined;
      if (!isFields(stored) || !Array.isArray(sealed)) throw new Error('not a sealed record');
      const value = await options.sealer.open(name, primaryKey, sealed as SealedValue);
      // The clear fields index the record: ones changed on disk would file it under another key.
      if (!isFields(value) || clearFields.some((field) => !sameKey(stored[field], value[field]))) {
        throw new Error('clear fields disagree with the sealed value');
      }
      return value;
    } catch {
      options.onUnreadable(name, primaryKey);
      return ABSENT;
    }
  }

  /** Opens stored records, keeping the transaction for `keepAlive`; failed ones come ABSENT. */
  function openAll(
    stored: readonly unknown[],
    keepAlive: IDBTransaction | undefined,
  ): Promise<unknown[]> {
    if (stored.every((item) => item === undefined)) return Promise.resolve([...stored]);
    const opened = outsideTransactionZone(() =>
      Promise.all(stored.map((item) => (item === undefined ? undefined : open(item)))),
    );
    return keepAlive ? keepTransactionAlive(keepAlive, name, opened) : opened;
  }

  /** The transaction to keep alive while a read's records are opened, if it is used after. */
  function readIn(request: { trans: DBCoreTransaction }): IDBTransaction | undefined {
    const transaction = idbTransactionOf(request.trans);
    return usedAfterRead(transaction) ? transaction : undefined;
  }

  function openingCursor(cursor: DBCoreCursor, transaction: IDBTransaction): DBCoreCursor {
    let value: unknown;
    return Object.create(cursor, {
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      value: { get: () => value },
      start: {
        value: (onNext: () => void) =>
          cursor.start(() => {
            openAll([cursor.value], transaction)
              .then(([opened]) => {
                if (opened === ABSENT) cursor.continue();
                else {
                  value = opened;
                  onNext();
                }
              })
              .catch((error: unknown) => cursor.fail(error as Error));
          }),
      },
    }) as DBCoreCursor;
  }

  return {
    ...down,
    mutate(request) {
      if (request.type !== 'add' && request.type !== 'put') return down.mutate(request);
      const transaction = idbTransactionOf(request.trans);
      const sealed = outsideTransactionZone(() => Promise.all(request.values.map(seal)));
      return keepTransactionAlive(transaction, name, sealed).then((values) =>
        down.mutate({ ...request, values }),
      );
    },
    get(request) {
      const keepAlive = readIn(request);
      return down
        .get(request)
        .then((stored) => openAll([stored], keepAlive))
        .then(([value]) => (value === ABSENT ? undefined : value));
    },
    getMany(request) {
      const keepAlive = readIn(request);
      return down
        .getMany(request)
        .then((stored) => openAll(stored, keepAlive))
        .then((values) => values.map((value) => (value === ABSENT ? undefined : value)));
    },
    query(request) {
      if (!request.values) return down.query(request);
      const keepAlive = readIn(request);
      return down
        .query(request)
        .then((response) => openAll(response.result, keepAlive))
        .then((values) => ({ result: values.filter((value) => value !== ABSENT) }));
    },
    openCursor(request) {
      if (!request.values) return down.openCursor(request);
      const transaction = idbTransactionOf(request.trans);
      return down
        .openCursor(request)
        .then((cursor) => cursor && openingCursor(cursor, transaction));
    },
  };
}

/**
 * Seals every value on its way to IndexedDB and opens it on its way back, below every Dexie API:
 * get, bulkGet, queries, cursors and live queries all hand plaintext to the app, while the disk
 * holds only the clear fields and the sealed value.
 */
export function encryptionMiddleware(options: EncryptionMiddlewareOptions): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'RegardEncryption',
    create: (down) => ({ ...down, table: (name) => sealedTable(down.table(name), options) }),
  };
}
