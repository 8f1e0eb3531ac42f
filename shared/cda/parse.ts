import { readBody, readPdfCopy } from './body';
import { parseCdaRoot } from './cda-root';
import { child } from './dom';
import { readHeader } from './header';
import { MediaResolver } from './media';
import { NarrativeReader } from './narrative';
import type { CdaResult } from './types';

/**
 * Reads an untrusted CDA R2 document into plain data. Refuses, before parsing, what could make
 * parsing itself dangerous or slow (size, DTD and entities, nesting); ignores unknown elements.
 */
export function parseCda(xmlText: string): CdaResult {
  const parsed = parseCdaRoot(xmlText);
  if (parsed.refused) return { kind: 'refusal', reason: parsed.refused };
  const { root } = parsed;
  const media = new MediaResolver(root);
  const body = readBody(root, new NarrativeReader(media));
  const structuredBody = child(root, 'component', 'structuredBody');
  const pdfCopy = structuredBody ? readPdfCopy(structuredBody) : undefined;
  return {
    kind: 'cda',
    header: readHeader(root),
    body,
    ...(pdfCopy ? { pdfCopy } : {}),
    attachments: media.attachments,
  };
}
