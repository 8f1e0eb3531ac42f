/**
 * DICOM RLE Lossless encoder (PS3.5 Annex G): one PackBits segment per byte plane, most significant
 * byte first, each sample plane after the other; every row is encoded on its own.
 */

export interface RleFrameInfo {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: 8 | 16;
}

function packBitsRow(plane: Uint8Array, start: number, length: number, out: number[]): void {
  let index = 0;
  while (index < length) {
    let run = 1;
    while (index + run < length && run < 128 && plane[start + index + run] === plane[start + index])
      run++;
    if (run >= 2) {
      out.push(257 - run, plane[start + index] ?? 0);
      index += run;
      continue;
    }
    let literal = 1;
    while (
      index + literal < length &&
      literal < 128 &&
      !(
        index + literal + 1 < length &&
        plane[start + index + literal] === plane[start + index + literal + 1]
      )
    ) {
      literal++;
    }
    out.push(literal - 1);
    for (let k = 0; k < literal; k++) out.push(plane[start + index + k] ?? 0);
    index += literal;
  }
}

/** Encodes one frame given in native (little-endian, pixel-interleaved) layout. */
export function encodeRleFrame(pixels: Uint8Array, info: RleFrameInfo): Uint8Array {
  const bytesPerSample = info.bitsAllocated / 8;
  const pixelCount = info.rows * info.columns;
  const segmentCount = info.samplesPerPixel * bytesPerSample;
  if (segmentCount > 15) throw new Error('RLE allows at most 15 segments');
  const segments: Uint8Array[] = [];
  const plane = new Uint8Array(pixelCount);
  for (let sample = 0; sample < info.samplesPerPixel; sample++) {
    for (let byte = bytesPerSample - 1; byte >= 0; byte--) {
      const stride = info.samplesPerPixel * bytesPerSample;
      for (let p = 0; p < pixelCount; p++)
        plane[p] = pixels[p * stride + sample * bytesPerSample + byte] ?? 0;
      const out: number[] = [];
      for (let row = 0; row < info.rows; row++)
        packBitsRow(plane, row * info.columns, info.columns, out);
      if (out.length % 2 === 1) out.push(0x80);
      segments.push(Uint8Array.from(out));
    }
  }
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segmentCount, true);
  let offset = 64;
  segments.forEach((segment, index) => {
    header.setUint32(4 + index * 4, offset, true);
    offset += segment.length;
  });
  const frame = new Uint8Array(offset);
  frame.set(new Uint8Array(header.buffer), 0);
  offset = 64;
  for (const segment of segments) {
    frame.set(segment, offset);
    offset += segment.length;
  }
  return frame;
}
