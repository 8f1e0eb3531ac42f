/**
 * The first part of a multipart/related answer (WADO-RS frames): its bytes and content type.
 * A frame request asks for one frame, so one part is expected; more parts are ignored.
 */
export interface MultipartPart {
  contentType: string | undefined;
  bytes: Uint8Array;
}

export class MultipartError extends Error {}

function boundaryOf(contentType: string): string | undefined {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  return match?.[1];
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  if (first === undefined) return -1;
  const last = haystack.length - needle.length;
  // The native search finds each candidate first byte: a frame's pixels are scanned at native
  // speed rather than one byte at a time in script (the main thread parses every frame).
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last;) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j += 1;
    if (j === needle.length) return i;
    i = haystack.indexOf(first, i + 1);
  }
  return -1;
}

/** Boundaries and headers are ASCII by definition (RFC 2046). */
function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}
const HEADER_END = ascii('\r\n\r\n');
/** A part's headers are a few lines; more is not a frame. */
const MAX_HEADER_BYTES = 8192;

export function firstMultipartPart(contentType: string | null, body: Uint8Array): MultipartPart {
  if (!contentType || !/^multipart\/related/i.test(contentType)) {
    // Some servers answer a single frame without the multipart wrapper.
    return { contentType: contentType ?? undefined, bytes: body };
  }
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new MultipartError('multipart answer without a boundary');
  const delimiter = ascii(`--${boundary}`);
  const start = indexOf(body, delimiter, 0);
  if (start < 0) throw new MultipartError('multipart boundary not found');
  const headerEnd = indexOf(body, HEADER_END, start + delimiter.length);
  if (headerEnd < 0) throw new MultipartError('multipart part without headers end');
  if (headerEnd - start > MAX_HEADER_BYTES) throw new MultipartError('multipart headers too long');
  let headers = '';
  for (const byte of body.subarray(start + delimiter.length, headerEnd)) {
    headers += String.fromCharCode(byte);
  }
  const partType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
  const dataStart = headerEnd + HEADER_END.length;
  const closing = ascii(`\r\n--${boundary}`);
  const end = indexOf(body, closing, dataStart);
  if (end < 0) throw new MultipartError('multipart part not terminated (answer cut short)');
  return { contentType: partType, bytes: body.subarray(dataStart, end) };
}

/** The transfer syntax a frame part declares; its absence means explicit little endian. */
export function transferSyntaxOfPart(contentType: string | undefined): string {
  const declared = contentType && /transfer-syntax="?([0-9.]+)"?/i.exec(contentType)?.[1];
  if (declared) return declared;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const byType: Record<string, string> = {
    'image/jpeg': '1.2.840.10008.1.2.4.50',
    'image/jll': '1.2.840.10008.1.2.4.70',
    'image/jls': '1.2.840.10008.1.2.4.80',
    'image/x-jls': '1.2.840.10008.1.2.4.80',
    'image/jp2': '1.2.840.10008.1.2.4.90',
    'image/jphc': '1.2.840.10008.1.2.4.201',
    'image/x-dicom-rle': '1.2.840.10008.1.2.5',
  };
  return (type ? byType[type] : undefined) ?? '1.2.840.10008.1.2.1';
}
