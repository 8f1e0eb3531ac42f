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
    if (url.origin !== this.#base.origin || !url.pathname.startsWith(this.#base.pathname)) {
      throw new HostError('refused', 'errors.outsideSource');
    }
    let response;
    try {
      response = await request(url, {
        method: 'GET',
        headers: { accept: FHIR_JSON, ...authorizationHeader(this.#source.auth) },
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
    try {
      return await response.body.json();
    } catch (error) {
      throw new HostError('unavailable', 'errors.recordsMalformed', { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
