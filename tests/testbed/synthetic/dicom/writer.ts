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

function tagBytes(tag: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt16LE(tag >>> 16, 0);
  bytes.writeUInt16LE(tag & 0xffff, 2);
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

function numericBytes(vr: Vr, values: DicomScalar[]): Buffer {
  const sizes: Partial<Record<Vr, number>> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 };
  const size = sizes[vr] ?? 0;
  const bytes = Buffer.alloc(size * values.length);
  values.forEach((raw, index) => {
    const value = Number(raw);
    const offset = index * size;
    if (vr === 'US') bytes.writeUInt16LE(value, offset);
    else if (vr === 'SS') bytes.writeInt16LE(value, offset);
    else if (vr === 'UL') bytes.writeUInt32LE(value, offset);
    else if (vr === 'SL') bytes.writeInt32LE(value, offset);
    else if (vr === 'FL') bytes.writeFloatLE(value, offset);
    else if (vr === 'FD') bytes.writeDoubleLE(value, offset);
    else bytes.set(tagBytes(value), offset);
  });
  return bytes;
}

function stringBytes(vr: Vr, values: DicomScalar[]): Buffer {
  const text = values
    .map((value) => (typeof value === 'number' && vr === 'DS' ? formatDs(value) : String(value)))
    .join('\\');
  return padded(Buffer.from(text, 'utf8'), vr === 'UI' ? 0 : 0x20);
}

class Encoder {
  constructor(private readonly explicit: boolean) {}

  header(tag: number, vr: Vr, length: number): Buffer {
    if (!this.explicit) {
      const bytes = Buffer.alloc(8);
      tagBytes(tag).copy(bytes, 0);
      bytes.writeUInt32LE(length, 4);
      return bytes;
    }
    if (LONG_LENGTH_VRS.has(vr)) {
      const bytes = Buffer.alloc(12);
      tagBytes(tag).copy(bytes, 0);
      bytes.write(vr, 4, 'latin1');
      bytes.writeUInt32LE(length, 8);
      return bytes;
    }
    const bytes = Buffer.alloc(8);
    tagBytes(tag).copy(bytes, 0);
    bytes.write(vr, 4, 'latin1');
    bytes.writeUInt16LE(length, 6);
    return bytes;
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
      const body = padded(Buffer.from(value.buffer, value.byteOffset, value.byteLength), 0);
      return [this.header(tag, vr, body.length), body];
    }
    const values = scalars(value);
    const numeric = ['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT'].includes(declaredVr);
    const body = numeric ? numericBytes(declaredVr, values) : stringBytes(declaredVr, values);
    return [this.header(tag, declaredVr, body.length), body];
  }

  sequence(tag: number, items: readonly Dataset[]): Buffer[] {
    const encodedItems = items.map((item) => {
      const content = Buffer.concat(this.dataset(item));
      return Buffer.concat([tagBytes(ITEM), uint32(content.length), content]);
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
      uint32(table.length),
      table,
    ];
    for (const fragment of fragments)
      chunks.push(tagBytes(ITEM), uint32(fragment.length), fragment);
    chunks.push(tagBytes(SEQUENCE_DELIMITER), uint32(0));
    return chunks;
  }
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value, 0);
  return bytes;
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
  const body = new Encoder(transferSyntax !== TransferSyntax.implicitLittleEndian).dataset(dataset);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  const file = Buffer.concat([preamble, groupLength, meta, ...body]);
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}
