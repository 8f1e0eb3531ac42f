import { deflateRawSync } from 'node:zlib';
import { isKeyword, tagOf, type Keyword, type Vr } from './dictionary';
import { TransferSyntax, isEncapsulated, type TransferSyntaxUid } from './transferSyntaxes';

export interface EncapsulatedFrames {
  /** One fragment per frame. */
  frames: readonly Uint8Array[];
}

export type DicomScalar = string | number;
export type DicomValue =
  | DicomScalar
  | readonly DicomScalar[]
  | readonly Dataset[]
  | Uint8Array
  | EncapsulatedFrames
  | null;
export type Dataset = { readonly [K in Keyword]?: DicomValue };

const IMPLEMENTATION_CLASS_UID = '2.25.180296341187254620787913436916531386401';
const IMPLEMENTATION_VERSION = 'REGARD_SYNTH_1';

const LONG_LENGTH_VRS = new Set<Vr>(['OB', 'OW', 'SQ', 'UR', 'UT']);
const UNDEFINED_LENGTH = 0xffffffff;
const ITEM = 0xfffee000;
const SEQUENCE_DELIMITER = 0xfffee0dd;

/** A DS value: at most 16 characters, as PS3.5 requires. */
function formatDs(value: number): string {
  let text = String(value);
  for (let precision = 15; text.length > 16 && precision > 1; precision--) {
    text = String(Number(value.toPrecision(precision)));
  }
  return text;
}

function isEncapsulatedFrames(value: DicomValue): value is EncapsulatedFrames {
  return typeof value === 'object' && value !== null && 'frames' in value;
}

function isItemList(value: DicomValue): value is readonly Dataset[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);
}

/** Byte order of a data set: little endian everywhere except in the (retired) explicit big endian syntax. */
type Endian = 'LE' | 'BE';

function tagBytes(tag: number, endian: Endian = 'LE'): Buffer {
  const bytes = Buffer.alloc(4);
  if (endian === 'BE') {
    bytes.writeUInt16BE(tag >>> 16, 0);
    bytes.writeUInt16BE(tag & 0xffff, 2);
  } else {
    bytes.writeUInt16LE(tag >>> 16, 0);
    bytes.writeUInt16LE(tag & 0xffff, 2);
  }
  return bytes;
}

function padded(bytes: Buffer, pad: number): Buffer {
  return bytes.length % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.from([pad])]);
}

function scalars(value: DicomValue): DicomScalar[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value as DicomScalar[];
  return [value as DicomScalar];
}

function numericBytes(vr: Vr, values: DicomScalar[], endian: Endian = 'LE'): Buffer {
  const sizes: Partial<Record<Vr, number>> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 };
  const size = sizes[vr] ?? 0;
  const bytes = Buffer.alloc(size * values.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = endian === 'LE';
  values.forEach((raw, index) => {
    const value = Number(raw);
    const offset = index * size;
    if (vr === 'US') view.setUint16(offset, value, littleEndian);
    else if (vr === 'SS') view.setInt16(offset, value, littleEndian);
    else if (vr === 'UL') view.setUint32(offset, value, littleEndian);
    else if (vr === 'SL') view.setInt32(offset, value, littleEndian);
    else if (vr === 'FL') view.setFloat32(offset, value, littleEndian);
    else if (vr === 'FD') view.setFloat64(offset, value, littleEndian);
    else bytes.set(tagBytes(value, endian), offset);
  });
  return bytes;
}

function stringBytes(vr: Vr, values: DicomScalar[]): Buffer {
  const text = values
    .map((value) => (typeof value === 'number' && vr === 'DS' ? formatDs(value) : String(value)))
    .join('\\');
  return padded(Buffer.from(text, 'utf8'), vr === 'UI' ? 0 : 0x20);
}

/** OW values are 16-bit words: in a big endian data set each word's two bytes swap. OB values never do. */
function wordsSwapped(bytes: Buffer): Buffer {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped;
}

class Encoder {
  constructor(
    private readonly explicit: boolean,
    private readonly endian: Endian = 'LE',
  ) {}

  private uint16(value: number): Buffer {
    const bytes = Buffer.alloc(2);
    if (this.endian === 'BE') bytes.writeUInt16BE(value, 0);
    else bytes.writeUInt16LE(value, 0);
    return bytes;
  }

  private uint32(value: number): Buffer {
    const bytes = Buffer.alloc(4);
    if (this.endian === 'BE') bytes.writeUInt32BE(value, 0);
    else bytes.writeUInt32LE(value, 0);
    return bytes;
  }

  header(tag: number, vr: Vr, length: number): Buffer {
    const tagPart = tagBytes(tag, this.endian);
    if (!this.explicit) return Buffer.concat([tagPart, this.uint32(length)]);
    const vrPart = Buffer.from(vr, 'latin1');
    if (LONG_LENGTH_VRS.has(vr))
      return Buffer.concat([tagPart, vrPart, Buffer.alloc(2), this.uint32(length)]);
    return Buffer.concat([tagPart, vrPart, this.uint16(length)]);
  }

