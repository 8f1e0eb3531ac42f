import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';
import { createHostFixture, type HostFixture } from '../../support/host-fixture';

let fixture: HostFixture;
let host: RunningBrowserHost;
let origin: string;

/** A raw request, so paths and headers reach the server exactly as written. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const url = new URL(origin);
  return new Promise((resolveResponse, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function bridgeCall(
  channel: string,
  payload: unknown,
  headers: Record<string, string> = { origin },
) {
  return raw(`/bridge/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

beforeAll(async () => {
  fixture = createHostFixture({ demo: true });
  host = await startBrowserHost({ services: fixture.services, rendererDir: fixture.rendererDir });
  origin = host.url.replace(/\/$/, '');
});

afterAll(async () => {
  await host.close();
  await fixture.services.close();
});

describe('browser host', () => {
  it('serves the renderer with the strict CSP and security headers', async () => {
    const response = await raw('/');
    expect(response.status).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/assets/%2e%2e%5c..%5coutside.txt',
    '/..\\outside.txt',
    '//etc/passwd',
  ])('refuses the traversal %s', async (path) => {
    const response = await raw(path);
    expect([403, 404]).toContain(response.status);
    expect(response.body).not.toContain('outside the renderer');
  });

  it('answers only its own host names (against DNS rebinding)', async () => {
    const response = await raw('/', { headers: { host: 'evil.example' } });
    expect(response.status).toBe(421);
  });

  it('runs a bridge call from its own origin', async () => {
    const response = await bridgeCall('getAppInfo', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: true,
      value: { host: 'browser', demo: true, locale: 'fr' },
    });
  });

  it('refuses bridge calls from another origin or with no origin, before the handler', async () => {
    const spy = vi.spyOn(fixture.services.handlers, 'getAppInfo');
    expect((await bridgeCall('getAppInfo', {}, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await bridgeCall('getAppInfo', {}, {})).status).toBe(403);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('refuses a malformed payload and an unknown channel before any handler', async () => {
    const spy = vi.spyOn(fixture.services.handlers, 'searchPatients');
    const malformed = await bridgeCall('searchPatients', { text: 42 });
    expect(JSON.parse(malformed.body)).toEqual({
      ok: false,
      failure: { code: 'invalid-request', messageKey: 'errors.invalidRequest' },
    });
    const unknown = await bridgeCall('constructor', {});
    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      failure: { code: 'invalid-request' },
    });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('says plainly when no record source is configured', async () => {
    const response = await bridgeCall('searchPatients', { text: '' });
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      failure: { code: 'unavailable', messageKey: 'errors.noRecordSource' },
    });
  });

  it('refuses gateway paths for a source that is not configured', async () => {
    const response = await raw('/pacs/elsewhere/studies');
    expect(response.status).toBe(404);
  });
});
