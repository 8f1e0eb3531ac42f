import type { CdaResult } from '../../../shared/cda/types';

/** Messages between the CDA worker and its client: one request, one answer, per worker. */

export interface CdaWorkerRequest {
  bytes: Uint8Array;
}

export type CdaWorkerFailure = { kind: 'failure'; reason: 'timeout' | 'worker-failed' };

export type CdaWorkerAnswer = CdaResult | CdaWorkerFailure;
