import { createHash } from 'node:crypto';
import { IDNST_OID, RPPS_IDNPS_OID, type Practitioner } from '../directory';
import { fhirInstant } from '../time';
import {
  CLASSIFICATION,
  System,
  VISIBILITY_DISPLAY,
  type DocumentKind,
  type Visibility,
} from './codes';
import { PDSM_PROFILE, type FhirResource } from './fhirTypes';

export interface DocumentReferenceInput {
  kind: DocumentKind;
  status: 'current' | 'superseded';
  uniqueId: string;
  entryUuid: string;
  subjectReference: string;
  binaryReference: string;
  content: Uint8Array;
  title: string;
  /** ISO date and HH:MM of creation. */
  created: { date: string; time: string };
  /** Act (service) period. */
  period: { start: { date: string; time: string }; end: { date: string; time: string } };
  author: Practitioner;
  visibility?: Visibility;
  replacesReference?: string;
  /** Imaging: Study Instance UID and accession number (referenceIdList). */
  imaging?: {
    studyInstanceUid: string;
    accessionNumber: string;
    accessionIssuerOid: string;
    modality: string;
  };
}

/** The author as PDSm shows it: a PractitionerRole tying the RPPS-identified practitioner to the organisation. */
function containedAuthor(author: Practitioner): FhirResource[] {
  return [
    {
      resourceType: 'Practitioner',
      id: 'author-practitioner',
      identifier: [
        { system: `urn:oid:${RPPS_IDNPS_OID}`, value: `8${author.rpps}` },
        { system: 'https://rpps.esante.gouv.fr', value: author.rpps },
      ],
      name: [
        { family: author.family, given: [author.given], prefix: [author.prefix], suffix: ['DR'] },
      ],
    },
    {
      resourceType: 'Organization',
      id: 'author-organization',
      identifier: [{ system: `urn:oid:${IDNST_OID}`, value: author.organisation.idnst }],
      name: author.organisation.name,
      address: [{ city: author.organisation.city, postalCode: author.organisation.postalCode }],
    },
    {
      resourceType: 'PractitionerRole',
      id: 'author',
      practitioner: { reference: '#author-practitioner' },
      organization: { reference: '#author-organization' },
      code: [
        {
          coding: [
            {
              system: 'urn:oid:1.2.250.1.213.1.1.4.5',
              code: author.role.code,
              display: author.role.display,
            },
          ],
        },
      ],
    },
  ];
}

function securityLabels(visibility: Visibility | undefined): unknown[] {
  const labels: unknown[] = [
    { coding: [{ system: System.confidentiality, code: 'N', display: 'normal' }] },
  ];
  if (visibility)
    labels.push({
      coding: [
        { system: System.visibility, code: visibility, display: VISIBILITY_DISPLAY[visibility] },
      ],
    });
  return labels;
}

function related(imaging: NonNullable<DocumentReferenceInput['imaging']>): unknown[] {
  const type = (code: string) => ({ coding: [{ system: System.uri, code }] });
  return [
    {
      identifier: {
        type: type('urn:ihe:iti:xds:2016:studyInstanceUID'),
        value: imaging.studyInstanceUid,
      },
    },
    {
      identifier: {
        type: type('urn:ihe:iti:xds:2013:accession'),
        system: `urn:oid:${imaging.accessionIssuerOid}`,
        value: imaging.accessionNumber,
      },
    },
  ];
}

export function documentReference(input: DocumentReferenceInput): FhirResource {
  const classification = CLASSIFICATION[input.kind];
  const organisation = input.author.organisation;
  const instant = (moment: { date: string; time: string }) => fhirInstant(moment.date, moment.time);
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [PDSM_PROFILE.documentReference] },
    contained: containedAuthor(input.author),
    masterIdentifier: { use: 'usual', system: System.uri, value: `urn:oid:${input.uniqueId}` },
    identifier: [{ use: 'official', system: System.uri, value: `urn:uuid:${input.entryUuid}` }],
    status: input.status,
    type: { coding: [classification.type] },
    category: [{ coding: [classification.category] }],
    subject: { reference: input.subjectReference },
    date: instant(input.created),
    author: [{ reference: '#author' }],
    description: input.title,
    securityLabel: securityLabels(input.visibility),
    ...(input.replacesReference
      ? { relatesTo: [{ code: 'replaces', target: { reference: input.replacesReference } }] }
      : {}),
    content: [
      {
        attachment: {
          contentType: classification.contentType,
          language: 'fr-FR',
          url: input.binaryReference,
          size: input.content.byteLength,
          hash: createHash('sha1').update(input.content).digest('base64'),
          title: input.title,
          creation: instant(input.created),
        },
        format: classification.format,
      },
    ],
    context: {
      ...(input.imaging
        ? { event: [{ coding: [{ system: System.dicomDcm, code: input.imaging.modality }] }] }
        : {}),
      period: { start: instant(input.period.start), end: instant(input.period.end) },
      facilityType: { coding: [{ system: System.facilityType, ...organisation.facilityType }] },
      practiceSetting: {
        coding: [{ system: System.practiceSetting, ...organisation.practiceSetting }],
      },
      ...(input.imaging ? { related: related(input.imaging) } : {}),
    },
  };
}
