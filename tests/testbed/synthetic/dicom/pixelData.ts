import { encodeJpegLosslessFrame } from './jpegLossless';
import { encodeRleFrame } from './rle';
import { JPEG_BASELINE_QUALITY } from './syntaxMatrix';
import { TransferSyntax, type TransferSyntaxUid } from './transferSyntaxes';
import {
  jpegBaselineEncoder,
  losslessEncoder,
  type FrameCodec,
  type WasmTransferSyntax,
} from './wasmCodecs';
import type { Dataset, DicomValue } from './writer';

export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
}

export type Encoders = Record<WasmTransferSyntax, FrameCodec>;

export async function loadEncoders(): Promise<Encoders> {
  const [jpegLs, jpeg2000, htj2k, jpegBaseline] = await Promise.all([
    losslessEncoder(TransferSyntax.jpegLsLossless),
    losslessEncoder(TransferSyntax.jpeg2000Lossless),
    losslessEncoder(TransferSyntax.htj2kLossless),
    jpegBaselineEncoder(JPEG_BASELINE_QUALITY),
  ]);
  return {
    [TransferSyntax.jpegLsLossless]: jpegLs,
    [TransferSyntax.jpeg2000Lossless]: jpeg2000,
    [TransferSyntax.htj2kLossless]: htj2k,
    [TransferSyntax.jpegBaseline]: jpegBaseline,
  };
}

export function bytesOf(pixels: Int16Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

/** The encapsulated frames of a compressed transfer syntax; undefined for native ones. */
function encodeFrames(
  frames: readonly Uint8Array[],
  layout: PixelLayout,
  transferSyntax: TransferSyntaxUid,
  encoders: Encoders,
): Uint8Array[] | undefined {
  switch (transferSyntax) {
    case TransferSyntax.implicitLittleEndian:
    case TransferSyntax.explicitLittleEndian:
    case TransferSyntax.explicitBigEndian:
    case TransferSyntax.deflatedExplicitLittleEndian:
      // Native: frames stay little endian here; the writer swaps words for big endian and deflates.
      return undefined;
    case TransferSyntax.rleLossless:
      return frames.map((frame) => encodeRleFrame(frame, layout));
    case TransferSyntax.jpegLosslessSv1:
      return frames.map((frame) => encodeJpegLosslessFrame(frame, layout));
    default: {
      const info = {
        width: layout.columns,
        height: layout.rows,
        bitsPerSample: layout.bitsStored,
        componentCount: layout.samplesPerPixel,
        isSigned: layout.pixelRepresentation === 1,
      };
      return frames.map((frame) => encoders[transferSyntax].encode(frame, info));
    }
  }
}

/** Image Pixel module attributes plus Pixel Data, in the form the transfer syntax needs. */
export function imagePixelModule(
  frames: readonly Uint8Array[],
  layout: PixelLayout,
  transferSyntax: TransferSyntaxUid,
  encoders: Encoders,
): Dataset {
  const lossy = transferSyntax === TransferSyntax.jpegBaseline;
  if ((lossy || transferSyntax === TransferSyntax.jpegLosslessSv1) && layout.samplesPerPixel !== 1)
    throw new Error('this generator writes JPEG baseline and JPEG lossless for grey levels only');
  const encoded = encodeFrames(frames, layout, transferSyntax, encoders);
  const pixelData: DicomValue = encoded ? { frames: encoded } : Buffer.concat(frames);
  const byteCount = (list: readonly Uint8Array[]) =>
    list.reduce((sum, frame) => sum + frame.byteLength, 0);
  return {
    SamplesPerPixel: layout.samplesPerPixel,
    PhotometricInterpretation: layout.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    ...(layout.samplesPerPixel === 3 ? { PlanarConfiguration: 0 } : {}),
    Rows: layout.rows,
    Columns: layout.columns,
    BitsAllocated: layout.bitsAllocated,
    BitsStored: layout.bitsStored,
    HighBit: layout.bitsStored - 1,
    PixelRepresentation: layout.pixelRepresentation,
    LossyImageCompression: lossy ? '01' : '00',
    ...(lossy
      ? {
          LossyImageCompressionRatio:
            Math.round((byteCount(frames) / byteCount(encoded ?? frames)) * 100) / 100,
          LossyImageCompressionMethod: 'ISO_10918_1',
        }
      : {}),
    PixelData: pixelData,
  };
}
