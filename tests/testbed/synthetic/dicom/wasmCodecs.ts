import { createRequire } from 'node:module';
import { TransferSyntax } from './transferSyntaxes';

/**
 * The codec builds Cornerstone3D decodes with; their full (non "decode") builds also carry the
 * encoders. libjpeg-turbo comes with @cornerstonejs/dicom-image-loader (which pins it).
 */

export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface WasmEncoder {
  getDecodedBuffer(info: FrameInfo & { isUsingColorTransform: boolean }): Uint8Array;
  setQuality?(lossless: boolean, quantizationStep: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** libjpeg-turbo's encoder: quality 1-100 (IJG scale), progressive by default. */
interface WasmJpegEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setQuality(quality: number): void;
  setProgressive(progressive: boolean): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

type CodecModule = Record<string, new () => unknown>;
type ModuleFactory = (options: { print: () => void; printErr: () => void }) => Promise<CodecModule>;

const codecs = {
  [TransferSyntax.jpegLsLossless]: {
    pkg: '@cornerstonejs/codec-charls/wasmjs',
    encoder: 'JpegLSEncoder',
    decoder: 'JpegLSDecoder',
  },
  [TransferSyntax.jpeg2000Lossless]: {
    pkg: '@cornerstonejs/codec-openjpeg/wasmjs',
    encoder: 'J2KEncoder',
    decoder: 'J2KDecoder',
  },
  [TransferSyntax.htj2kLossless]: {
    pkg: '@cornerstonejs/codec-openjph/wasmjs',
    encoder: 'HTJ2KEncoder',
    decoder: 'HTJ2KDecoder',
  },
  [TransferSyntax.jpegBaseline]: {
    pkg: '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs',
    encoder: 'JPEGEncoder',
    decoder: 'JPEGDecoder',
  },
} as const;

export type WasmTransferSyntax = keyof typeof codecs;
export type WasmLosslessTransferSyntax = Exclude<
  WasmTransferSyntax,
  typeof TransferSyntax.jpegBaseline
>;

const modules = new Map<string, Promise<CodecModule>>();
const requireCjs = createRequire(import.meta.url);

function loadModule(pkg: string): Promise<CodecModule> {
  let loaded = modules.get(pkg);
  if (!loaded) {
    const factory = requireCjs(pkg) as ModuleFactory;
    // The OpenJPEG build logs every header it reads on stdout.
    loaded = factory({ print: () => undefined, printErr: () => undefined });
    modules.set(pkg, loaded);
  }
  return loaded;
}

async function codecClass<T>(
  transferSyntax: WasmTransferSyntax,
  role: 'encoder' | 'decoder',
): Promise<new () => T> {
  const codec = codecs[transferSyntax];
  const module = await loadModule(codec.pkg);
  const Class = module[codec[role]];
  if (!Class) throw new Error(`${codec.pkg} has no ${codec[role]}`);
  return Class as new () => T;
}

export interface FrameCodec {
  encode(pixels: Uint8Array, info: FrameInfo): Uint8Array;
}

/** A synchronous lossless encoder for one transfer syntax (the WASM module loads once, asynchronously). */
export async function losslessEncoder(
  transferSyntax: WasmLosslessTransferSyntax,
): Promise<FrameCodec> {
  const Encoder = await codecClass<WasmEncoder>(transferSyntax, 'encoder');
  return {
    encode(pixels, info) {
      const encoder = new Encoder();
      try {
        encoder.getDecodedBuffer({ ...info, isUsingColorTransform: false }).set(pixels);
        encoder.setQuality?.(true, 0);
        encoder.encode();
        return encoder.getEncodedBuffer().slice();
      } finally {
        encoder.delete();
      }
    },
  };
}

/**
 * A JPEG baseline (process 1: sequential, Huffman, 8-bit) encoder for grey-level frames at the
 * given IJG quality. libjpeg-turbo's default is progressive (SOF2), which 1.2.840.10008.1.2.4.50
 * does not allow: switched off.
 */
export async function jpegBaselineEncoder(quality: number): Promise<FrameCodec> {
  const Encoder = await codecClass<WasmJpegEncoder>(TransferSyntax.jpegBaseline, 'encoder');
  return {
    encode(pixels, info) {
      if (info.bitsPerSample !== 8 || info.isSigned)
        throw new Error('JPEG baseline encodes unsigned 8-bit samples only');
      const encoder = new Encoder();
      try {
        encoder.getDecodedBuffer(info).set(pixels);
        encoder.setProgressive(false);
        encoder.setQuality(quality);
        encoder.encode();
        return encoder.getEncodedBuffer().slice();
      } finally {
        encoder.delete();
      }
    },
  };
}

/** Decodes one frame with the same codec builds the viewer uses; returns native little-endian bytes. */
export async function decodeFrame(
  transferSyntax: WasmTransferSyntax,
  encoded: Uint8Array,
): Promise<Uint8Array> {
  const Decoder = await codecClass<WasmDecoder>(transferSyntax, 'decoder');
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    return decoder.getDecodedBuffer().slice();
  } finally {
    decoder.delete();
  }
}
