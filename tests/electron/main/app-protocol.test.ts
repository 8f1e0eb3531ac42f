import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../shared/security/csp';
import { createAppProtocolHandler } from '../../../electron/main/app-protocol';
import { ElectronDouble, type ProtocolAnswer } from '../../support/electron-double';
import { readAll, rendererFixture, SECRET, tempDir } from './fixtures';

const expectedHeaders = securityHeaders({ extraConnectSources: ['pacs:'] });

function serve(): ElectronDouble {
  const double = new ElectronDouble({ userData: tempDir() });
  double.app.becomeReady();
  double.protocol.handle('app', createAppProtocolHandler(rendererFixture()));
  return double;
}

async function answerOf(url: string, method = 'GET') {
  const answer: ProtocolAnswer = await serve().protocol.request(url, {
    method,
    initiatorOrigin: 'app://regard',
  });
  if ('error' in answer) throw new Error(`net error ${answer.error}`);
  return { ...answer, text: await readAll(answer.body) };
}

function expectSecurityHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(expectedHeaders)) {
    expect(headers[name.toLowerCase()]).toBe(value);
  }
}

describe('app:// handler', () => {
  it.each(['app://regard/', 'app://regard/index.html'])(
    'serves the renderer entry at %s',
    async (url) => {
      const answer = await answerOf(url);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<title>Regard</title>');
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    },
  );

  it('serves assets with their type', async () => {
    const answer = await answerOf('app://regard/assets/app.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('sends the CSP, with the gateway scheme allowed for fetches, and the other security headers', async () => {
    const answer = await answerOf('app://regard/index.html');
    expectSecurityHeaders(answer.headers);
    expect(answer.headers['content-security-policy']).toMatch(/connect-src 'self' pacs:/);
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it.each([
    'app://regard/../package.json',
    'app://regard/../secret.txt',
    'app://regard/assets/../../secret.txt',
    'app://regard/%2e%2e/secret.txt',
    'app://regard/%2E%2E/package.json',
    'app://regard/..%2fsecret.txt',
    'app://regard/..%2Fsecret.txt',
    'app://regard/assets/..%2f..%2fsecret.txt',
    'app://regard/\\..\\secret.txt',
    'app://regard/%5c..%5csecret.txt',
    'app://regard//etc/passwd',
    'app://regard/C:/Windows/win.ini',
    'app://regard/index.html%00.txt',
    'app://regard/missing.html',
  ])('answers %s with 403 or 404, the security headers and no file content', async (url) => {
    const answer = await answerOf(url);
    expect([403, 404]).toContain(answer.status);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).toBe('');
    expectSecurityHeaders(answer.headers);
  });

  it('serves no other host', async () => {
    const answer = await answerOf('app://evil/index.html');
    expect(answer.status).toBe(404);
    expectSecurityHeaders(answer.headers);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await answerOf('app://regard/index.html', 'POST');
    expect(answer.status).toBe(405);
    expect(answer.text).toBe('');
  });

  it('answers HEAD without a body', async () => {
    const answer = await answerOf('app://regard/index.html', 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expectSecurityHeaders(answer.headers);
  });
});
