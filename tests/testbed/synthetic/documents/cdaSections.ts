import { label, oidFor } from '../ids';
import { OID } from './codes';
import { esc } from './xml';

/** Body fragments shared by several CDA documents. */

export function narrativeSection(
  code: string,
  displayName: string,
  title: string,
  paragraphs: readonly string[],
): string {
  return (
    `<component><section><code code="${code}" displayName="${esc(displayName)}" codeSystem="${OID.loinc}" codeSystemName="LOINC"/>` +
    `<title>${esc(title)}</title><text>${paragraphs.map((paragraph) => `<paragraph>${esc(paragraph)}</paragraph>`).join('')}</text></section></component>`
  );
}

/** CI-SIS "FR-Document-PDF-copie" section: the PDF rendition of a structured document, to show and print first. */
export function pdfCopySection(pdfBase64: string, documentLabel: string): string {
  const mediaId = 'pdf-copie';
  return (
    `<component><section>` +
    `<templateId root="1.2.250.1.213.1.1.2.243"/>` +
    `<id root="${oidFor(label('pdf-copy-section', documentLabel))}"/>` +
    `<code code="55108-5" displayName="Copie du document" codeSystem="${OID.loinc}" codeSystemName="LOINC"/>` +
    `<title>Copie du document</title>` +
    `<text><table><tbody><tr><td><renderMultiMedia referencedObject="${mediaId}"/></td></tr></tbody></table></text>` +
    `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="1.2.250.1.213.1.1.3.18"/>` +
    `<id root="${oidFor(label('pdf-copy-organizer', documentLabel))}"/>` +
    `<code code="55107-7" displayName="Document attaché" codeSystem="${OID.loinc}" codeSystemName="LOINC"/><statusCode code="completed"/>` +
    `<component><observationMedia classCode="OBS" moodCode="EVN" ID="${mediaId}"><value mediaType="application/pdf" representation="B64">${pdfBase64}</value></observationMedia></component>` +
    `</organizer></entry></section></component>`
  );
}

export function structuredBody(sections: readonly string[]): string {
  return `<component><structuredBody>${sections.join('')}</structuredBody></component></ClinicalDocument>`;
}

export function nonXmlPdfBody(pdfBase64: string): string {
  return `<component><nonXMLBody><text mediaType="application/pdf" representation="B64">${pdfBase64}</text></nonXMLBody></component></ClinicalDocument>`;
}
