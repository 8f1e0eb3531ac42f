/**
 * Checks a frame's bytes against what its metadata declares, before any decoder sees them. A PACS
 * can label compressed bytes as uncompressed (Orthanc does with HTJ2K) or cut an answer short; a
 * decoder fed such bytes shows noise or crashes its worker. The viewer shows the problem instead.
 */

export interface FrameLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
}

export type FrameProblem = 'empty' | 'truncated' | 'mislabelled' | 'bad-signature';

export type FrameCheck =
  { ok: true } | { ok: false; problem: FrameProblem; expectedBytes?: number; actualBytes: number };

const NATIVE = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.1.99',
]);

const JPEG_FAMILY = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
]);

const JPEG_2000_FAMILY = new Set([
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.4.202',
  '1.2.840.10008.1.2.4.203',
  '3.2.840.10008.1.2.4.96',
]);

const RLE = '1.2.840.10008.1.2.5';

export function expectedNativeFrameBytes(layout: FrameLayout): number {
  const bits = layout.rows * layout.columns * layout.samplesPerPixel * layout.bitsAllocated;
  return Math.ceil(bits / 8);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const JPEG_SOI = [0xff, 0xd8];
const J2K_CODESTREAM = [0xff, 0x4f, 0xff, 0x51];
const JP2_BOX = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];

function looksCompressed(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, JPEG_SOI) || startsWith(bytes, J2K_CODESTREAM) || startsWith(bytes, JP2_BOX)
  );
}

function rleHeaderValid(bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 64);
  const segments = view.getUint32(0, true);
  if (segments < 1 || segments > 15) return false;
  for (let i = 0; i < segments; i++) {
    const offset = view.getUint32(4 + i * 4, true);
    if (offset < 64 || offset >= bytes.length) return false;
  }
  return true;
}

export function checkFrame(
  bytes: Uint8Array,
  transferSyntax: string,
  layout: FrameLayout,
): FrameCheck {
  const actualBytes = bytes.length;
  if (actualBytes === 0) return { ok: false, problem: 'empty', actualBytes };
  if (NATIVE.has(transferSyntax)) {
    const expectedBytes = expectedNativeFrameBytes(layout);
    // One byte of padding keeps odd-length values even; anything else is not this frame.
    if (actualBytes === expectedBytes || actualBytes === expectedBytes + 1) return { ok: true };
    const problem = looksCompressed(bytes) ? 'mislabelled' : 'truncated';
    return { ok: false, problem, expectedBytes, actualBytes };
  }
  if (JPEG_FAMILY.has(transferSyntax) && !startsWith(bytes, JPEG_SOI)) {
    return { ok: false, problem: 'bad-signature', actualBytes };
  }
  if (
    JPEG_2000_FAMILY.has(transferSyntax) &&
    !startsWith(bytes, J2K_CODESTREAM) &&
    !startsWith(bytes, JP2_BOX)
  ) {
    return { ok: false, problem: 'bad-signature', actualBytes };
  }
  if (transferSyntax === RLE && !rleHeaderValid(bytes)) {
    return { ok: false, problem: 'bad-signature', actualBytes };
  }
  return { ok: true };
}

/** JPEG 2000 capabilities marker (CAP, part 15): present in HTJ2K codestreams only. */
const CAP_MARKER = [0xff, 0x50];

/**
 * The transfer syntax compressed bytes really are in, when a PACS labelled them uncompressed:
 * a JPEG 2000 codestream is HTJ2K when its main header carries a CAP marker. Undefined when the
 * bytes are not a JPEG 2000 codestream.
 */
export function sniffJpeg2000Syntax(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, J2K_CODESTREAM)) return undefined;
  // Walk the main header's marker segments (each: marker, then its length) up to the first
  // tile-part (SOT, FF90); CAP, when present, is one of them.
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1];
    if (marker === CAP_MARKER[1]) return '1.2.840.10008.1.2.4.201';
    if (marker === 0x90) break;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) break;
    offset += 2 + length;
  }
  return '1.2.840.10008.1.2.4.90';
}
