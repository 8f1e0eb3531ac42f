/**
 * JPEG lossless encoder, non-hierarchical, process 14, first-order prediction (selection value 1):
 * the DICOM transfer syntax 1.2.840.10008.1.2.4.70 (ITU T.81 Annex H). No npm package encodes it,
 * and the codec is small: predict each sample from its left neighbour (from the one above at the
 * start of a row, from 2^(P-1) for the first sample), Huffman-code the category of the difference
 * modulo 2^P and append its low bits. One optimal Huffman table per frame (T.81 Annex K.2).
 */

export interface JpegLosslessFrameInfo {
  rows: number;
  columns: number;
  /** Sample precision P, 2 to 16: the DICOM Bits Stored. */
  bitsStored: number;
  bitsAllocated: 8 | 16;
}

const MARKER = {
  SOI: 0xd8,
  SOF3: 0xc3,
  DHT: 0xc4,
  SOS: 0xda,
  EOI: 0xd9,
} as const;

/** Samples of one grey-level frame, as the unsigned P-bit patterns JPEG codes (two's complement kept as is). */
function samplesOf(pixels: Uint8Array, info: JpegLosslessFrameInfo): Uint32Array {
  const count = info.rows * info.columns;
  const mask = (1 << info.bitsStored) - 1;
  const samples = new Uint32Array(count);
  if (info.bitsAllocated === 8) {
    for (let i = 0; i < count; i++) samples[i] = (pixels[i] ?? 0) & mask;
  } else {
    const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    for (let i = 0; i < count; i++) samples[i] = view.getUint16(i * 2, true) & mask;
  }
  return samples;
}

/** Differences in [-(2^(P-1)) + 1, 2^(P-1)], as T.81 H.1.2.1 defines them (modulo 2^P). */
function differences(samples: Uint32Array, info: JpegLosslessFrameInfo): Int32Array {
  const { rows, columns, bitsStored } = info;
  const modulo = 2 ** bitsStored;
  const half = modulo / 2;
  const out = new Int32Array(samples.length);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < columns; col++) {
      const index = row * columns + col;
      let prediction: number;
      if (col > 0) prediction = samples[index - 1] ?? 0;
      else if (row > 0) prediction = samples[index - columns] ?? 0;
      else prediction = half;
      let difference = ((samples[index] ?? 0) - prediction) % modulo;
      if (difference < 0) difference += modulo;
      if (difference > half) difference -= modulo;
      out[index] = difference;
    }
  }
  return out;
}

function category(difference: number): number {
  let magnitude = Math.abs(difference);
  let bits = 0;
  while (magnitude > 0) {
    bits++;
    magnitude >>>= 1;
  }
  return bits;
}

/** T.81 Annex K.2 (as libjpeg's jpeg_gen_optimal_table): code lengths of at most 16 bits, none all ones. */
function optimalTable(frequencies: readonly number[]): { bits: number[]; values: number[] } {
  const freq = [...frequencies, 1]; // symbol 256 reserves the all-ones code point
  const codeSize = new Array<number>(freq.length).fill(0);
  const others = new Array<number>(freq.length).fill(-1);
  for (;;) {
    let c1 = -1;
    let least = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i] ?? 0;
      if (f > 0 && f <= least) {
        least = f;
        c1 = i;
      }
    }
    let c2 = -1;
    least = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < freq.length; i++) {
      const f = freq[i] ?? 0;
      if (f > 0 && f <= least && i !== c1) {
        least = f;
        c2 = i;
      }
    }
    if (c2 < 0) break;
    freq[c1] = (freq[c1] ?? 0) + (freq[c2] ?? 0);
    freq[c2] = 0;
    codeSize[c1] = (codeSize[c1] ?? 0) + 1;
    while ((others[c1] ?? -1) >= 0) {
      c1 = others[c1] ?? -1;
      codeSize[c1] = (codeSize[c1] ?? 0) + 1;
    }
    others[c1] = c2;
    codeSize[c2] = (codeSize[c2] ?? 0) + 1;
    while ((others[c2] ?? -1) >= 0) {
      c2 = others[c2] ?? -1;
      codeSize[c2] = (codeSize[c2] ?? 0) + 1;
    }
  }
  const bits = new Array<number>(33).fill(0);
  for (const size of codeSize) if (size > 0) bits[size] = (bits[size] ?? 0) + 1;
  for (let i = 32; i > 16; i--) {
    while ((bits[i] ?? 0) > 0) {
      let j = i - 2;
      while ((bits[j] ?? 0) === 0) j--;
      bits[i] = (bits[i] ?? 0) - 2;
      bits[i - 1] = (bits[i - 1] ?? 0) + 1;
      bits[j + 1] = (bits[j + 1] ?? 0) + 2;
      bits[j] = (bits[j] ?? 0) - 1;
    }
  }
  let longest = 16;
  while ((bits[longest] ?? 0) === 0) longest--;
  bits[longest] = (bits[longest] ?? 0) - 1; // drop the reserved code
  const values: number[] = [];
  for (let size = 1; size <= 32; size++)
    for (let symbol = 0; symbol < frequencies.length; symbol++)
      if (codeSize[symbol] === size) values.push(symbol);
  return { bits: bits.slice(1, 17), values };
}

