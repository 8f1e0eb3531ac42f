import { Readable } from 'node:stream';
import type { GatewayRequest, GatewayResponse } from '../host/dicomweb/gateway';
import { HostError } from '../host/errors';
import type { Logger } from '../host/logging/logger';
import { APP_ORIGIN, PACS_SCHEME } from './schemes';

/** What the scheme handler needs of the DICOMweb gateway. */
export interface GatewayPort {
  handle(request: GatewayRequest): Promise<GatewayResponse>;
}

/**
 * Electron adds the requesting page's origin to the Request it hands over (absent when the browser
 * itself asked); the page cannot forge it, unlike Origin or Referer.
 */
type ElectronRequest = Request & { readonly initiatorOrigin?: string };

// The scheme is CORS-enabled so the page can read it; name the one origin allowed to.
const corsHeaders = { 'Access-Control-Allow-Origin': APP_ORIGIN, Vary: 'Origin' };
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function ownAnswer(status: number, reason: GatewayResponse['reason']): Response {
  return new Response(JSON.stringify({ reason }), {
    status,
    headers: { ...corsHeaders, 'Content-Type': 'application/json' },
  });
}

/** pacs://<sourceId>/<DICOMweb path>?<query>, split for the gateway, which checks each part. */
function gatewayTarget(raw: string): Pick<GatewayRequest, 'sourceId' | 'path' | 'search'> | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${PACS_SCHEME}:`) return null;
  return { sourceId: url.host, path: url.pathname.replace(/^\//, ''), search: url.search };
}

/**
 * A web stream over the gateway's body whose cancellation aborts the upstream request. Electron
 * never aborts the Request it hands to the handler when the page gives up: it cancels the
 * response body, so that is where the abort has to come from.
 */
function abortingStream(body: Readable, upstream: AbortController): ReadableStream<Uint8Array> {
  const reader = (Readable.toWeb(body) as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    async cancel(reason) {
      upstream.abort(reason);
      await reader.cancel(reason);
    },
  });
}

/**
 * Serves pacs:// from the DICOMweb gateway, which adds credentials and refuses what is outside
 * its allowlist. Only the app's own page may ask; bodies stream through without buffering.
 */
export function createPacsProtocolHandler(
  gateway: GatewayPort,
  logger: Logger,
): (request: Request) => Promise<Response> {
  return async (request: ElectronRequest) => {
    const { initiatorOrigin } = request;
    if (initiatorOrigin !== undefined && initiatorOrigin !== APP_ORIGIN) {
      logger.warn('gateway.refused', { reason: 'initiator' });
      return ownAnswer(403, 'refused');
    }
    const target = gatewayTarget(request.url);
    if (!target) return ownAnswer(400, 'refused');

    const upstream = new AbortController();
    let answer: GatewayResponse;
    try {
      answer = await gateway.handle({
        method: request.method,
        ...target,
        accept: request.headers.get('accept') ?? undefined,
        signal: AbortSignal.any([request.signal, upstream.signal]),
      });
    } catch (error) {
      if (error instanceof HostError && error.code === 'refused') return ownAnswer(403, 'refused');
      logger.error('gateway.failed', { error: (error as Error).name });
      return ownAnswer(500, undefined);
    }

    if (!answer.body) return ownAnswer(answer.status, answer.reason);
    if (request.method === 'HEAD' || NULL_BODY_STATUSES.has(answer.status)) {
      answer.body.destroy();
      return new Response(null, {
        status: answer.status,
        headers: { ...answer.headers, ...corsHeaders },
      });
    }
    return new Response(abortingStream(answer.body, upstream), {
      status: answer.status,
      headers: { ...answer.headers, ...corsHeaders },
    });
  };
}
