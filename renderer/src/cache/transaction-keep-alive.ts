import type { DBCoreTransaction } from 'dexie';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Dexie's IndexedDB layer hands the IDBTransaction itself down the middleware stack. */
export function idbTransactionOf(transaction: DBCoreTransaction): IDBTransaction {
  if (typeof (transaction as Partial<IDBTransaction>).objectStore !== 'function') {
    throw new TypeError('the cache runs on IndexedDB transactions only');
  }
  return transaction as IDBTransaction;
}

/**
 * Waits for `work` inside an IndexedDB transaction. IndexedDB commits a transaction as soon as no
 * request is pending, and WebCrypto settles outside any request: so cheap reads keep it open
 * meanwhile, and the outcome is delivered from a request's success event, where the transaction
 * is active again and the caller may go on using it.
 */
export function keepTransactionAlive<T>(
  transaction: IDBTransaction,
  storeName: string,
  work: Promise<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let outcome: Outcome<T> | undefined;
    work.then(
      (value) => (outcome = { ok: true, value }),
      (error: unknown) => (outcome = { ok: false, error }),
    );
    const store = transaction.objectStore(storeName);
    const spin = () => {
      if (outcome?.ok === true) resolve(outcome.value);
      else if (outcome) reject(outcome.error);
      else {
        const request = store.get(-Infinity);
        request.onsuccess = spin;
        request.onerror = () => reject(request.error ?? transaction.error);
      }
    };
    spin();
  });
}
