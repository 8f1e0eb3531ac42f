import { statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

export type StaticResolution =
  { ok: true; file: string; contentType: string } | { ok: false; status: 403 | 404 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Anything that could step out of the folder, or that no built file is ever named with. */
const FORBIDDEN = /\\|%5c|%2e|%2f|%00|\0|\.\.|\/\/|[<>:"|?*]/i;
const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Maps a URL path to a file of the built renderer, refusing traversal (`..`, encoded dots or
 * slashes, backslashes, absolute paths). The one resolver behind both `app://` and the browser host.
 */
export function resolveStaticPath(root: string, urlPath: string): StaticResolution {
  if (!urlPath.startsWith('/') || FORBIDDEN.test(urlPath)) return { ok: false, status: 403 };
  const relative = urlPath === '/' ? 'index.html' : urlPath.slice(1);
  const segments = relative.split('/');
  if (!segments.every((segment) => SAFE_SEGMENT.test(segment) && !/^\.+$/.test(segment))) {
    return { ok: false, status: 403 };
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!file.startsWith(base + sep)) return { ok: false, status: 403 };
  try {
    if (!statSync(file).isFile()) return { ok: false, status: 404 };
  } catch {
    return { ok: false, status: 404 };
  }
  return {
    ok: true,
    file,
    contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
  };
}
