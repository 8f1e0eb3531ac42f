import {
  cmp,
  type DBCore,
  type DBCoreCursor,
  type DBCoreTable,
  type DBCoreTableSchema,
  type Middleware,
} from 'dexie';
import type { RecordSealer } from './record-sealer';
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
      if (!isFields(stored) || !(stored[SEALED_FIELD] instanceof Uint8Array)) {
        throw new Error('not a sealed record');
      }
      const value = await options.sealer.open(
        name,
        primaryKey,
        stored[SEALED_FIELD] as Uint8Array<ArrayBuffer>,
      );
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

  /** Opens stored records within the request's transaction; failed ones come back ABSENT. */
  function openAll(transaction: IDBTransaction, stored: readonly unknown[]): Promise<unknown[]> {
    if (stored.every((item) => item === undefined)) return Promise.resolve([...stored]);
    return keepTransactionAlive(
      transaction,
      name,
      Promise.all(stored.map((item) => (item === undefined ? undefined : open(item)))),
    );
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
            openAll(transaction, [cursor.value])
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
      return keepTransactionAlive(transaction, name, Promise.all(request.values.map(seal))).then(
        (values) => down.mutate({ ...request, values }),
      );
    },
    get(request) {
      const transaction = idbTransactionOf(request.trans);
      return down
        .get(request)
        .then((stored) => openAll(transaction, [stored]))
        .then(([value]) => (value === ABSENT ? undefined : value));
    },
    getMany(request) {
      const transaction = idbTransactionOf(request.trans);
      return down
        .getMany(request)
        .then((stored) => openAll(transaction, stored))
        .then((values) => values.map((value) => (value === ABSENT ? undefined : value)));
    },
    query(request) {
      if (!request.values) return down.query(request);
      const transaction = idbTransactionOf(request.trans);
      return down
        .query(request)
        .then((response) => openAll(transaction, response.result))
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
