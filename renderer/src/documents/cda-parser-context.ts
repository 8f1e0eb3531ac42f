import { createContext } from 'react';
import { parseCdaInWorker } from './cda-worker-client';
import type { CdaWorkerAnswer } from './cda-worker-protocol';

/** How CDA bytes become the safe tree: in a worker in the app; tests may parse in place. */
export type CdaParser = (bytes: Uint8Array, signal: AbortSignal) => Promise<CdaWorkerAnswer>;

export const CdaParserContext = createContext<CdaParser>((bytes, signal) =>
  parseCdaInWorker(bytes, { signal }),
);
