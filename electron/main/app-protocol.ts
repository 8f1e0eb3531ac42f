import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { securityHeaders } from '../../shared/security/csp';
import { resolveStaticPath } from '../host/static/resolve-static';
import { APP_HOST, PACS_SCHEME } from './schemes';

const headers = securityHeaders({ extraConnectSources: [`${PACS_SCHEME}:`] });

function refusal(status: number): Response {
  return new Response(null, { status, headers });
}

/**
 * Serves the built renderer at app://regard/: only GET and HEAD, only that host, only files inside
 * the renderer folder (the shared resolver refuses traversal), and the security headers, CSP
 * first, on every answer, errors included.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Response {
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return refusal(404);
    const resolved = resolveStaticPath(rendererRoot, url.pathname);
    if (!resolved.ok) return refusal(resolved.status);
    const body =
      request.method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(resolved.file)) as ReadableStream<Uint8Array>);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': resolved.contentType },
    });
  };
}
