import { CdaViewer } from './CdaViewer';
import { ImageViewer } from './ImageViewer';
import { PdfViewer } from './PdfViewer';
import { TextFileViewer } from './TextFileViewer';
import { UnsupportedViewer } from './UnsupportedViewer';
import type { DocumentMatch, ViewerEntry } from './viewer-types';

/**
 * Which viewer shows a document, decided from what its bytes are (never from the declared type
 * alone). First match wins; the last entry takes everything.
 */
export const viewerRegistry: readonly ViewerEntry[] = [
  { id: 'cda', matches: ({ sniffed }) => sniffed.type === 'xml', Component: CdaViewer },
  { id: 'pdf', matches: ({ sniffed }) => sniffed.type === 'pdf', Component: PdfViewer },
  {
    id: 'image',
    matches: ({ sniffed }) => ['png', 'jpeg', 'gif'].includes(sniffed.type),
    Component: ImageViewer,
  },
  { id: 'text', matches: ({ sniffed }) => sniffed.type === 'text', Component: TextFileViewer },
  { id: 'unsupported', matches: () => true, Component: UnsupportedViewer },
];

export function pickViewer(
  document: DocumentMatch,
  registry: readonly ViewerEntry[] = viewerRegistry,
): ViewerEntry {
  const entry = registry.find((candidate) => candidate.matches(document));
  if (!entry) throw new Error('the viewer registry has no catch-all entry');
  return entry;
}
