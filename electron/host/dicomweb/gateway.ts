import { Agent, errors as undiciErrors, request } from 'undici';
import type { Readable } from 'node:stream';
import type { AccessPoint } from '../access/access-point';
import type { ImagingSource, SourceAuth } from '../config/schema';
import type { Logger } from '../logging/logger';
import { parseDicomwebPath, sanitiseQuery } from './gateway-path';

export interface GatewayRequest {
  method: string;
  sourceId: string;
  /** The DICOMweb path below the source, e.g. `studies/1.2.3/series`. */
  path: string;
  /** The raw query string, with or without its leading `?`. */
  search: string;
  accept: string | undefined;
  signal: AbortSignal;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  /** Streamed from the source as it arrives; null for errors the gateway answers itself. */
  body: Readable | null;
  /** Why the gateway answered by itself, for the renderer to explain. */
  reason?: 'refused' | 'unknown-source' | 'unreachable' | 'timeout' | 'aborted';
}

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified'];

function authorizationHeader(auth: SourceAuth): string | undefined {
  switch (auth.type) {
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'none':
      return undefined;
  }
}

/**
 * Browsers ask for images with a list of types; many PACS (Orthanc among them) take one media type
 * per Accept. Rendered images are asked for as PNG when the page names it, JPEG otherwise.
 */
function renderedAccept(accept: string | undefined): string {
  return accept?.includes('image/png') && !accept.includes('image/*') ? 'image/png' : 'image/jpeg';
}

function ownAnswer(status: number, reason: GatewayResponse['reason']): GatewayResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: null, reason };
}

/** The source's DICOMweb root as a prefix that every forwarded URL must keep. */
function baseOf(source: ImagingSource): URL {
  const base = new URL(source.dicomwebUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return base;
}

/**
 * Forwards QIDO-RS and WADO-RS requests from the renderer to the configured DICOMweb sources:
 * adds their credentials, refuses anything else, streams bodies through without buffering, reuses
 * connections, and aborts upstream when the renderer gives up.
 */
export class DicomwebGateway {
  readonly #sources: Map<string, { source: ImagingSource; base: URL; agent: Agent }>;
  readonly #access: AccessPoint;
  readonly #logger: Logger;

  constructor(sources: readonly ImagingSource[], access: AccessPoint, logger: Logger) {
    this.#access = access;
    this.#logger = logger;
    this.#sources = new Map(
      sources.map((source) => [
        source.id,
        {
          source,
          base: baseOf(source),
          // Orthanc and others announce `Keep-Alive: timeout=1`; a small threshold keeps reuse.
          agent: new Agent({
            connections: source.maxConnections,
            keepAliveTimeout: 10_000,
            keepAliveTimeoutThreshold: 200,
            headersTimeout: source.timeoutMs,
            bodyTimeout: source.timeoutMs,
          }),
        },
      ]),
    );
  }

  async handle(incoming: GatewayRequest): Promise<GatewayResponse> {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') return ownAnswer(405, 'refused');
    const entry = this.#sources.get(incoming.sourceId);
    if (!entry) return ownAnswer(404, 'unknown-source');
    const parsed = parseDicomwebPath(incoming.path);
    const query = sanitiseQuery(incoming.search.replace(/^\?/, ''));
    if (!parsed || query === undefined) {
      this.#logger.warn('gateway.refused', { source: incoming.sourceId });
      return ownAnswer(403, 'refused');
    }
    const target = new URL(parsed.path + query, entry.base);
    if (target.origin !== entry.base.origin || !target.pathname.startsWith(entry.base.pathname)) {
      return ownAnswer(403, 'refused');
    }

    const headers: Record<string, string> = {};
    const accept = /\/(rendered|thumbnail)$/.test(parsed.path)
      ? renderedAccept(incoming.accept)
      : incoming.accept;
    if (accept) headers.accept = accept;
    const authorization = authorizationHeader(entry.source.auth);
    if (authorization) headers.authorization = authorization;

    const forward = async (): Promise<GatewayResponse> => {
      try {
        const upstream = await request(target, {
          method: incoming.method as 'GET' | 'HEAD',
          headers,
          dispatcher: entry.agent,
          signal: incoming.signal,
        });
        const out: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstream.headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        return { status: upstream.statusCode, headers: out, body: upstream.body };
      } catch (error) {
        if (incoming.signal.aborted) return ownAnswer(499, 'aborted');
        const timedOut =
          error instanceof undiciErrors.HeadersTimeoutError ||
          error instanceof undiciErrors.BodyTimeoutError ||
          error instanceof undiciErrors.ConnectTimeoutError;
        this.#logger.warn('gateway.upstream-failed', {
          source: incoming.sourceId,
          error: (error as Error).name,
        });
        return timedOut ? ownAnswer(504, 'timeout') : ownAnswer(502, 'unreachable');
      }
    };

    return parsed.kind === 'search' && !parsed.studyUid
      ? this.#access.run({ action: 'imaging.search', target: incoming.sourceId }, forward)
      : this.#access.runImaging(parsed.studyUid, forward);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#sources.values()].map(({ agent }) => agent.close()));
  }
}
