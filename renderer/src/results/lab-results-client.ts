import type { LabBatchExtraction, LabDocumentBytes } from './lab-results-batch';

/** Extracts lab results in a dedicated worker; aborting terminates it. The bytes are copied, not transferred. */
export function extractLabResultsInWorker(
  documents: readonly LabDocumentBytes[],
  signal?: AbortSignal,
): Promise<LabBatchExtraction> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL('./lab-results-worker.ts', import.meta.url), {
      type: 'module',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<LabBatchExtraction>) => {
      finish();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error('lab results worker failed'));
    };
    worker.postMessage(documents);
  });
}
