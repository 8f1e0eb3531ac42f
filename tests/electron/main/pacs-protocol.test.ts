import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessPoint } from '../../../electron/host/access/access-point';
import { AuditJournal } from '../../../electron/host/audit/journal';
import { imagingSourceSchema } from '../../../electron/host/config/schema';
import {
  DicomwebGateway,
  type GatewayRequest,
  type GatewayResponse,
} from '../../../electron/host/dicomweb/gateway';
import { HostError } from '../../../electron/host/errors';
import { createPacsProtocolHandler, type GatewayPort } from '../../../electron/main/pacs-protocol';
import { registerPrivilegedSchemes } from '../../../electron/main/schemes';
import { ElectronDouble, type ProtocolRequestInit } from '../../support/electron-double';
import { readAll, spyLogger, tempDir } from './fixtures';

const FRAME = 'pacs://orthanc/studies/1.2.3/series/4.5/instances/6.7/frames/1';
const fromApp: ProtocolRequestInit = { mode: 'cors', initiatorOrigin: 'app://regard' };

function serveWith(gateway: GatewayPort) {
  const double = new ElectronDouble({ userData: tempDir() });
  registerPrivilegedSchemes(double.protocol);
  double.app.becomeReady();
  const logger = spyLogger();
  double.protocol.handle('pacs', createPacsProtocolHandler(gateway, logger));
  return { double, logger };
}

async function pageFetch(gateway: GatewayPort, url: string, init: ProtocolRequestInit = fromApp) {
  const answer = await serveWith(gateway).double.protocol.request(url, init);
  if ('error' in answer) throw new Error(`net error ${answer.error}`);
  return { ...answer, text: await readAll(answer.body) };
}

function fakeGateway(
  answer: (request: GatewayRequest) => GatewayResponse | Promise<GatewayResponse>,
) {
  return { handle: vi.fn(async (request: GatewayRequest) => answer(request)) };
}

/** Reads one chunk and leaves the stream open, as a page still downloading would. */
async function firstChunk(body: Readable): Promise<Buffer> {
  const chunk = await new Promise<Uint8Array>((resolve) => body.once('data', resolve));
  body.pause();
  return Buffer.from(chunk);
}

const dicomPart = () => ({
  status: 200,
  headers: { 'content-type': 'multipart/related; type="application/octet-stream"' },
  body: Readable.from([Buffer.from('pixels')]),
});

describe('pacs:// handler', () => {
  it('forwards the source, path, query, method and Accept to the gateway and streams its answer', async () => {
    const gateway = fakeGateway(dicomPart);
    const answer = await pageFetch(gateway, `${FRAME}?quality=90`, {
      ...fromApp,
      headers: { Accept: 'multipart/related; type="application/octet-stream"' },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('pixels');
    expect(answer.headers['content-type']).toBe(
      'multipart/related; type="application/octet-stream"',
    );
    expect(gateway.handle).toHaveBeenCalledOnce();
    expect(gateway.handle.mock.calls[0]?.[0]).toMatchObject({
      method: 'GET',
      sourceId: 'orthanc',
      path: 'studies/1.2.3/series/4.5/instances/6.7/frames/1',
      search: '?quality=90',
      accept: 'multipart/related; type="application/octet-stream"',
    });
  });

  it('names the app as the one origin allowed to read the answer', async () => {
    const answer = await pageFetch(fakeGateway(dicomPart), FRAME);
    expect(answer.headers['access-control-allow-origin']).toBe('app://regard');
  });

  it('can be fetched by the page at app://regard although it is another origin', async () => {
    const answer = await pageFetch(fakeGateway(dicomPart), 'pacs://orthanc/studies');
    expect(answer.status).toBe(200);
  });

  it.each(['https://evil.example', 'null', 'app://other'])(
    'refuses a request started by %s before the gateway',
    async (initiatorOrigin) => {
      const gateway = fakeGateway(dicomPart);
      const answer = await pageFetch(gateway, FRAME, { initiatorOrigin });
      expect(answer.status).toBe(403);
      expect(gateway.handle).not.toHaveBeenCalled();
    },
  );

  it("passes on the gateway's own refusals with their reason", async () => {
    const answer = await pageFetch(
      fakeGateway(() => ({ status: 403, headers: {}, body: null, reason: 'refused' })),
      'pacs://orthanc/../../admin',
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual({ reason: 'refused' });
  });

  it('answers 403 when the access point refuses, 500 on any other failure', async () => {
    const refusing = fakeGateway(() => {
      throw new HostError('refused', 'errors.accessRefused');
    });
    expect((await pageFetch(refusing, FRAME)).status).toBe(403);
    const failing = fakeGateway(() => {
      throw new TypeError('boom');
    });
    expect((await pageFetch(failing, FRAME)).status).toBe(500);
  });

  it('answers HEAD without a body', async () => {
    const answer = await pageFetch(fakeGateway(dicomPart), FRAME, { ...fromApp, method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  });

  it('aborts the upstream request when the page aborts while the body streams', async () => {
    const upstreamBody = new Readable({ read() {} });
    upstreamBody.push(Buffer.from('first'));
    const gateway = fakeGateway(() => ({ status: 200, headers: {}, body: upstreamBody }));
    const page = new AbortController();
    const answer = await serveWith(gateway).double.protocol.request(FRAME, {
      ...fromApp,
      signal: page.signal,
    });
    if ('error' in answer || !answer.body) throw new Error('no body');
    expect((await firstChunk(answer.body)).toString()).toBe('first');
    const upstreamSignal = gateway.handle.mock.calls[0]?.[0].signal;
    expect(upstreamSignal?.aborted).toBe(false);

    page.abort();
    await vi.waitFor(() => expect(upstreamSignal?.aborted).toBe(true));
    await vi.waitFor(() => expect(upstreamBody.destroyed).toBe(true));
  });
});

describe('pacs:// handler over the real gateway', () => {
  let server: Server | undefined;
  let gateway: DicomwebGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('closes the connection to the PACS when the page aborts a frame download', async () => {
    const upstream: IncomingMessage[] = [];
    server = createServer((request, response) => {
      upstream.push(request);
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(1024, 1));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = tempDir();
    const logger = spyLogger();
    const source = imagingSourceSchema.parse({
      id: 'orthanc',
      label: 'PACS',
      dicomwebUrl: `http://127.0.0.1:${port}/dicom-web`,
    });
    const access = new AccessPoint(
      new AuditJournal(join(dir, 'journal.jsonl')),
      logger,
      () => 'test',
    );
    gateway = new DicomwebGateway([source], access, logger);

    const page = new AbortController();
    const answer = await serveWith(gateway).double.protocol.request(FRAME, {
      ...fromApp,
      signal: page.signal,
    });
    if ('error' in answer || !answer.body) throw new Error('no body');
    await firstChunk(answer.body);
    expect(upstream[0]?.url).toBe('/dicom-web/studies/1.2.3/series/4.5/instances/6.7/frames/1');
    const closed = new Promise((resolve) => upstream[0]?.socket.once('close', resolve));

    page.abort();
    await expect(closed).resolves.toBe(false);
  }, 10_000);
});
