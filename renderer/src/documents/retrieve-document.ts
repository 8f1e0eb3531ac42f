import { bridge } from '../bridge/bridge';

/** A document's bytes, retrieved by the host (ITI-68) and carried base64 across the bridge. */
export async function retrieveDocumentBytes(
  patientId: string,
  logicalId: string,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const answer = await bridge.retrieveDocument({ patientId, logicalId });
  const binary = atob(answer.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return { bytes, contentType: answer.contentType };
}
