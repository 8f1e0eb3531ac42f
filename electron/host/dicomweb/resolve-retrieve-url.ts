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
    // Several sources may share an origin: the first whose base holds a valid path wins.
    const parsed = parseDicomwebPath(target.pathname.slice(basePath.length));
    if (parsed) return { sourceId: source.id, path: parsed.path };
  }
  return undefined;
}