/** Canonical codes (T.81 Annex C) for the table's symbols. */
function canonicalCodes(table: {
  bits: number[];
  values: number[];
}): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let n = 0; n < (table.bits[length - 1] ?? 0); n++) {
      codes.set(table.values[k++] ?? 0, [code, length]);
      code++;
    }
    code <<= 1;
  }
  return codes;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private accumulator = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.accumulator = (this.accumulator << 1) | ((value >>> bit) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.accumulator);
    if (this.accumulator === 0xff) this.bytes.push(0x00); // byte stuffing
    this.accumulator = 0;
    this.count = 0;
  }

  /** Pads the last byte with 1 bits (T.81 F.1.2.3) and returns the entropy-coded segment. */
  finish(): number[] {
    if (this.count > 0) this.write(0xff, 8 - this.count);
    return this.bytes;
  }
}

function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** Encodes one single-sample frame given in native (little-endian) layout. */
export function encodeJpegLosslessFrame(
  pixels: Uint8Array,
  info: JpegLosslessFrameInfo,
): Uint8Array {
  if (info.bitsStored < 2 || info.bitsStored > 16)
    throw new Error('JPEG lossless needs 2 to 16 bits');
  const diffs = differences(samplesOf(pixels, info), info);
  const frequencies = new Array<number>(17).fill(0);
  for (const difference of diffs) {
    const ssss = category(difference);
    frequencies[ssss] = (frequencies[ssss] ?? 0) + 1;
  }
  const table = optimalTable(frequencies);
  const codes = canonicalCodes(table);
  const writer = new BitWriter();
  for (const difference of diffs) {
    const ssss = category(difference);
    const [code, length] = codes.get(ssss) ?? [0, 0];
    writer.write(code, length);
    // Category 16 (difference 2^15) carries no extra bits; negatives send the low bits of diff - 1.
    if (ssss > 0 && ssss < 16) writer.write(difference < 0 ? difference - 1 : difference, ssss);
  }
  const entropyCoded = writer.finish();
  const { rows, columns, bitsStored } = info;
  const bytes = [
    0xff,
    MARKER.SOI,
    // Frame header: precision, lines, samples per line, one component (id 1, 1x1 sampling, Tq 0).
    ...segment(MARKER.SOF3, [
      bitsStored,
      rows >> 8,
      rows & 0xff,
      columns >> 8,
      columns & 0xff,
      1,
      1,
      0x11,
      0,
    ]),
    // Huffman table class 0 (DC/lossless), id 0.
    ...segment(MARKER.DHT, [0x00, ...table.bits, ...table.values]),
    // Scan header: component 1 with table 0, Ss = predictor 1, Se = 0, Ah = 0, Al = 0 (no point transform).
    ...segment(MARKER.SOS, [1, 1, 0x00, 1, 0, 0x00]),
    ...entropyCoded,
    0xff,
    MARKER.EOI,
  ];
  return Uint8Array.from(bytes);
}
