import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BasicCredentials } from './auth';
import { BASIC_CHALLENGE, isAuthorized } from './auth';
import { parseCriteria } from './criteria';
import { EVENTS_PATH, EventStreams } from './events';
import type { FaultControls } from './faults';
import { Faults } from './faults';
import { handleFhir } from './fhir-handler';
import { BodyTooLargeError, readBody, writeReply } from './http-io';
import { isLoopbackHost } from './loopback';
import { core, engine } from './medplum';
import { startRestHooks } from './notifications';
import { errorOutcome } from './outcomes';
import type { Reply } from './reply';
import { outcomeReply } from './reply';
import { RecordRepository } from './repository';
import { createSerialQueue } from './serial-queue';
import { ADMIN_PATH, handleAdmin } from './testbed-admin';

export const FHIR_BASE_PATH = '/fhir/R4';

export interface RecordServerOptions {
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** A loopback address or name; default 127.0.0.1. */
  host?: string;
  /** When set, every FHIR request must carry these (the /_testbed/ endpoints never need them). */
  basicAuth?: BasicCredentials;
}

export interface RecordServer {
  /** e.g. http://127.0.0.1:PORT/fhir/R4 */
  baseUrl: string;
  close(): Promise<void>;
  faults: FaultControls;
}

/**
 * Starts the record server test bed: Medplum's FHIR engine over an in-memory repository, serving
 * IHE MHD (ITI-65/66/67/68) on loopback, with Subscriptions and fault injection. Logs nothing.
 */
export async function startRecordServer(options: RecordServerOptions = {}): Promise<RecordServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The record server binds loopback only, not ${host}`);
  const repo = new RecordRepository();
  const faults = new Faults();
  const queue = createSerialQueue();
  const streams = new EventStreams(repo);
  const restHooks = startRestHooks(repo);

  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  const context = {
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}${FHIR_BASE_PATH}`,
    repo,
    router: new engine.FhirRouter(),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://record-server.invalid');
    if (url.pathname === ADMIN_PATH) {
      writeReply(response, handleAdmin(method, await readBody(request), faults));
      return;
    }
    if (url.pathname !== FHIR_BASE_PATH && !url.pathname.startsWith(`${FHIR_BASE_PATH}/`)) {
      writeReply(
        response,
        outcomeReply(errorOutcome(404, `Not found: the FHIR base is ${FHIR_BASE_PATH}`)),
      );
      return;
    }
    await faults.delay();
    const forced = faults.takeForcedReply();
    if (forced) {
      writeReply(response, forced);
      return;
    }
    if (options.basicAuth && !isAuthorized(request.headers.authorization, options.basicAuth)) {
      const reply = outcomeReply(errorOutcome(401, 'Authentication required'));
      reply.headers['www-authenticate'] = BASIC_CHALLENGE;
      writeReply(response, reply);
      return;
    }
    const path = decodeURIComponent(url.pathname.slice(FHIR_BASE_PATH.length + 1));
    if (path === EVENTS_PATH && method === 'GET') {
      streams.openStream(response, parseCriteria(url.searchParams.get('criteria') ?? ''));
      return;
    }
    const body = await readBody(request);
    const reply = await queue(() =>
      handleFhir(context, {
        method,
        path,
        params: url.searchParams,
        headers: request.headers,
        body,
      }),
    );
    writeReply(response, faults.malform(reply));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((err: unknown) => {
      if (!response.headersSent && !response.destroyed) writeReply(response, errorReply(err));
    });
  });

  return {
    baseUrl: context.baseUrl,
    faults,
    async close() {
      streams.closeAll();
      const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      server.closeAllConnections();
      await Promise.all([closed, restHooks.stop()]);
    },
  };
}

function errorReply(err: unknown): Reply {
  if (err instanceof BodyTooLargeError) {
    return outcomeReply(errorOutcome(413, 'Request body too large'));
  }
  if (err instanceof URIError) {
    return outcomeReply(errorOutcome(400, 'Malformed percent-encoding in the path'));
  }
  if (err instanceof core.OperationOutcomeError) return outcomeReply(err.outcome);
  return outcomeReply(errorOutcome(500, 'Internal error in the record server'));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}
