import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { securityHeaders } from '../../shared/security/csp';
import { dispatchBridgeCall } from '../host/bridge/dispatch';
import type { HostServices } from '../host/host-services';
import { resolveStaticPath } from '../host/static/resolve-static';

export interface BrowserHostOptions {
  services: HostServices;
  /** The built renderer folder (`dist/renderer`). */
  rendererDir: string;
  port?: number;
}

export interface RunningBrowserHost {
  url: string;
  close(): Promise<void>;
}

const MAX_BRIDGE_BODY = 1024 * 1024;
const BRIDGE_PREFIX = '/bridge/';
const PACS_PREFIX = '/pacs/';

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.destroy();
        resolveBody(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  response.end(text);
}

/**
 * Once the cache key is forgotten, the page's storage goes too: Chromium keeps a deleted
 * database's files until it compacts them (Electron's main clears them with clearStorageData).
 */
const FORGET_HEADERS = { 'clear-site-data': '"storage"' };

/**
 * The browser host: the same host services as Electron's main process, served on loopback so the
 * workstation runs in a plain Chromium. Its checks stand in for Electron's: only this origin may
 * call the bridge (as IPC accepts only the app's main frame), only known host names are answered
 * (against DNS rebinding), and the renderer gets the same CSP and headers.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const { services, rendererDir } = options;
  const { logger } = services;
  let origin = '';
  let allowedHosts = new Set<string>();
  const appHeaders = securityHeaders();
  const eventStreams = new Set<ServerResponse>();

  const unsubscribe = services.events.subscribe((channel, payload) => {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });

  /** Requests from a page of another site carry its Origin or a cross-site fetch mark. */
  function isSameOrigin(request: IncomingMessage, requireOrigin: boolean): boolean {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined) return requestOrigin === origin;
    if (requireOrigin) return false;
    const site = request.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }

  async function serveBridge(request: IncomingMessage, response: ServerResponse, channel: string) {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'method' });
    if (!isSameOrigin(request, true)) return sendJson(response, 403, { error: 'origin' });
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return sendJson(response, 415, { error: 'content-type' });
    }
    const body = await readBody(request, MAX_BRIDGE_BODY);
    if (!body) return sendJson(response, 413, { error: 'too-large' });
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { error: 'json' });
    }
    const controller = new AbortController();
    response.on('close', () => controller.abort());
    const envelope = await dispatchBridgeCall(
      services.handlers,
      channel,
      payload,
      { door: 'http', signal: controller.signal },
      logger,
    );
    const forgotten = channel === 'forgetCacheKey' && envelope.ok;
    sendJson(response, 200, envelope, forgotten ? FORGET_HEADERS : {});
  }

  function serveEvents(request: IncomingMessage, response: ServerResponse) {
    if (!isSameOrigin(request, false)) return sendJson(response, 403, { error: 'origin' });
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    eventStreams.add(response);
    request.on('close', () => eventStreams.delete(response));
  }

  async function servePacs(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (!isSameOrigin(request, false)) return sendJson(response, 403, { error: 'origin' });
    const rest = url.pathname.slice(PACS_PREFIX.length);
    const slash = rest.indexOf('/');
    const sourceId = slash === -1 ? rest : rest.slice(0, slash);
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    const answer = await services.gateway.handle({
      method: request.method ?? 'GET',
      sourceId,
      path: slash === -1 ? '' : rest.slice(slash + 1),
      search: url.search,
      accept: request.headers.accept,
      signal: controller.signal,
    });
    if (!answer.body) {
      return sendJson(response, answer.status, { reason: answer.reason });
    }
    response.writeHead(answer.status, { ...answer.headers, 'cache-control': 'no-store' });
    try {
      await pipeline(answer.body, response);
    } catch {
      answer.body.destroy();
    }
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, appHeaders).end();
      return;
    }
    const resolved = resolveStaticPath(rendererDir, rawPathOf(request));
    if (!resolved.ok) {
      response.writeHead(resolved.status, appHeaders).end();
      return;
    }
    const immutable = url.pathname.startsWith('/assets/');
    response.writeHead(200, {
      ...appHeaders,
      'content-type': resolved.contentType,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await pipeline(createReadStream(resolved.file), response);
  }

  const server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      response.writeHead(421).end();
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    const route = url.pathname.startsWith(BRIDGE_PREFIX)
      ? url.pathname === '/bridge/events'
        ? Promise.resolve(serveEvents(request, response))
        : serveBridge(request, response, url.pathname.slice(BRIDGE_PREFIX.length))
      : url.pathname.startsWith(PACS_PREFIX)
        ? servePacs(request, response, url)
        : serveStatic(request, response, url);
    route.catch((error: unknown) => {
      logger.error('browser-host.failed', { error });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.destroy();
    });
  });

  await new Promise<void>((resolveListen) =>
    server.listen(options.port ?? 0, '127.0.0.1', resolveListen),
  );
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  logger.info('browser-host.listening', { port });

  return {
    url: `${origin}/`,
    close: async () => {
      unsubscribe();
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

/** The path exactly as sent, before any decoding, so encoded traversal is seen and refused. */
function rawPathOf(request: IncomingMessage): string {
  const raw = request.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}
