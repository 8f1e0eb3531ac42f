import type { CdaWorkerAnswer, CdaWorkerRequest } from './cda-worker-protocol';

export interface CdaWorkerOptions {
  /** The worker is terminated when it has not answered in this time. */
  timeoutMs?: number;
  /** Aborting terminates the worker and rejects with the signal's reason. */
  signal?: AbortSignal;
  createWorker?: () => Worker;
}

const CDA_WORKER_TIMEOUT_MS = 10_000;

const createCdaWorker = () =>
  new Worker(new URL('./cda-worker.ts', import.meta.url), { type: 'module' });

/** Parses CDA bytes in a fresh worker that lives for this one document. */
export function parseCdaInWorker(
  bytes: Uint8Array,
  {
    timeoutMs = CDA_WORKER_TIMEOUT_MS,
    signal,
    createWorker = createCdaWorker,
  }: CdaWorkerOptions = {},
): Promise<CdaWorkerAnswer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = createWorker();
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      worker.terminate();
    };
    const abort = () => {
      finish();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      finish();
      resolve({ kind: 'failure', reason: 'timeout' });
    }, timeoutMs);
    signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<CdaWorkerAnswer>) => {
      finish();
      resolve(event.data);
    };
    worker.onerror = worker.onmessageerror = () => {
      finish();
      resolve({ kind: 'failure', reason: 'worker-failed' });
    };
    // A copy goes to the worker: the caller keeps its bytes for export and print.
    const copy = bytes.slice();
    const request: CdaWorkerRequest = { bytes: copy };
    worker.postMessage(request, [copy.buffer]);
  });
}
