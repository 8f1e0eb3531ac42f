export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Runs tasks one after another. The repository is shared and a transaction awaits between its
 * entries: running requests one at a time keeps a rollback from undoing someone else's write and
 * keeps readers from seeing half a transaction.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
