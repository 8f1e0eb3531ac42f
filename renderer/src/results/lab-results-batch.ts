import { extractLabResults, type LabResult } from '../../../shared/cda/lab-results';
import type { CdaRefusalReason } from '../../../shared/cda/types';

export interface LabDocumentBytes {
  logicalId: string;
  bytes: Uint8Array;
}

export type LabDocumentFailure = CdaRefusalReason | 'encoding' | 'unreadable';

export interface LabBatchExtraction {
  results: LabResult[];
  skipped: number;
  failed: { logicalId: string; reason: LabDocumentFailure }[];
}

const DECLARED_ENCODING = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** UTF-16 by its byte order mark, else the XML declaration's encoding, else UTF-8. */
function decode(bytes: Uint8Array): string | undefined {
  const label =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : (DECLARED_ENCODING.exec(
            new TextDecoder('latin1')
              .decode(bytes.subarray(0, 200))
              .replace(/^\u00EF\u00BB\u00BF/, ''),
          )?.[1] ?? 'utf-8');
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Extracts every document's results; a document that cannot be read is reported, never thrown. */
export function extractLabResultsBatch(documents: readonly LabDocumentBytes[]): LabBatchExtraction {
  const batch: LabBatchExtraction = { results: [], skipped: 0, failed: [] };
  for (const { logicalId, bytes } of documents) {
    const text = decode(bytes);
    if (text === undefined) {
      batch.failed.push({ logicalId, reason: 'encoding' });
      continue;
    }
    try {
      const { results, skipped, refused } = extractLabResults(text, { logicalId });
      if (refused) batch.failed.push({ logicalId, reason: refused });
      batch.results.push(...results);
      batch.skipped += skipped;
    } catch {
      // A parser failure on one hostile document must not lose the others' results.
      batch.failed.push({ logicalId, reason: 'unreadable' });
    }
  }
  return batch;
}
