import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../../electron/host/config/schema';
import { createHostServices, type HostServices } from '../../../../electron/host/host-services';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A loopback DICOMweb stand-in that records what reached it and can stream slowly. */
interface Upstream {
  server: Server;
  url: string;
  seen: { path: string; authorization: string | undefined; accept: string | undefined }[];
  closedEarly: number;
}

async function startUpstream(): Promise<Upstream> {
  const upstream: Upstream = { server: createServer(), url: '', seen: [], closedEarly: 0 };
  upstream.server.on('request', (request: IncomingMessage, response) => {
    upstream.seen.push({
      path: request.url ?? '',
      authorization: request.headers.authorization,
      accept: request.headers.accept,
    });
    if (request.url?.includes('/slow/') || request.url?.endsWith('/frames/1,2,3')) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const timer = setInterval(() => {
        sent += 1;
        response.write(Buffer.alloc(64 * 1024, sent));
        if (sent === 200) {
          clearInterval(timer);
          response.end();
        }
      }, 20);
      response.on('close', () => {
        clearInterval(timer);
        if (sent < 200) upstream.closedEarly += 1;
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'application/dicom+json', 'set-cookie': 'a=b' });
    response.end('[]');
  });
  await new Promise<void>((resolveListen) => upstream.server.listen(0, '127.0.0.1', resolveListen));
  upstream.url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}/dicom-web`;
  return upstream;
}

let upstream: Upstream;
let services: HostServices;
const S = '1.2.826.0.1.3680043.10.9.1';

beforeAll(async () => {
  upstream = await startUpstream();
  services = createHostServices({
    config: configSchema.parse({
      imaging: [
        {
          id: 'pacs',
          label: 'PACS',
          dicomwebUrl: upstream.url,
          auth: { type: 'basic', username: 'regard', password: 's3cret' },
        },
      ],
    }),
    dataDir: mkdtempSync(join(tmpdir(), 'regard-gateway-')),
    hostKind: 'browser',
    version: 'test',
  });
});

afterAll(async () => {
  await services.close();
  upstream.server.closeAllConnections();
  await new Promise((resolveClose) => upstream.server.close(resolveClose));
});

function gatewayRequest(path: string, search = '', signal = new AbortController().signal) {
  return services.gateway.handle({
    method: 'GET',
    sourceId: 'pacs',
    path,
    search,
    accept: 'application/dicom+json',
    signal,
  });
}

describe('DICOMweb gateway', () => {
  it('forwards a QIDO-RS search with the source credentials and drops other headers', async () => {
    const before = upstream.seen.length;
    const answer = await gatewayRequest('studies', '?PatientID=123&PatientName=DOE^J*');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/dicom+json');
    expect(answer.headers['set-cookie']).toBeUndefined();
    await answer.body?.resume();
    const seen = upstream.seen.at(-1);
    expect(upstream.seen.length).toBe(before + 1);
    expect(seen?.path).toBe('/dicom-web/studies?PatientID=123&PatientName=DOE^J*');
    expect(seen?.authorization).toBe(`Basic ${Buffer.from('regard:s3cret').toString('base64')}`);
    expect(seen?.accept).toBe('application/dicom+json');
  });

  it.each([
    ['../tools/reset', ''],
    [`studies/${S}/../../../tools/reset`, ''],
    ['http://evil.example/dicom-web/studies', ''],
    ['//evil.example/studies', ''],
    ['studies/%2e%2e/%2e%2e/tools', ''],
    ['tools/reset', ''],
    ['studies', '?a b=1'],
  ])('refuses %s%s without contacting the source', async (path, search) => {
    const before = upstream.seen.length;
    const answer = await gatewayRequest(path, search);
    expect(answer.status).toBe(403);
    expect(answer.body).toBeNull();
    expect(upstream.seen.length).toBe(before);
  });

  it('refuses methods other than GET and HEAD, and unknown sources', async () => {
    const signal = new AbortController().signal;
    const base = { sourceId: 'pacs', path: 'studies', search: '', accept: undefined, signal };
    expect((await services.gateway.handle({ ...base, method: 'DELETE' })).status).toBe(405);
    expect(
      (await services.gateway.handle({ ...base, method: 'GET', sourceId: 'other' })).status,
    ).toBe(404);
  });

  it('aborts the upstream request when the client gives up', async () => {
    const controller = new AbortController();
    const answer = await gatewayRequest(
      `studies/${S}/series/${S}.1/instances/${S}.1.1/frames/1,2,3`,
      '',
      controller.signal,
    );
    expect(answer.status).toBe(200);
    const body = answer.body;
    if (!body) throw new Error('expected a streamed body');
    await new Promise((resolveChunk) => body.once('data', resolveChunk));
    controller.abort();
    body.destroy();
    await expect.poll(() => upstream.closedEarly, { timeout: 5000 }).toBe(1);
  });

  it('answers 502 in plain terms when the source cannot be reached', async () => {
    const dead = createHostServices({
      config: configSchema.parse({
        imaging: [{ id: 'pacs', label: 'PACS', dicomwebUrl: 'http://127.0.0.1:9/dicom-web' }],
      }),
      dataDir: mkdtempSync(join(tmpdir(), 'regard-gateway-')),
      hostKind: 'browser',
      version: 'test',
    });
    const answer = await dead.gateway.handle({
      method: 'GET',
      sourceId: 'pacs',
      path: 'studies',
      search: '',
      accept: undefined,
      signal: new AbortController().signal,
    });
    expect(answer).toMatchObject({ status: 502, reason: 'unreachable', body: null });
    await dead.close();
  });
});
