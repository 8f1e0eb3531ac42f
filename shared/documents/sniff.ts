import { isUtf8 } from './utf8';

/** What the bytes are, decided from the bytes; the declared media type is only a hint. */
export type SniffedType = 'pdf' | 'dicom' | 'png' | 'jpeg' | 'gif' | 'xml' | 'text' | 'unknown';

export interface Sniffed {
  type: SniffedType;
  /** The media type the app itself chooses for the bytes (never the declared one). */
  mediaType: string;
  /** File extension for an export, without the dot. */
  extension: string;
  /** The declared media type, lower-cased, without parameters. */
  declaredType: string;
  /** The declared type names a format the bytes are not. */
  mismatch: boolean;
}

const FORMATS: Record<SniffedType, { mediaType: string; extension: string }> = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  dicom: { mediaType: 'application/dicom', extension: 'dcm' },
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
  xml: { mediaType: 'text/xml', extension: 'xml' },
  text: { mediaType: 'text/plain', extension: 'txt' },
  unknown: { mediaType: 'application/octet-stream', extension: 'bin' },
};

/** How much of a file the text check reads: enough to tell text from binary. */
const TEXT_WINDOW = 64 * 1024;

function startsWith(bytes: Uint8Array, offset: number, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const DICM = ascii('DICM');
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const XML_DECLARATION = ascii('<?xml');
const CDA_ROOT = ascii('<ClinicalDocument');

function isXml(bytes: Uint8Array): boolean {
  let offset = startsWith(bytes, 0, UTF8_BOM) ? 3 : 0;
  while (offset < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[offset] ?? 0)) {
    offset += 1;
  }
  return startsWith(bytes, offset, XML_DECLARATION) || startsWith(bytes, offset, CDA_ROOT);
}

/** Control characters that do not occur in text: everything below 0x20 but tab, LF, FF, CR. */
function hasBinaryControls(bytes: Uint8Array, end: number): boolean {
  for (let index = 0; index < end; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
      return true;
    }
  }
  return false;
}

function isText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, TEXT_WINDOW);
  return !hasBinaryControls(bytes, end) && isUtf8(bytes, end);
}

function sniffType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, 0, PDF)) return 'pdf';
  if (startsWith(bytes, 0, PNG)) return 'png';
  if (startsWith(bytes, 0, JPEG)) return 'jpeg';
  if (startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89)) return 'gif';
  if (startsWith(bytes, 128, DICM)) return 'dicom';
  if (isXml(bytes)) return 'xml';
  if (bytes.length > 0 && isText(bytes)) return 'text';
  return 'unknown';
}

/** Types told by a signature: a declared type the app does not know cannot be any of them. */
const MAGIC_TYPES = new Set<SniffedType>(['pdf', 'dicom', 'png', 'jpeg', 'gif']);

/** Declared types that make no claim about the format. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The sniffed types a declared media type allows; undefined when the app does not know it. */
function allowedFor(declaredType: string): readonly SniffedType[] | undefined {
  switch (declaredType) {
    case 'application/pdf':
      return ['pdf'];
    case 'application/dicom':
      return ['dicom'];
    case 'image/png':
      return ['png'];
    case 'image/jpeg':
    case 'image/jpg':
    case 'image/pjpeg':
      return ['jpeg'];
    case 'image/gif':
      return ['gif'];
    case 'text/xml':
    case 'application/xml':
      return ['xml'];
  }
  if (declaredType.endsWith('+xml')) return ['xml'];
  // XML is text too: a CDA sent as text/plain is still what its type says.
  if (declaredType.startsWith('text/')) return ['text', 'xml'];
  return undefined;
}

function normaliseMediaType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Decides the displayed type from the bytes, and whether the declared type lies about them. */
export function sniff(bytes: Uint8Array, declaredMediaType: string): Sniffed {
  const type = sniffType(bytes);
  const declaredType = normaliseMediaType(declaredMediaType);
  const allowed = allowedFor(declaredType);
  const mismatch = GENERIC_TYPES.has(declaredType)
    ? false
    : allowed
      ? !allowed.includes(type)
      : MAGIC_TYPES.has(type);
  return { type, ...FORMATS[type], declaredType, mismatch };
}
