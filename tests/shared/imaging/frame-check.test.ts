import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkFrame,
  expectedNativeFrameBytes,
  sniffJpeg2000Syntax,
  type FrameLayout,
} from '../../../shared/imaging/frame-check';
import { encodeRleFrame } from '../../testbed/synthetic/dicom/rle';
import { TransferSyntax } from '../../testbed/synthetic/dicom/transferSyntaxes';
import { jpegBaselineEncoder, losslessEncoder } from '../../testbed/synthetic/dicom/wasmCodecs';

const NATIVE_SYNTAXES = [
  ['implicit little endian', TransferSyntax.implicitLittleEndian],
  ['explicit little endian', TransferSyntax.explicitLittleEndian],
  ['explicit big endian', TransferSyntax.explicitBigEndian],
  ['deflated explicit little endian', TransferSyntax.deflatedExplicitLittleEndian],
] as const;

const JPEG_SYNTAXES = [
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
];

const JPEG_2000_SYNTAXES = [
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.4.202',
  '1.2.840.10008.1.2.4.203',
  // The private HTJ2K UID used before 1.2.840.10008.1.2.4.201 was assigned.
  '3.2.840.10008.1.2.4.96',
];

const HTJ2K = '1.2.840.10008.1.2.4.201';
const J2K = '1.2.840.10008.1.2.4.90';

/** A 64 x 48 signed 16-bit CT-like frame: a ramp with a disc, so codecs have something to code. */
const LAYOUT: FrameLayout = { rows: 48, columns: 64, samplesPerPixel: 1, bitsAllocated: 16 };

function ctFrame(): Uint8Array {
  const pixels = new Int16Array(LAYOUT.rows * LAYOUT.columns);
  for (let y = 0; y < LAYOUT.rows; y++)
    for (let x = 0; x < LAYOUT.columns; x++) {
      const inside = (x - 32) ** 2 + (y - 24) ** 2 < 15 ** 2;
      pixels[y * LAYOUT.columns + x] = inside ? 300 + x : -1000 + 7 * y;
    }
  return new Uint8Array(pixels.buffer);
}

function greyFrame8(): Uint8Array {
  return Uint8Array.from({ length: LAYOUT.rows * LAYOUT.columns }, (_, i) => (i * 5) & 0xff);
}

/** Bytes that are none of the compressed signatures. */
function noise(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0x7f);
}

const info = { width: 64, height: 48, bitsPerSample: 16, componentCount: 1, isSigned: true };

let j2kCodestream: Uint8Array;
let htj2kCodestream: Uint8Array;
let jpegBaseline: Uint8Array;

beforeAll(async () => {
  const [j2k, htj2k, jpeg] = await Promise.all([
    losslessEncoder(TransferSyntax.jpeg2000Lossless),
    losslessEncoder(TransferSyntax.htj2kLossless),
    jpegBaselineEncoder(90),
  ]);
  j2kCodestream = j2k.encode(ctFrame(), info);
  htj2kCodestream = htj2k.encode(ctFrame(), info);
  jpegBaseline = jpeg.encode(greyFrame8(), { ...info, bitsPerSample: 8, isSigned: false });
});

/** Marker positions of a codestream's main header, walked segment by segment up to SOT. */
function mainHeaderMarkers(codestream: Uint8Array): number[] {
  const markers: number[] = [];
  let offset = 2;
  while (offset + 4 <= codestream.length) {
    const marker = ((codestream[offset] ?? 0) << 8) | (codestream[offset + 1] ?? 0);
    markers.push(marker);
    if (marker === 0xff90) break;
    offset += 2 + (((codestream[offset + 2] ?? 0) << 8) | (codestream[offset + 3] ?? 0));
  }
  return markers;
}

