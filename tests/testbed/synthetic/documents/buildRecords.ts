import { PRACTITIONERS } from '../directory';
import type { ImagingManifest } from '../dicom/generateImaging';
import { ACCESSION_ISSUER_OID } from '../dicom/uids';
import { label, oidFor, uuidFor } from '../ids';
import { PATIENTS, type PatientKey } from '../patients';
import { addMinutes } from '../time';
import { CLASSIFICATION, type DocumentKind } from './codes';
import { documentPlan } from './documentPlan';
import { documentReference } from './documentReference';
import type { DocumentSpec } from './documentSpec';
import type { FhirResource } from './fhirTypes';
import { patientResource } from './patientResource';
import { createdDate, renderContent, studyOf } from './renderContent';
import { submissionSetList } from './submissionSet';

export interface RecordPatient {
  key: PatientKey;
  ins: string;
  fullUrl: string;
  resource: FhirResource;
}

export interface RecordDocument {
  key: string;
  patientKey: PatientKey;
  kind: DocumentKind;
  status: 'current' | 'superseded';
  /** XDS uniqueId: CDA ClinicalDocument/id, or the KOS SOP Instance UID. */
  uniqueId: string;
  /** XDS entryUUID, in DocumentReference.identifier. */
  entryUuid: string;
  /** urn:uuid of the DocumentReference and of its Binary inside a transaction. */
  fullUrl: string;
  binaryFullUrl: string;
  contentType: string;
  content: Uint8Array;
  documentReference: FhirResource;
  studyInstanceUid?: string;
  /** fullUrl of the document this one replaces. */
  replacesFullUrl?: string;
}

export interface RecordSubmissionSet {
  key: string;
  patientKey: PatientKey;
  fullUrl: string;
  list: FhirResource;
  documentFullUrls: string[];
}

export interface RecordData {
  patients: RecordPatient[];
  documents: RecordDocument[];
  submissionSets: RecordSubmissionSet[];
}

const urnUuid = (...parts: string[]) => `urn:uuid:${uuidFor(label(...parts))}`;
const patientFullUrl = (key: PatientKey) => urnUuid('patient', key);
/**
 * Builds every patient's record: CDA/PDF/KOS contents, DocumentReferences, SubmissionSet Lists.
 * KOS RetrieveURLs point at `dicomwebBaseUrl`.
 */
export async function buildRecords(
  imaging: ImagingManifest,
  dicomwebBaseUrl: string,
): Promise<RecordData> {
  const plan = documentPlan();
  const specs = new Map(plan.map((spec) => [`${spec.patientKey}/${spec.key}`, spec]));
  const docFullUrl = (spec: DocumentSpec) => urnUuid('docref', spec.patientKey, spec.key);
  const documents: RecordDocument[] = [];
  for (const spec of plan) {
    const { uniqueId, content } = await renderContent(spec, specs, imaging, dicomwebBaseUrl);
    const study = spec.study ? studyOf(spec, imaging) : undefined;
    const entryUuid = uuidFor(label('entry', spec.patientKey, spec.key));
    const binaryFullUrl = urnUuid('binary', spec.patientKey, spec.key);
    const replaced = spec.replaces ? specs.get(`${spec.patientKey}/${spec.replaces}`) : undefined;
    const replacesFullUrl = replaced ? docFullUrl(replaced) : undefined;
    const created = { date: createdDate(spec), time: spec.time };
    documents.push({
      key: spec.key,
      patientKey: spec.patientKey,
      kind: spec.kind,
      status: spec.status,
      uniqueId,
      entryUuid,
      fullUrl: docFullUrl(spec),
      binaryFullUrl,
      contentType: CLASSIFICATION[spec.kind].contentType,
      content,
      ...(study ? { studyInstanceUid: study.studyInstanceUid } : {}),
      ...(replacesFullUrl ? { replacesFullUrl } : {}),
      documentReference: documentReference({
        kind: spec.kind,
        status: spec.status,
        uniqueId,
        entryUuid,
        subjectReference: patientFullUrl(spec.patientKey),
        binaryReference: binaryFullUrl,
        content,
        title: spec.title,
        created,
        period: {
          start: {
            date: spec.date,
            time: spec.study?.time ?? (spec.kind === 'crBio' ? '07:30' : '08:00'),
          },
          end: {
            date: spec.endDate ?? spec.date,
            time: spec.study ? addMinutes(spec.study.time, 30) : spec.time,
          },
        },
        author: PRACTITIONERS[spec.author],
        ...(spec.visibility ? { visibility: spec.visibility } : {}),
        ...(replacesFullUrl ? { replacesReference: replacesFullUrl } : {}),
        ...(spec.study && study
          ? {
              imaging: {
                studyInstanceUid: study.studyInstanceUid,
                accessionNumber: spec.study.accessionNumber,
                accessionIssuerOid: ACCESSION_ISSUER_OID,
                modality: study.series[0]?.modality ?? 'OT',
              },
            }
          : {}),
      }),
    });
  }

  const submissionSets: RecordSubmissionSet[] = [];
  const bySet = new Map<string, DocumentSpec[]>();
  for (const spec of plan) {
    const setKey = `${spec.patientKey}/${spec.submissionSetKey}`;
    bySet.set(setKey, [...(bySet.get(setKey) ?? []), spec]);
  }
  for (const members of bySet.values()) {
    const first = members[0] as DocumentSpec;
    const fullUrls = members.map(docFullUrl);
    const submitted = members.map(createdDate).sort().at(-1) ?? first.date;
    submissionSets.push({
      key: first.submissionSetKey,
      patientKey: first.patientKey,
      fullUrl: urnUuid('list', first.patientKey, first.submissionSetKey),
      documentFullUrls: fullUrls,
      list: submissionSetList({
        key: first.submissionSetKey,
        uniqueId: oidFor(label('submission-set', first.patientKey, first.submissionSetKey)),
        entryUuid: uuidFor(label('submission-set-entry', first.patientKey, first.submissionSetKey)),
        subjectReference: patientFullUrl(first.patientKey),
        submitted: { date: submitted, time: '21:00' },
        title: first.study ? `Examen : ${first.study.description}` : first.title,
        documentReferences: fullUrls,
      }),
    });
  }

  return {
    patients: PATIENTS.map((patient) => ({
      key: patient.key,
      ins: patient.ins,
      fullUrl: patientFullUrl(patient.key),
      resource: patientResource(patient),
    })),
    documents,
    submissionSets,
  };
}
