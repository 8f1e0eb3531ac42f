import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { SERVED_RESOURCE_TYPES } from './resource-types';
import { matchableSearchParameters } from './search-params';

const INTERACTIONS: CapabilityStatementRestResource['interaction'] = (
  [
    'read',
    'vread',
    'update',
    'patch',
    'delete',
    'history-instance',
    'create',
    'search-type',
  ] as const
).map((code) => ({ code }));

const DOCUMENTATION = [
  'Regard record server test bed: Medplum FHIR engine (in-memory) behind a project HTTP wrapper.',
  'Paging: Bundle.link self/first/previous/next with _offset; default _count 20, at most 1000.',
  'Binary: GET with an Accept other than FHIR JSON returns the raw bytes (ITI-68); POST/PUT with a',
  'non-JSON Content-Type stores the raw body.',
  'Conditional references (Type?search) are resolved on write.',
  'Subscription: R4 rest-hook only, loopback endpoints only; empty POST, or the resource when',
  'channel.payload is set. Server-sent events: GET [base]/$subscription-events?criteria=...',
  '_include/_revinclude, _sort, _total and one-level chains (patient.identifier) are supported.',
  'Unknown search parameters are ignored (see the self link),',
  'or refused with Prefer: handling=strict.',
].join(' ');

/** The CapabilityStatement for `GET [base]/metadata`, listing only what this server really does. */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    instantiates: [
      'https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentResponder',
    ],
    software: { name: 'Regard record server test bed' },
    implementation: {
      description: 'In-memory MHD Document Responder for tests and the demo',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: DOCUMENTATION,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: SERVED_RESOURCE_TYPES.map((type) => ({
          type,
          interaction: INTERACTIONS,
          versioning: 'versioned',
          readHistory: true,
          updateCreate: true,
          conditionalCreate: true,
          conditionalUpdate: true,
          conditionalDelete: 'single',
          referencePolicy: ['literal', 'local'],
          searchParam: matchableSearchParameters(type).map((param) => ({
            name: param.code,
            type: param.type,
            ...(param.url ? { definition: param.url } : {}),
          })),
        })),
      },
    ],
  };
}
