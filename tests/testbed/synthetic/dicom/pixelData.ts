import { encodeRleFrame } from './rle';
import { TransferSyntax, type TransferSyntaxUid } from './transferSyntaxes';
import { losslessEncoder, type FrameCodec, type WasmTransferSyntax } from './wasmCodecs';
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
  const [jpegLs, jpeg2000, htj2k] = await Promise.all([
    losslessEncoder(TransferSyntax.jpegLsLossless),
    losslessEncoder(TransferSyntax.jpeg2000Lossless),
    losslessEncoder(TransferSyntax.htj2kLossless),
  ]);
  return {
    [TransferSyntax.jpegLsLossless]: jpegLs,
    [TransferSyntax.jpeg2000Lossless]: jpeg2000,
    [TransferSyntax.htj2kLossless]: htj2k,
  };
}

export function bytesOf(pixels: Int16Array | Uint16Array | Uint8Array): Uint8Array {
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

/** Image Pixel module attributes plus Pixel Data, in the form the transfer syntax needs. */
export function imagePixelModule(
  frames: readonly Uint8Array[],
  layout: PixelLayout,
  transferSyntax: TransferSyntaxUid,
  encoders: Encoders,
): Dataset {
  let pixelData: DicomValue;
  if (
    transferSyntax === TransferSyntax.explicitLittleEndian ||
    transferSyntax === TransferSyntax.implicitLittleEndian
  ) {
    pixelData = Buffer.concat(frames);
  } else if (transferSyntax === TransferSyntax.rleLossless) {
    pixelData = { frames: frames.map((frame) => encodeRleFrame(frame, layout)) };
  } else {
    const info = {
      width: layout.columns,
      height: layout.rows,
      bitsPerSample: layout.bitsStored,
      componentCount: layout.samplesPerPixel,
      isSigned: layout.pixelRepresentation === 1,
    };
    pixelData = { frames: frames.map((frame) => encoders[transferSyntax].encode(frame, info)) };
  }
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
    LossyImageCompression: '00',
    PixelData: pixelData,
  };
}
