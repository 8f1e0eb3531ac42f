import type { IncomingHttpHeaders } from 'node:http';
import type { FhirResponse, HttpMethod } from '@medplum/fhir-router';
import { readRawBinary, writeRawBinary } from './binary';
import { capabilityStatement } from './capability';
import type { FhirContext } from './context';
import { routeToEngine, toQuery } from './context';
import { isFhirJson, isJsonBody } from './media-types';
import { core } from './medplum';
import { errorOutcome } from './outcomes';
import type { Reply } from './reply';
import { fhirReply, outcomeReply } from './reply';
import { isServedResourceType } from './resource-types';
import { searchType } from './search';

const ENGINE_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface FhirHttpRequest {
  method: string;
  /** The path below the FHIR base, percent-decoded, no leading slash: `DocumentReference/123`. */
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Answers one FHIR request: what the wrapper adds first, the rest through Medplum's router. */
export async function handleFhir(context: FhirContext, request: FhirHttpRequest): Promise<Reply> {
  const { method, path, headers } = request;
  const segments = path.split('/').filter(Boolean);
  const [resourceType = '', id] = segments;
  if (!ENGINE_METHODS.has(method)) {
    return outcomeReply(errorOutcome(405, `Method not allowed: ${method}`), 405);
  }
  if (path === 'metadata' && method === 'GET') {
    return fhirReply(200, capabilityStatement(context.baseUrl));
  }
  if (segments.length > 0 && !isServedResourceType(resourceType)) {
    return outcomeReply(errorOutcome(404, `Unknown or unsupported resource type: ${resourceType}`));
  }
  if (segments.length === 0 && method !== 'POST') {
    return outcomeReply(errorOutcome(404, 'Nothing to read at the FHIR base'));
  }

  if (resourceType === 'Binary') {
    const contentType = headers['content-type'];
    if (method === 'GET' && segments.length === 2 && id && !isFhirJson(headers.accept)) {
      return readRawBinary(context, id);
    }
    const rawWrite =
      (method === 'POST' && segments.length === 1) || (method === 'PUT' && segments.length === 2);
    if (rawWrite && contentType && !isJsonBody(contentType)) {
      return writeRawBinary(context, contentType, request.body, id);
    }
  }

  const strict = /handling\s*=\s*strict/i.test(String(headers.prefer ?? ''));
  if (method === 'GET' && segments.length === 1) {
    return searchType(context, resourceType, request.params, strict);
  }
  if (method === 'POST' && segments.length === 2 && id === '_search') {
    const params = new URLSearchParams(request.params);
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) {
      params.append(key, value);
    }
    return searchType(context, resourceType, params, strict);
  }

  const parsed = parseJsonBody(request);
  if ('reply' in parsed) return parsed.reply;
  const response = await routeToEngine(
    context,
    method as HttpMethod,
    path,
    toQuery(request.params),
    parsed.body,
    headers,
  );
  return engineReply(context, response);
}

function parseJsonBody(request: FhirHttpRequest): { body: unknown } | { reply: Reply } {
  if (request.body.length === 0) return { body: undefined };
  if (!isJsonBody(request.headers['content-type'])) {
    const text = 'Expected application/fhir+json (raw bodies are accepted for Binary only)';
    return { reply: outcomeReply(errorOutcome(415, text)) };
  }
  try {
    return { body: JSON.parse(request.body.toString('utf8')) };
  } catch {
    // The parser's message quotes the body, which may hold patient data.
    return { reply: outcomeReply(errorOutcome(400, 'The request body is not valid JSON')) };
  }
}

function engineReply(context: FhirContext, [outcome, resource]: FhirResponse): Reply {
  if (!resource) return outcomeReply(outcome);
  const status = core.getStatus(outcome);
  const headers: Record<string, string> = {};
  const version = resource.meta?.versionId;
  if (version && resource.id) {
    headers.etag = `W/"${version}"`;
    if (resource.meta?.lastUpdated) {
      headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    }
    if (status === 201) {
      const path = `${resource.resourceType}/${resource.id}/_history/${version}`;
      headers.location = `${context.baseUrl}/${path}`;
    }
  }
  return fhirReply(status, resource, headers);
}
