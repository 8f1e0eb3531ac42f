import { bridgeFailureOf } from '../../../shared/bridge/envelope';
import { bridge } from '../bridge/bridge';
import type { RecordCache } from '../cache/record-cache';
import { isSourceUnavailable } from '../offline/offline-state';

export interface RetrievedDocument {
  bytes: Uint8Array;
  contentType: string;
  /** Set when the bytes come from the cache because the source could not be reached. */
  cachedAt?: number;
}

/**
 * A document's bytes, retrieved by the host (ITI-68) and carried base64 across the bridge, then
 * kept in the encrypted cache; when the source cannot be reached, the cached copy stands in.
 */
export async function retrieveDocumentBytes(
  patientId: string,
  logicalId: string,
  cache?: RecordCache,
): Promise<RetrievedDocument> {
  try {
    const answer = await bridge.retrieveDocument({ patientId, logicalId });
    const binary = atob(answer.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    void cache?.put('contents', patientId, [
      { id: logicalId, value: { contentType: answer.contentType, bytes } },
    ]);
    return { bytes, contentType: answer.contentType };
  } catch (error) {
    const failure = bridgeFailureOf(error);
    const cached =
      isSourceUnavailable(failure) || failure.messageKey === 'errors.patientNotOpen'
        ? await cache?.get('contents', patientId, logicalId)
        : undefined;
    if (!cached) throw error;
    return { ...cached.value, cachedAt: cached.storedAt };
  }
}
