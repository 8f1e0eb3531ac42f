import type { CdaDocument } from '../../../shared/cda/types';
import type { CdaWorkerAnswer, CdaWorkerRequest } from './cda-worker-protocol';
import { parseCdaBytes } from './parse-cda-bytes';

/** Parses untrusted CDA bytes off the main thread; the page only ever receives plain data. */

interface WorkerScope {
  onmessage: ((event: MessageEvent<CdaWorkerRequest>) => void) | null;
  postMessage(message: CdaWorkerAnswer, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

/** The decoded PDFs own their buffers: hand them over instead of copying them. */
function buffersOf(document: CdaDocument): ArrayBuffer[] {
  const arrays = [
    document.pdfCopy,
    document.body.kind === 'pdf' ? document.body.bytes : undefined,
    ...document.attachments.map((attachment) => attachment.bytes),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}

scope.onmessage = (event) => {
  let answer: CdaWorkerAnswer;
  try {
    answer = parseCdaBytes(event.data.bytes);
  } catch {
    answer = { kind: 'failure', reason: 'worker-failed' };
  }
  scope.postMessage(answer, answer.kind === 'cda' ? buffersOf(answer) : []);
};
