import type { ImagingReport } from '../dicom/studyPlan';
import { OID } from './codes';
import { narrativeSection } from './cdaSections';
import { esc } from './xml';

/** CR-IMG body: DICOM PS3.20 sections (object catalogue, request, technique, findings, conclusion). */
export function crImgSections(
  report: ImagingReport,
  studyInstanceUid: string,
  studyDescription: string,
): string[] {
  const catalog =
    `<component><section><templateId root="1.2.840.10008.9.8"/>` +
    `<code code="121181" displayName="DICOM Object Catalog" codeSystem="${OID.dicomDcm}" codeSystemName="DCM"/>` +
    `<entry><act classCode="ACT" moodCode="EVN"><templateId root="1.2.840.10008.9.6"/><id root="${studyInstanceUid}"/>` +
    `<code code="113014" displayName="Study" codeSystem="${OID.dicomDcm}" codeSystemName="DCM"/>` +
    `<text>${esc(studyDescription)}</text></act></entry></section></component>`;
  return [
    catalog,
    narrativeSection('55115-0', 'Demande d’examen', 'Indication', [report.indication]),
    narrativeSection('55111-9', 'Technique', 'Technique', [report.technique]),
    narrativeSection('18782-3', 'Résultats', 'Résultats', [report.findings]),
    narrativeSection('55110-1', 'Conclusion', 'Conclusion', [report.conclusion]),
  ];
}
