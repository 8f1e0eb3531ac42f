import { parseDicomwebPath } from './gateway-path';

/**
 * Finds the configured imaging source a DICOMweb URL belongs to (same origin, path under the
 * source's base) and returns the path below that base, checked like any gateway path.
 */
export function resolveRetrieveUrl(
  url: string,
  sources: readonly { id: string; dicomwebUrl: string }[],
): { sourceId: string; path: string } | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  if (target.search || target.hash || target.username || target.password) return undefined;
  for (const source of sources) {
    const base = new URL(source.dicomwebUrl);
    const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    if (target.origin !== base.origin || !target.pathname.startsWith(basePath)) continue;
    const parsed = parseDicomwebPath(target.pathname.slice(basePath.length));
    return parsed ? { sourceId: source.id, path: parsed.path } : undefined;
  }
  return undefined;
}
