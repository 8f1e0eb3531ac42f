import type { Binary } from '@medplum/fhirtypes';
import type { FhirContext } from './context';
import { core } from './medplum';
import type { Reply } from './reply';
import { fhirReply, outcomeReply } from './reply';

/** ITI-68: the document's own bytes, served with the Content-Type recorded on the Binary. */
export async function readRawBinary(context: FhirContext, id: string): Promise<Reply> {
  try {
    const binary = await context.repo.readResource<Binary>('Binary', id);
    return {
      status: 200,
      headers: {
        'content-type': binary.contentType ?? 'application/octet-stream',
        ...versionHeaders(binary),
      },
      body: Buffer.from(binary.data ?? '', 'base64'),
    };
  } catch (err) {
    return outcomeReply(core.normalizeOperationOutcome(err));
  }
}

/**
 * Stores a raw body as a Binary (POST creates, PUT with an id updates or creates). The answer omits
 * `data`: echoing the document back would double the transfer for nothing.
 */
export async function writeRawBinary(
  context: FhirContext,
  contentType: string,
  body: Buffer,
  id?: string,
): Promise<Reply> {
  const binary: Binary = {
    resourceType: 'Binary',
    contentType,
    data: body.toString('base64'),
    ...(id ? { id } : {}),
  };
  try {
    const existed = id
      ? await context.repo.readResource('Binary', id).then(
          () => true,
          () => false,
        )
      : false;
    const stored = id
      ? await context.repo.updateResource(binary)
      : await context.repo.createResource(binary);
    const described: Binary = { ...stored };
    delete described.data;
    const location = `${context.baseUrl}/Binary/${stored.id}/_history/${stored.meta?.versionId}`;
    return fhirReply(existed ? 200 : 201, described, { location, ...versionHeaders(stored) });
  } catch (err) {
    return outcomeReply(core.normalizeOperationOutcome(err));
  }
}

function versionHeaders(binary: Binary): Record<string, string> {
  return binary.meta?.versionId ? { etag: `W/"${binary.meta.versionId}"` } : {};
}
