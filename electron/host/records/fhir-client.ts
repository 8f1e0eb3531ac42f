import { Agent, request } from 'undici';
import type { RecordSource, SourceAuth } from '../config/schema';
import { HostError } from '../errors';

const FHIR_JSON = 'application/fhir+json';
const MAX_BODY_BYTES = 50 * 1024 * 1024;

function authorizationHeader(auth: SourceAuth): Record<string, string> {
  if (auth.type === 'basic') {
    return {
      authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
    };
  }
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return {};
}

/** A FHIR R4 REST client for the configured record source; every failure becomes a HostError. */
export class FhirClient {
  readonly #source: RecordSource;
  readonly #base: URL;
  readonly #agent: Agent;

  constructor(source: RecordSource) {
    this.#source = source;
    this.#base = new URL(
      source.fhirBaseUrl.endsWith('/') ? source.fhirBaseUrl : `${source.fhirBaseUrl}/`,
    );
    this.#agent = new Agent({
      connections: 6,
      headersTimeout: source.timeoutMs,
      bodyTimeout: source.timeoutMs,
    });
  }

  /** GETs `[base]/<path>?<params>` and returns the parsed JSON body. */
  async getJson(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(path, this.#base);
    url.search = params.toString();
    return this.getJsonAt(url.href, signal);
  }

  /** GETs an absolute URL the source itself gave (a paging link), only if it is on the source. */
  async getJsonAt(href: string, signal?: AbortSignal): Promise<unknown> {
    const response = await this.#send(href, FHIR_JSON, signal);
    try {
      return await response.body.json();
    } catch (error) {
      throw new HostError('unavailable', 'errors.recordsMalformed', { cause: error });
    }
  }

  /** Retrieves raw bytes (ITI-68), refusing more than `maxBytes`. */
  async getBytes(
    path: string,
    accept: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ bytes: Uint8Array; contentType: string | undefined }> {
    const response = await this.#send(new URL(path, this.#base).href, accept, signal);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) {
        response.body.destroy();
        throw new HostError('unavailable', 'errors.documentTooLarge');
      }
      chunks.push(chunk as Uint8Array);
    }
    const contentType = response.headers['content-type'];
    return {
      bytes: Buffer.concat(chunks),
      contentType: typeof contentType === 'string' ? contentType : undefined,
    };
  }

  /** POSTs a resource to `[base]/<type>` (e.g. an AuditEvent) and returns the server's answer. */
  async create(type: string, resource: unknown, signal?: AbortSignal): Promise<unknown> {
    const response = await this.#send(new URL(type, this.#base).href, FHIR_JSON, signal, {
      method: 'POST',
      body: JSON.stringify(resource),
    });
    return response.body.json().catch(() => undefined);
  }

  async #send(
    href: string,
    accept: string,
    signal: AbortSignal | undefined,
    write?: { method: 'POST'; body: string },
  ) {
    const url = new URL(href);
    if (url.origin !== this.#base.origin || !url.pathname.startsWith(this.#base.pathname)) {
      throw new HostError('refused', 'errors.outsideSource');
    }
    let response;
    try {
      response = await request(url, {
        method: write?.method ?? 'GET',
        headers: {
          accept,
          ...(write ? { 'content-type': FHIR_JSON } : {}),
          ...authorizationHeader(this.#source.auth),
        },
        ...(write ? { body: write.body } : {}),
        dispatcher: this.#agent,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new HostError('unavailable', 'errors.recordsUnreachable', { cause: error });
    }
    const declaredLength = Number(response.headers['content-length'] ?? 0);
    if (declaredLength > MAX_BODY_BYTES) {
      await response.body.dump();
      throw new HostError('unavailable', 'errors.recordsAnswerTooLarge');
    }
    if (response.statusCode === 401 || response.statusCode === 403) {
      await response.body.dump();
      throw new HostError('refused', 'errors.recordsRefused');
    }
    if (response.statusCode === 404) {
      await response.body.dump();
      throw new HostError('not-found', 'errors.recordsNotFound');
    }
    if (response.statusCode >= 400) {
      await response.body.dump();
      throw new HostError('unavailable', 'errors.recordsFailed');
    }
    return response;
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
