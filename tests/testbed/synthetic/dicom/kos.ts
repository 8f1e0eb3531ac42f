import { patientModule, studyModule } from './commonModules';
import type { StudyPlan } from './studyPlan';
import { SopClass, TransferSyntax } from './transferSyntaxes';
import { kosSeriesInstanceUid, kosSopInstanceUid, studyInstanceUid } from './uids';
import { writePart10, type Dataset } from './writer';

export interface KosSeriesReference {
  seriesKey: string;
  seriesInstanceUid: string;
  sopClassUid: string;
  sopInstanceUids: readonly string[];
}

function code(value: string, meaning: string): Dataset {
  return { CodeValue: value, CodingSchemeDesignator: 'DCM', CodeMeaning: meaning };
}

/**
 * Key Object Selection manifest (TID 2010) as the DMP receives it: every instance of the study in
 * the evidence sequence, with a WADO-RS RetrieveURL per series under `dicomwebBaseUrl`, and the
 * study's key images in the content tree.
 */
export function buildKos(
  study: StudyPlan,
  series: readonly KosSeriesReference[],
  dicomwebBaseUrl: string,
): { sopInstanceUid: string; bytes: Uint8Array } {
  const base = dicomwebBaseUrl.replace(/\/+$/, '');
  const studyUid = studyInstanceUid(study);
  const sopInstanceUid = kosSopInstanceUid(study);
  const keyImageItems: Dataset[] = study.keyImages.map((keyImage) => {
    const referenced = series.find((candidate) => candidate.seriesKey === keyImage.seriesKey);
    const instanceUid = referenced?.sopInstanceUids[keyImage.instanceIndex];
    if (!referenced || !instanceUid)
      throw new Error(
        `key image ${keyImage.seriesKey}#${keyImage.instanceIndex} missing in ${study.key}`,
      );
    return {
      RelationshipType: 'CONTAINS',
      ValueType: 'IMAGE',
      ReferencedSOPSequence: [
        { ReferencedSOPClassUID: referenced.sopClassUid, ReferencedSOPInstanceUID: instanceUid },
      ],
    };
  });
  const dataset: Dataset = {
    ...patientModule(study),
    ...studyModule(study),
    SOPClassUID: SopClass.keyObjectSelection,
    SOPInstanceUID: sopInstanceUid,
    Modality: 'KO',
    SeriesInstanceUID: kosSeriesInstanceUid(study),
    SeriesNumber: 99,
    SeriesDescription: 'Images clés',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'Regard Synthetic',
    InstanceNumber: 1,
    ContentDate: study.date.replaceAll('-', ''),
    ContentTime: `${study.time.replace(':', '')}59`,
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [code('113000', 'Of Interest')],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: studyUid,
        ReferencedSeriesSequence: series.map((reference) => ({
          SeriesInstanceUID: reference.seriesInstanceUid,
          RetrieveURL: `${base}/studies/${studyUid}/series/${reference.seriesInstanceUid}`,
          ReferencedSOPSequence: reference.sopInstanceUids.map((uid) => ({
            ReferencedSOPClassUID: reference.sopClassUid,
            ReferencedSOPInstanceUID: uid,
          })),
        })),
      },
    ],
    ContentSequence: [
      {
        RelationshipType: 'CONTAINS',
        ValueType: 'TEXT',
        ConceptNameCodeSequence: [code('113012', 'Key Object Description')],
        TextValue: `${study.description} : ${study.report.conclusion}`,
      },
      ...keyImageItems,
    ],
  };
  return { sopInstanceUid, bytes: writePart10(dataset, TransferSyntax.explicitLittleEndian) };
}
