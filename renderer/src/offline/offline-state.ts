import type { BridgeFailure } from '../../../shared/bridge/contract';

/** Failures that mean "the source cannot be reached now", when the cache may stand in. */
export function isSourceUnavailable(failure: BridgeFailure): boolean {
  return failure.code === 'unavailable';
}

/** Offline: what is shown comes from the cache, as of the oldest item's fetch. */
export interface OfflineView {
  asOf: number;
}

export function offlineAsOf(storedAt: readonly number[]): OfflineView | undefined {
  return storedAt.length > 0 ? { asOf: Math.min(...storedAt) } : undefined;
}

/** How often an offline view checks whether its source is back. */
export const RECONNECT_INTERVAL_MS = 5000;
