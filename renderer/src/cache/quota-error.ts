/**
 * Whether a failed write ran out of storage quota. IndexedDB reports it on the request or, once
 * the transaction aborts, on the transaction; Dexie wraps either (`inner`), and bulk writes list
 * their failures one by one.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { name, inner, cause, failures } = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (name === 'QuotaExceededError') return true;
  const nested = [
    inner,
    cause,
    ...(failures && typeof failures === 'object' ? Object.values(failures) : []),
  ];
  return nested.some((item) => isQuotaExceeded(item, depth + 1));
}
