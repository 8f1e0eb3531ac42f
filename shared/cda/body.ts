import type { Element } from '@xmldom/xmldom';
import { decodeBase64 } from '../documents/base64';
import { decodeUtf8 } from '../documents/utf8';
import { attribute, child, children, code, compact, text } from './dom';
import { inlinePdf, observationMediaOf } from './media';
import type { NarrativeReader } from './narrative';
import type { CdaBody, CdaSection } from './types';

/** CI-SIS "FR-Document-PDF-copie": the PDF rendition of a structured document. */
const PDF_COPY_TEMPLATE = '1.2.250.1.213.1.1.2.243';

function templateIds(section: Element): string[] {
  return children(section, 'templateId').flatMap(
    (templateId) => attribute(templateId, 'root') ?? [],
  );
}

function readSection(section: Element, narrative: NarrativeReader): CdaSection {
  const narrativeText = child(section, 'text');
  return compact({
    title: text(child(section, 'title')),
    code: code(child(section, 'code')),
    templateIds: templateIds(section),
    narrative: narrativeText ? narrative.read(narrativeText) : [],
    sections: children(section, 'component').flatMap((component) =>
      children(component, 'section').map((nested) => readSection(nested, narrative)),
    ),
  });
}

function topSections(structuredBody: Element): Element[] {
  return children(structuredBody, 'component').flatMap((component) =>
    children(component, 'section'),
  );
}

/** The PDF of the first PDF-copy section, if it carries one inline. */
export function readPdfCopy(structuredBody: Element): Uint8Array | undefined {
  for (const section of topSections(structuredBody)) {
    if (!templateIds(section).includes(PDF_COPY_TEMPLATE)) continue;
    for (const media of observationMediaOf(section)) {
      const pdf = inlinePdf(child(media, 'value'));
      if (pdf) return pdf;
    }
  }
  return undefined;
}

/** Level 1: the body is one `text` element, inline (TXT or B64) or a reference that is never followed. */
function readNonXmlBody(nonXmlBody: Element): CdaBody {
  const content = child(nonXmlBody, 'text');
  if (!content) return { kind: 'none' };
  if (child(content, 'reference')) return { kind: 'reference' };
  const mediaType = attribute(content, 'mediaType') ?? 'text/plain';
  const base64 = attribute(content, 'representation') === 'B64';
  if (mediaType === 'application/pdf') {
    const bytes = inlinePdf(content);
    return bytes ? { kind: 'pdf', bytes } : { kind: 'unsupported', mediaType };
  }
  if (mediaType === 'text/plain') {
    const bytes = base64 ? decodeBase64(content.textContent ?? '') : undefined;
    if (base64 && !bytes) return { kind: 'unsupported', mediaType };
    return { kind: 'text', text: bytes ? decodeUtf8(bytes) : (content.textContent ?? '') };
  }
  return { kind: 'unsupported', mediaType };
}

export function readBody(root: Element, narrative: NarrativeReader): CdaBody {
  const component = child(root, 'component');
  const structuredBody = child(component, 'structuredBody');
  if (structuredBody) {
    return {
      kind: 'structured',
      sections: topSections(structuredBody).map((section) => readSection(section, narrative)),
    };
  }
  const nonXmlBody = child(component, 'nonXMLBody');
  return nonXmlBody ? readNonXmlBody(nonXmlBody) : { kind: 'none' };
}
