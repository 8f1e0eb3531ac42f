import { label, oidFor } from '../ids';
import { fhirInstant } from '../time';
import { System } from './codes';
import { PDSM_PROFILE, type FhirResource } from './fhirTypes';

export interface SubmissionSetInput {
  key: string;
  uniqueId: string;
  entryUuid: string;
  subjectReference: string;
  submitted: { date: string; time: string };
  title: string;
  documentReferences: readonly string[];
}

const SOURCE_ID = oidFor(label('document-source'));

/** MHD SubmissionSet: a List (code submissionset) over the DocumentReferences deposited together. */
export function submissionSetList(input: SubmissionSetInput): FhirResource {
  return {
    resourceType: 'List',
    meta: { profile: [PDSM_PROFILE.submissionSet] },
    extension: [
      {
        url: 'https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-sourceId',
        valueIdentifier: { value: `urn:oid:${SOURCE_ID}` },
      },
    ],
    identifier: [
      { use: 'usual', system: System.uri, value: `urn:oid:${input.uniqueId}` },
      { use: 'official', system: System.uri, value: `urn:uuid:${input.entryUuid}` },
    ],
    status: 'current',
    mode: 'working',
    title: input.title,
    code: {
      coding: [{ system: System.mhdListTypes, code: 'submissionset', display: 'Submission Set' }],
    },
    subject: { reference: input.subjectReference },
    date: fhirInstant(input.submitted.date, input.submitted.time),
    entry: input.documentReferences.map((reference) => ({ item: { reference } })),
  };
}
