import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../../../electron/host/static/resolve-static';

const parent = mkdtempSync(join(tmpdir(), 'regard-static-'));
const root = join(parent, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), '');
writeFileSync(join(parent, 'secret.txt'), 'secret');

describe('resolveStaticPath', () => {
  it('serves the index and built assets with their types', () => {
    expect(resolveStaticPath(root, '/')).toMatchObject({
      ok: true,
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveStaticPath(root, '/assets/app.js')).toMatchObject({
      ok: true,
      file: join(root, 'assets', 'app.js'),
    });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    '/.env',
    'etc/passwd',
  ])('refuses %s', (path) => {
    const result = resolveStaticPath(root, path);
    expect(result.ok).toBe(false);
  });

  it('answers 404 for a missing file and for a folder', () => {
    expect(resolveStaticPath(root, '/nope.js')).toEqual({ ok: false, status: 404 });
    expect(resolveStaticPath(root, '/assets')).toEqual({ ok: false, status: 404 });
  });
});
