import { MAX_CDA_LENGTH } from '../../../shared/cda/guard';
import { parseCda } from '../../../shared/cda/parse';
import type { CdaResult } from '../../../shared/cda/types';

const PROLOG_ENCODING =
  /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The encoding an XML declaration names (read as Latin-1: the declaration itself is ASCII). */
function declaredEncoding(bytes: Uint8Array): string {
  const prolog = String.fromCharCode(...bytes.subarray(0, 256));
  return PROLOG_ENCODING.exec(prolog)?.[1] ?? 'utf-8';
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder(declaredEncoding(bytes)).decode(bytes);
  } catch {
    // An encoding label the platform does not know: UTF-8 is the XML default.
    return new TextDecoder().decode(bytes);
  }
}

/** Decodes and reads a CDA document; the byte count is checked before anything is decoded. */
export function parseCdaBytes(bytes: Uint8Array): CdaResult {
  if (bytes.length > MAX_CDA_LENGTH) return { kind: 'refusal', reason: 'too-large' };
  return parseCda(decode(bytes));
}