  dataset(dataset: Dataset): Buffer[] {
    const elements = Object.entries(dataset)
      .filter(
        (entry): entry is [Keyword, DicomValue] => isKeyword(entry[0]) && entry[1] !== undefined,
      )
      .map(([keyword, value]) => ({ keyword, value, ...tagOf(keyword) }))
      .sort((a, b) => a.tag - b.tag);
    const chunks: Buffer[] = [];
    for (const element of elements)
      chunks.push(...this.element(element.tag, element.vr, element.value, dataset));
    return chunks;
  }

  element(tag: number, declaredVr: Vr, value: DicomValue, dataset: Dataset): Buffer[] {
    if (isEncapsulatedFrames(value)) return this.encapsulated(tag, value);
    if (declaredVr === 'SQ') return this.sequence(tag, isItemList(value) ? value : []);
    if (value instanceof Uint8Array) {
      const vr: Vr =
        tag === tagOf('PixelData').tag && dataset.BitsAllocated === 8 ? 'OB' : declaredVr;
      let body = padded(Buffer.from(value.buffer, value.byteOffset, value.byteLength), 0);
      if (vr === 'OW' && this.endian === 'BE') body = wordsSwapped(body);
      return [this.header(tag, vr, body.length), body];
    }
    const values = scalars(value);
    const numeric = ['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT'].includes(declaredVr);
    const body = numeric
      ? numericBytes(declaredVr, values, this.endian)
      : stringBytes(declaredVr, values);
    return [this.header(tag, declaredVr, body.length), body];
  }

  sequence(tag: number, items: readonly Dataset[]): Buffer[] {
    const encodedItems = items.map((item) => {
      const content = Buffer.concat(this.dataset(item));
      return Buffer.concat([tagBytes(ITEM, this.endian), this.uint32(content.length), content]);
    });
    const length = encodedItems.reduce((sum, item) => sum + item.length, 0);
    return [this.header(tag, 'SQ', length), ...encodedItems];
  }

  encapsulated(tag: number, pixels: EncapsulatedFrames): Buffer[] {
    const fragments = pixels.frames.map((frame) =>
      padded(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), 0),
    );
    // Basic Offset Table: byte offset of each frame's item tag from the first fragment's item tag.
    const offsets: number[] = [];
    let position = 0;
    for (const fragment of fragments) {
      offsets.push(position);
      position += 8 + fragment.length;
    }
    const table = fragments.length > 1 ? numericBytes('UL', offsets) : Buffer.alloc(0);
    const chunks: Buffer[] = [
      this.header(tag, 'OB', UNDEFINED_LENGTH),
      tagBytes(ITEM),
      this.uint32(table.length),
      table,
    ];
    for (const fragment of fragments)
      chunks.push(tagBytes(ITEM), this.uint32(fragment.length), fragment);
    chunks.push(tagBytes(SEQUENCE_DELIMITER), this.uint32(0));
    return chunks;
  }
}

/** The data set (no file meta group) in the byte layout of a native or encapsulated transfer syntax. */
function encodeDataset(dataset: Dataset, transferSyntax: TransferSyntaxUid): Buffer[] {
  switch (transferSyntax) {
    case TransferSyntax.implicitLittleEndian:
      return new Encoder(false).dataset(dataset);
    case TransferSyntax.explicitBigEndian:
      return new Encoder(true, 'BE').dataset(dataset);
    case TransferSyntax.deflatedExplicitLittleEndian: {
      // PS3.5 A.5: the whole explicit VR little endian data set, deflated without zlib header
      // (RFC 1951), padded with one null byte when the stream's length is odd.
      const deflated = deflateRawSync(Buffer.concat(new Encoder(true).dataset(dataset)), {
        level: 9,
      });
      return [padded(deflated, 0)];
    }
    default:
      return new Encoder(true).dataset(dataset);
  }
}

/** Encodes a DICOM Part-10 file: preamble, explicit-VR file meta group, then the data set in the given transfer syntax. */
export function writePart10(dataset: Dataset, transferSyntax: TransferSyntaxUid): Uint8Array {
  const sopClassUid = dataset.SOPClassUID;
  const sopInstanceUid = dataset.SOPInstanceUID;
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') {
    throw new Error('a Part-10 file needs SOPClassUID and SOPInstanceUID');
  }
  if (
    isEncapsulated(transferSyntax) &&
    dataset.PixelData !== undefined &&
    !isEncapsulatedFrames(dataset.PixelData)
  ) {
    throw new Error(`transfer syntax ${transferSyntax} needs encapsulated pixel data`);
  }
  const metaEncoder = new Encoder(true);
  const meta = Buffer.concat(
    metaEncoder.dataset({
      FileMetaInformationVersion: new Uint8Array([0, 1]),
      MediaStorageSOPClassUID: sopClassUid,
      MediaStorageSOPInstanceUID: sopInstanceUid,
      TransferSyntaxUID: transferSyntax,
      ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
      ImplementationVersionName: IMPLEMENTATION_VERSION,
    }),
  );
  const groupLength = Buffer.concat(
    metaEncoder.element(tagOf('FileMetaInformationGroupLength').tag, 'UL', meta.length, {}),
  );
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  const file = Buffer.concat([
    preamble,
    groupLength,
    meta,
    ...encodeDataset(dataset, transferSyntax),
  ]);
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}
