import { createHash } from 'node:crypto';
import { GENERATOR_VERSION } from './version';

function digest(label: string, algorithm: 'sha256' | 'sha1'): Buffer {
  return createHash(algorithm).update(`regard-synthetic:${label}`).digest();
}

/** A DICOM/ISO OID under 2.25 (UUID-derived root, PS3.5 B.2), stable for a given label. */
export function oidFor(label: string): string {
  return `2.25.${BigInt(`0x${digest(label, 'sha256').subarray(0, 16).toString('hex')}`).toString()}`;
}

/** A name-based (version 5 layout) UUID, stable for a given label. */
export function uuidFor(label: string): string {
  const bytes = digest(label, 'sha1').subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Labels carry the generator version so a new generator never reuses identifiers of an old one. */
export function label(...parts: (string | number)[]): string {
  return [GENERATOR_VERSION, ...parts].join('/');
}
