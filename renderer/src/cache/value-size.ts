/**
 * About what a value weighs once stored: byte arrays their length, strings their length, other
 * fields a few bytes. The size budget is counted in these units, without encoding anything.
 */
export function approximateSize(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value !== 'object' || value === null) return 8;
  let size = 0;
  for (const [key, item] of Object.entries(value)) size += key.length + approximateSize(item);
  return size;
}
