import type { Element } from '@xmldom/xmldom';
import { decodeBase64, stripBase64 } from '../documents/base64';
import { sniff } from '../documents/sniff';
import { attribute, child, isHl7 } from './dom';
import type { CdaAttachment, ImageMediaType, NarrativeNode } from './types';

/**
 * Multimedia carried inside the document (observationMedia, base64). Anything pointing outside
 * (a `reference`) is never fetched: remote images track the reader.
 */

const IMAGE_TYPES: Record<string, ImageMediaType> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

export function observationMediaOf(scope: Element): Element[] {
  return Array.from(scope.getElementsByTagNameNS('*', 'observationMedia')).filter(isHl7);
}

/** The bytes of an inline base64 value, checked against its declared media type by sniffing. */
function inlineValue(
  value: Element | undefined,
): { base64: string; bytes: Uint8Array } | undefined {
  if (!value || attribute(value, 'representation') !== 'B64' || child(value, 'reference')) {
    return undefined;
  }
  const base64 = stripBase64(value.textContent ?? '');
  const bytes = base64 === undefined ? undefined : decodeBase64(base64);
  return base64 !== undefined && bytes ? { base64, bytes } : undefined;
}

/** A PDF carried as `<value mediaType="application/pdf" representation="B64">`, if it is one. */
export function inlinePdf(value: Element | undefined): Uint8Array | undefined {
  if (attribute(value, 'mediaType') !== 'application/pdf') return undefined;
  const inline = inlineValue(value);
  return inline && sniff(inline.bytes, 'application/pdf').type === 'pdf' ? inline.bytes : undefined;
}

/** Resolves `renderMultiMedia` references against the document's observationMedia. */
export class MediaResolver {
  private readonly media = new Map<string, Element>();
  private readonly attachmentIndex = new Map<string, number>();
  readonly attachments: CdaAttachment[] = [];

  constructor(root: Element) {
    for (const element of observationMediaOf(root)) {
      const id = attribute(element, 'ID');
      if (id && !this.media.has(id)) this.media.set(id, element);
    }
  }

  resolve(id: string, caption: string | undefined): NarrativeNode {
    const element = this.media.get(id);
    const value = child(element, 'value');
    const declared = attribute(value, 'mediaType') ?? '';
    if (declared === 'application/pdf') return this.attachment(id, value);
    const inline = inlineValue(value);
    const sniffed = inline ? sniff(inline.bytes, declared) : undefined;
    const imageType = sniffed && !sniffed.mismatch ? IMAGE_TYPES[sniffed.type] : undefined;
    if (!inline || !imageType) return { kind: 'unavailable-media' };
    return caption
      ? { kind: 'image', mediaType: imageType, base64: inline.base64, caption }
      : { kind: 'image', mediaType: imageType, base64: inline.base64 };
  }

  private attachment(id: string, value: Element | undefined): NarrativeNode {
    const known = this.attachmentIndex.get(id);
    if (known !== undefined) return { kind: 'attachment', index: known };
    const bytes = inlinePdf(value);
    if (!bytes) return { kind: 'unavailable-media' };
    const index = this.attachments.push({ mediaType: 'application/pdf', bytes }) - 1;
    this.attachmentIndex.set(id, index);
    return { kind: 'attachment', index };
  }
}