/** SOC, SIZ, an optional CAP, a COD, then a tile-part (SOT) whose data is `tileData`. */
function handBuiltCodestream(options: { cap: boolean; tileData?: number[] }): Uint8Array {
  const siz = [
    0xff, 0x51, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x8f, 0x01, 0x01,
  ];
  const cap = options.cap ? [0xff, 0x50, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00] : [];
  const cod = [0xff, 0x52, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0x05, 0x04, 0x04, 0x00, 0x01];
  const sot = [0xff, 0x90, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01];
  const sod = [0xff, 0x93];
  return Uint8Array.from([
    0xff,
    0x4f,
    ...siz,
    ...cap,
    ...cod,
    ...sot,
    ...sod,
    ...(options.tileData ?? []),
    0xff,
    0xd9,
  ]);
}

function rleHeader(segments: number, offsets: number[], totalLength: number): Uint8Array {
  const bytes = new Uint8Array(totalLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, segments, true);
  offsets.forEach((offset, i) => view.setUint32(4 + i * 4, offset, true));
  return bytes;
}

describe('the codestreams the tests use', () => {
  it('are real JPEG 2000 codestreams, the HTJ2K one with a CAP marker in its main header', () => {
    expect([...j2kCodestream.subarray(0, 4)]).toEqual([0xff, 0x4f, 0xff, 0x51]);
    expect([...htj2kCodestream.subarray(0, 4)]).toEqual([0xff, 0x4f, 0xff, 0x51]);
    expect(mainHeaderMarkers(htj2kCodestream)).toContain(0xff50);
    expect(mainHeaderMarkers(j2kCodestream)).not.toContain(0xff50);
    expect(mainHeaderMarkers(j2kCodestream).at(-1)).toBe(0xff90);
    expect([...jpegBaseline.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});

describe('expectedNativeFrameBytes', () => {
  it('counts rows x columns x samples x bits, rounded up to whole bytes', () => {
    expect(expectedNativeFrameBytes(LAYOUT)).toBe(64 * 48 * 2);
    expect(
      expectedNativeFrameBytes({ rows: 10, columns: 20, samplesPerPixel: 3, bitsAllocated: 8 }),
    ).toBe(600);
    // Bit-packed (segmentation, overlays): 3 x 3 one-bit pixels fill two bytes.
    expect(
      expectedNativeFrameBytes({ rows: 3, columns: 3, samplesPerPixel: 1, bitsAllocated: 1 }),
    ).toBe(2);
    expect(
      expectedNativeFrameBytes({ rows: 4, columns: 4, samplesPerPixel: 1, bitsAllocated: 32 }),
    ).toBe(64);
  });
});

describe('checkFrame', () => {
  const expected = 64 * 48 * 2;

  describe.each(NATIVE_SYNTAXES)('with %s', (_, syntax) => {
    it('accepts the exact length, and one byte of padding', () => {
      expect(checkFrame(ctFrame(), syntax, LAYOUT)).toEqual({ ok: true });
      expect(checkFrame(new Uint8Array(expected + 1), syntax, LAYOUT)).toEqual({ ok: true });
    });

    it('reports a truncated frame with the sizes', () => {
      expect(checkFrame(ctFrame().subarray(0, expected - 1), syntax, LAYOUT)).toEqual({
        ok: false,
        problem: 'truncated',
        expectedBytes: expected,
        actualBytes: expected - 1,
      });
      expect(checkFrame(noise(100), syntax, LAYOUT)).toMatchObject({
        ok: false,
        problem: 'truncated',
        actualBytes: 100,
      });
    });

    it('refuses a frame longer than its padding allows', () => {
      expect(checkFrame(new Uint8Array(expected + 2), syntax, LAYOUT)).toMatchObject({
        ok: false,
        expectedBytes: expected,
        actualBytes: expected + 2,
      });
    });

    it('reports compressed bytes labelled uncompressed as mislabelled', () => {
      for (const [name, bytes] of [
        ['HTJ2K', htj2kCodestream],
        ['JPEG 2000', j2kCodestream],
        ['JPEG', jpegBaseline],
        ['JP2', Uint8Array.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a])],
      ] as const) {
        expect(checkFrame(bytes, syntax, LAYOUT), name).toEqual({
          ok: false,
          problem: 'mislabelled',
          expectedBytes: expected,
          actualBytes: bytes.length,
        });
      }
    });
  });

  it('reports an empty frame whatever its syntax', () => {
    for (const syntax of [
      TransferSyntax.explicitLittleEndian,
      TransferSyntax.jpegBaseline,
      HTJ2K,
      TransferSyntax.rleLossless,
      '1.2.840.10008.1.2.4.100',
    ]) {
      expect(checkFrame(new Uint8Array(), syntax, LAYOUT), syntax).toEqual({
        ok: false,
        problem: 'empty',
        actualBytes: 0,
      });
    }
  });

  it.each(JPEG_SYNTAXES)('accepts a JPEG signature for %s and refuses anything else', (syntax) => {
    expect(checkFrame(jpegBaseline, syntax, LAYOUT)).toEqual({ ok: true });
    expect(checkFrame(Uint8Array.from([0xff, 0xd8]), syntax, LAYOUT)).toEqual({ ok: true });
    expect(checkFrame(noise(400), syntax, LAYOUT)).toEqual({
      ok: false,
      problem: 'bad-signature',
      actualBytes: 400,
    });
    expect(checkFrame(j2kCodestream, syntax, LAYOUT)).toMatchObject({ problem: 'bad-signature' });
    expect(checkFrame(Uint8Array.from([0xd8, 0xff]), syntax, LAYOUT)).toMatchObject({
      problem: 'bad-signature',
    });
    expect(checkFrame(Uint8Array.from([0xff]), syntax, LAYOUT)).toMatchObject({
      problem: 'bad-signature',
    });
  });

  it.each(JPEG_2000_SYNTAXES)(
    'accepts a codestream or a JP2 box for %s and refuses anything else',
    (syntax) => {
      expect(checkFrame(j2kCodestream, syntax, LAYOUT)).toEqual({ ok: true });
      expect(checkFrame(htj2kCodestream, syntax, LAYOUT)).toEqual({ ok: true });
      const jp2 = Uint8Array.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);
      expect(checkFrame(jp2, syntax, LAYOUT)).toEqual({ ok: true });
      expect(checkFrame(jpegBaseline, syntax, LAYOUT)).toEqual({
        ok: false,
        problem: 'bad-signature',
        actualBytes: jpegBaseline.length,
      });
      expect(checkFrame(noise(300), syntax, LAYOUT)).toMatchObject({ problem: 'bad-signature' });
      // SOC without SIZ is no codestream; a JP2 signature box cut short is no box.
      expect(checkFrame(Uint8Array.from([0xff, 0x4f, 0xff, 0x52]), syntax, LAYOUT)).toMatchObject({
        problem: 'bad-signature',
      });
      expect(checkFrame(jp2.subarray(0, 6), syntax, LAYOUT)).toMatchObject({
        problem: 'bad-signature',
      });
    },
  );

  describe('with RLE', () => {
    const RLE = TransferSyntax.rleLossless;

    it('accepts a frame from a real RLE encoder, 16-bit and RGB', () => {
      const grey = encodeRleFrame(ctFrame(), { ...LAYOUT, bitsAllocated: 16 });
      expect(new DataView(grey.buffer, grey.byteOffset).getUint32(0, true)).toBe(2);
      expect(checkFrame(grey, RLE, LAYOUT)).toEqual({ ok: true });
      const rgbLayout = { rows: 8, columns: 8, samplesPerPixel: 3, bitsAllocated: 8 } as const;
      const rgb = encodeRleFrame(
        Uint8Array.from({ length: 8 * 8 * 3 }, (_, i) => i % 3),
        rgbLayout,
      );
      expect(checkFrame(rgb, RLE, rgbLayout)).toEqual({ ok: true });
    });

    it('accepts a minimal header with segment offsets inside the frame', () => {
      expect(checkFrame(rleHeader(1, [64], 70), RLE, LAYOUT)).toEqual({ ok: true });
      expect(checkFrame(rleHeader(3, [64, 66, 68], 70), RLE, LAYOUT)).toEqual({ ok: true });
      const offsets = Array.from({ length: 15 }, (_, i) => 64 + i);
      expect(checkFrame(rleHeader(15, offsets, 80), RLE, LAYOUT)).toEqual({ ok: true });
    });

    it.each([
      ['a header cut short', rleHeader(1, [64], 63)],
      ['no segment', rleHeader(0, [], 70)],
      [
        'more than 15 segments',
        rleHeader(
          16,
          Array.from({ length: 15 }, () => 64),
          70,
        ),
      ],
      ['an absurd segment count', rleHeader(0xffffffff, [64], 70)],
      ['an offset inside the header', rleHeader(1, [60], 70)],
      ['an offset past the end', rleHeader(2, [64, 70], 70)],
      ['a missing second offset', rleHeader(2, [64], 70)],
      ['uncompressed pixels', ctFrame()],
    ])('refuses %s', (_, bytes) => {
      expect(checkFrame(bytes, RLE, LAYOUT)).toEqual({
        ok: false,
        problem: 'bad-signature',
        actualBytes: bytes.length,
      });
    });

    it('reads the header of a frame that is a view into a larger buffer', () => {
      const frame = rleHeader(1, [64], 70);
      const answer = new Uint8Array(200);
      answer.fill(0xee);
      answer.set(frame, 30);
      expect(checkFrame(answer.subarray(30, 100), RLE, LAYOUT)).toEqual({ ok: true });
    });
  });

  it('leaves syntaxes it does not know to the decoder', () => {
    expect(checkFrame(noise(10), '1.2.840.10008.1.2.4.100', LAYOUT)).toEqual({ ok: true });
  });
});

describe('sniffJpeg2000Syntax', () => {
  it('tells an HTJ2K codestream from a part 1 one', () => {
    expect(sniffJpeg2000Syntax(htj2kCodestream)).toBe(HTJ2K);
    expect(sniffJpeg2000Syntax(j2kCodestream)).toBe(J2K);
  });

  it('finds the CAP marker in a hand-built main header', () => {
    expect(sniffJpeg2000Syntax(handBuiltCodestream({ cap: true }))).toBe(HTJ2K);
    expect(sniffJpeg2000Syntax(handBuiltCodestream({ cap: false }))).toBe(J2K);
  });

  it('stops at the first tile-part: FF50 in tile data is no CAP marker', () => {
    const codestream = handBuiltCodestream({ cap: false, tileData: [0x12, 0xff, 0x50, 0x34] });
    expect(sniffJpeg2000Syntax(codestream)).toBe(J2K);
  });

  it('reads a part 1 codestream where no CAP shows in the first 4 KiB', () => {
    const long = new Uint8Array(10_000);
    long.set([0xff, 0x4f, 0xff, 0x51]);
    long[6000] = 0xff;
    long[6001] = 0x50;
    expect(sniffJpeg2000Syntax(long)).toBe(J2K);
    expect(sniffJpeg2000Syntax(Uint8Array.from([0xff, 0x4f, 0xff, 0x51]))).toBe(J2K);
  });

  it('is undefined for anything but a codestream', () => {
    expect(sniffJpeg2000Syntax(jpegBaseline)).toBeUndefined();
    expect(sniffJpeg2000Syntax(ctFrame())).toBeUndefined();
    expect(sniffJpeg2000Syntax(new Uint8Array())).toBeUndefined();
    expect(
      sniffJpeg2000Syntax(Uint8Array.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0xff, 0x50])),
    ).toBeUndefined();
    expect(sniffJpeg2000Syntax(Uint8Array.from([0xff, 0x4f, 0xff]))).toBeUndefined();
  });

  it('lets a frame mislabelled as native pass once relabelled with the sniffed syntax', () => {
    const check = checkFrame(htj2kCodestream, TransferSyntax.explicitLittleEndian, LAYOUT);
    expect(check).toMatchObject({ ok: false, problem: 'mislabelled' });
    const actual = sniffJpeg2000Syntax(htj2kCodestream);
    expect(actual).toBe(HTJ2K);
    expect(checkFrame(htj2kCodestream, actual ?? '', LAYOUT)).toEqual({ ok: true });
  });
});
