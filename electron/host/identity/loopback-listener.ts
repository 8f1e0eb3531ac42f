import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { LoginError, type LoginFailureReason } from './login-error';

/** The redirect that came back with this login's `state`. */
export interface LoopbackCallback {
  /** The full callback URL: `code`, `state`, `iss`... */
  url: URL;
  /** Answers the waiting browser with the outcome, then the listener closes. */
  finish(outcome: 'success' | 'failure'): void;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`, the redirect URI of this login only. */
  readonly redirectUri: string;
  /** Settles once: the first callback, or a LoginError (wrong state, provider error, timeout). */
  readonly callback: Promise<LoopbackCallback>;
  /** Stops listening; a wait still pending fails with `reason`. */
  close(reason?: LoginFailureReason): void;
}

export interface LoopbackListenerOptions {
  /** The `state` this login sent; a callback without it is refused. */
  expectedState: string;
  /** A login nobody completes ends after this long. */
  timeoutMs: number;
  path?: string;
  /** The browser gets a neutral page if the outcome is not known by then. */
  finishTimeoutMs?: number;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  connection: 'close',
};

const PAGES = {
  success: 'Connexion réussie. Vous pouvez fermer cette fenêtre et revenir à Regard.',
  failure:
    'La connexion n’a pas abouti. Vous pouvez fermer cette fenêtre : Regard indique la marche à suivre.',
  neutral: 'Vous pouvez fermer cette fenêtre et revenir à Regard.',
  refused:
    'Cette réponse ne correspond à aucune demande de connexion de Regard : elle est refusée. Vous pouvez fermer cette fenêtre.',
  over: 'Cette demande de connexion est terminée. Vous pouvez fermer cette fenêtre.',
  notFound: 'Page introuvable.',
} as const;

/** A small static page: nothing from the request is reflected in it. */
function answer(response: ServerResponse, status: number, page: keyof typeof PAGES): void {
  const body = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Regard — connexion</title>
<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;line-height:1.5}</style>
</head><body><h1>Regard</h1><p>${PAGES[page]}</p></body></html>
`;
  response.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Listens on 127.0.0.1, on a port the system picks, for the one redirect that ends a login in the
 * system browser (RFC 8252 §7.3). The first request to the callback path settles the login, with
 * the right `state` or not; the listener then closes.
 */
export async function openLoopbackListener(
  options: LoopbackListenerOptions,
): Promise<LoopbackListener> {
  const path = options.path ?? '/callback';
  const server = createServer();
  let phase: 'waiting' | 'answering' | 'closed' = 'waiting';
  let settle: { resolve(value: LoopbackCallback): void; reject(error: LoginError): void };
  const callback = new Promise<LoopbackCallback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A failure nobody awaits yet must not surface as an unhandled rejection.
  callback.catch(() => undefined);

  let pendingFinish: ((page: keyof typeof PAGES) => void) | undefined;
  let closed = false;
  const shutDown = () => {
    phase = 'closed';
    clearTimeout(timer);
    if (closed) return;
    closed = true;
    server.close();
    server.closeIdleConnections();
  };
  const fail = (reason: LoginFailureReason, detail?: string) => {
    if (phase === 'waiting') settle.reject(new LoginError(reason, detail));
  };
  const timer = setTimeout(() => {
    fail('timeout');
    shutDown();
  }, options.timeoutMs);

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${path}`;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', redirectUri);
    if (phase !== 'waiting') return answer(response, 410, 'over');
    if (url.pathname !== path) return answer(response, 404, 'notFound');
    if (request.method !== 'GET') return answer(response, 405, 'refused');

    if (!sameState(url.searchParams.get('state'), options.expectedState)) {
      fail('state-mismatch');
      phase = 'answering';
      response.once('finish', shutDown);
      return answer(response, 400, 'refused');
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      fail('provider-refused', /^[\w.-]{1,64}$/.test(error) ? error : undefined);
      phase = 'answering';
      response.once('finish', shutDown);
      return answer(response, 200, 'failure');
    }

    phase = 'answering';
    clearTimeout(timer);
    let finished = false;
    const finish = (page: keyof typeof PAGES) => {
      if (finished) return;
      finished = true;
      clearTimeout(fallback);
      response.once('finish', shutDown);
      if (response.writableEnded || response.destroyed) shutDown();
      else answer(response, 200, page);
    };
    const fallback = setTimeout(() => finish('neutral'), options.finishTimeoutMs ?? 30_000);
    pendingFinish = finish;
    settle.resolve({ url, finish: (outcome) => finish(outcome) });
  });

  return {
    redirectUri,
    callback,
    close(reason = 'cancelled') {
      fail(reason);
      if (pendingFinish) pendingFinish('failure');
      else shutDown();
    },
  };
}
