/**
 * The DICOMweb paths the gateway forwards: QIDO-RS searches and WADO-RS retrievals, nothing else.
 * Checked segment by segment so that no traversal, encoding trick or foreign resource gets through.
 */

const UID = /^[0-9]+(\.[0-9]+)*$/;
const FRAME_LIST = /^[1-9][0-9]{0,5}(,[1-9][0-9]{0,5}){0,511}$/;
const MAX_UID_LENGTH = 64;

export interface ParsedDicomwebPath {
  kind: 'search' | 'retrieve';
  studyUid?: string;
  /** The normalised relative path, safe to resolve against the source's base URL. */
  path: string;
}

function isUid(segment: string | undefined): segment is string {
  return segment !== undefined && segment.length <= MAX_UID_LENGTH && UID.test(segment);
}

const RETRIEVE_TAILS: readonly (readonly string[])[] = [
  [],
  ['metadata'],
  ['rendered'],
  ['thumbnail'],
];

function isRetrieveTail(rest: string[]): boolean {
  if (rest.length === 2 && rest[0] === 'frames') return FRAME_LIST.test(rest[1] ?? '');
  if (rest.length === 3 && rest[0] === 'frames' && rest[2] === 'rendered') {
    return FRAME_LIST.test(rest[1] ?? '');
  }
  return RETRIEVE_TAILS.some(
    (tail) => tail.length === rest.length && tail.every((part, i) => rest[i] === part),
  );
}

/** Returns the parsed path, or undefined when the path is not one the gateway forwards. */
export function parseDicomwebPath(rawPath: string): ParsedDicomwebPath | undefined {
  if (rawPath.length === 0 || rawPath.length > 2048) return undefined;
  const segments = rawPath.split('/');
  if (segments.some((segment) => segment.length === 0)) return undefined;
  const [root, studyUid, level2, seriesUid, level3, instanceUid, ...rest] = segments;

  if (root === 'studies' && segments.length === 1) return { kind: 'search', path: rawPath };
  if (root !== 'studies' || !isUid(studyUid)) return undefined;
  if (segments.length === 2) return { kind: 'retrieve', studyUid, path: rawPath };
  if (level2 === 'series' && segments.length === 3)
    return { kind: 'search', studyUid, path: rawPath };
  if (level2 === 'instances' && segments.length === 3) {
    return { kind: 'search', studyUid, path: rawPath };
  }
  if (level2 === 'metadata' && segments.length === 3) {
    return { kind: 'retrieve', studyUid, path: rawPath };
  }
  if (level2 !== 'series' || !isUid(seriesUid)) return undefined;
  if (segments.length === 4) return { kind: 'retrieve', studyUid, path: rawPath };
  if (level3 === 'instances' && segments.length === 5) {
    return { kind: 'search', studyUid, path: rawPath };
  }
  const seriesTail = segments.slice(4);
  if (level3 !== 'instances') {
    return isRetrieveTail(seriesTail) ? { kind: 'retrieve', studyUid, path: rawPath } : undefined;
  }
  if (!isUid(instanceUid)) return undefined;
  return isRetrieveTail(rest) ? { kind: 'retrieve', studyUid, path: rawPath } : undefined;
}

const QUERY_KEY = /^[A-Za-z0-9_.]{1,64}$/;

/**
 * Rebuilds a query string from its parameters, keeping only plain keys. Values are passed raw,
 * not percent-encoded, where DICOM needs it (`^` in names; some PACS do not decode).
 */
export function sanitiseQuery(search: string): string | undefined {
  const params = new URLSearchParams(search);
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (!QUERY_KEY.test(key) || value.length > 256 || /[\s&#]/.test(value)) return undefined;
    parts.push(
      `${key}=${encodeURIComponent(value).replace(/%5E/gi, '^').replace(/%2A/gi, '*').replace(/%2C/gi, ',')}`,
    );
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
