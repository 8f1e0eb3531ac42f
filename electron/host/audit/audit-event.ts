import { randomUUID } from 'node:crypto';
import type { AccessMode, AuditAction, AuditRecord, OpenedNote } from './journal';

/**
 * The journal's records as FHIR R4 AuditEvent resources, shaped after IHE Basic Audit Log
 * Patterns (BALP): a RESTful event type with its interaction as subtype, the user as requesting
 * agent, this workstation as observer, the patient and the object touched as entities. The
 * record's place in the hash chain travels with it, so an export can be checked against the
 * journal it came from.
 */

const REST_TYPE = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'RESTful Operation',
};
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const CHAIN_EXTENSION = 'https://regard.example/fhir/StructureDefinition/audit-chain';

const USER_AUTHENTICATION = { system: DCM, code: '110114', display: 'User Authentication' };
const LOGIN = { system: DCM, code: '110122', display: 'Login' };
const LOGOUT = { system: DCM, code: '110123', display: 'Logout' };

/** A DICOM Security Alert (DCM 110113) of the given subtype. */
function securityAlert(code: string, display: string) {
  return {
    type: { system: DCM, code: '110113', display: 'Security Alert' },
    subtype: { system: DCM, code, display },
    action: 'E' as const,
  };
}

/** What each journalled action is, in AuditEvent terms. */
const ACTIONS: Record<
  AuditAction,
  {
    type: { system: string; code: string; display: string };
    subtype: { system: string; code: string; display: string };
    action: 'C' | 'R' | 'U' | 'D' | 'E';
    object?: { resource: string; role: { code: string; display: string } };
  }
> = {
  'app.start': {
    type: { system: DCM, code: '110100', display: 'Application Activity' },
    subtype: { system: DCM, code: '110120', display: 'Application Start' },
    action: 'E',
  },
  'patient.search': {
    type: REST_TYPE,
    subtype: { system: INTERACTION, code: 'search-type', display: 'search type' },
    action: 'E',
  },
  'patient.read': {
    type: REST_TYPE,
    subtype: { system: INTERACTION, code: 'read', display: 'read' },
    action: 'R',
  },
  'document.search': {
    type: REST_TYPE,
    subtype: { system: INTERACTION, code: 'search-type', display: 'search type' },
    action: 'E',
  },
  'document.read': {
    type: REST_TYPE,
    subtype: { system: INTERACTION, code: 'read', display: 'read' },
    action: 'R',
    object: { resource: 'DocumentReference', role: { code: '3', display: 'Report' } },
  },
  'session.login': { type: USER_AUTHENTICATION, subtype: LOGIN, action: 'E' },
  'session.unlock': { type: USER_AUTHENTICATION, subtype: LOGIN, action: 'E' },
  'session.lock': { type: USER_AUTHENTICATION, subtype: LOGOUT, action: 'E' },
  'session.logout': { type: USER_AUTHENTICATION, subtype: LOGOUT, action: 'E' },
  'consent.record': {
    type: REST_TYPE,
    subtype: { system: INTERACTION, code: 'create', display: 'create' },
    action: 'C',
  },
  // Break-the-glass: its own event type, as IHE BALP and the DMP ask.
  'mode.break-glass': securityAlert('110127', 'Emergency Override Started'),
  'mode.break-glass.end': securityAlert('110128', 'Emergency Override Stopped'),
  // Entering or leaving emergency regulation changes what the user may see: a security alert.
  'mode.regulation': securityAlert('110137', 'User Security Attributes Changed'),
  'mode.regulation.end': securityAlert('110137', 'User Security Attributes Changed'),
  'imaging.search': {
    type: { system: DCM, code: '110112', display: 'Query' },
    subtype: { system: DCM, code: '110112', display: 'Query' },
    action: 'E',
  },
  'imaging.retrieve': {
    type: { system: DCM, code: '110103', display: 'DICOM Instances Accessed' },
    subtype: { system: INTERACTION, code: 'read', display: 'read' },
    action: 'R',
    object: { resource: 'ImagingStudy', role: { code: '3', display: 'Report' } },
  },
};

/** Why the data was used, in HL7 v3 ActReason terms: the mode the access was made under. */
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PURPOSE: Record<AccessMode | 'normal', { code: string; display: string }> = {
  normal: { code: 'TREAT', display: 'treatment' },
  'break-glass': { code: 'BTG', display: 'break the glass' },
  regulation: { code: 'ETREAT', display: 'Emergency Treatment' },
};

const OUTCOME: Record<AuditRecord['outcome'], '0' | '4' | '8'> = {
  success: '0',
  refused: '4',
  failure: '8',
};

export interface AuditEventResource {
  resourceType: 'AuditEvent';
  id: string;
  [key: string]: unknown;
}

/**
 * One journal record as an AuditEvent. `note` is the record's free text opened with the journal's
 * key: a break-the-glass reason travels as the text of the purpose of use it justifies.
 */
export function auditEventOf(
  record: AuditRecord,
  workstation: string,
  note?: OpenedNote,
): AuditEventResource {
  const kind = ACTIONS[record.action];
  const entities: unknown[] = [];
  if (record.patientRef) {
    entities.push({
      what: { reference: `Patient/${record.patientRef}` },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  if (record.target) {
    entities.push(
      kind.object
        ? {
            what:
              kind.object.resource === 'ImagingStudy'
                ? { identifier: { system: 'urn:dicom:uid', value: `urn:oid:${record.target}` } }
                : { reference: `${kind.object.resource}/${record.target}` },
            type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
            role: { system: OBJECT_ROLE, ...kind.object.role },
          }
        : {
            type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
            role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
            description: record.target,
          },
    );
  }
  return {
    resourceType: 'AuditEvent',
    id: `regard-${record.seq}`,
    extension: [
      {
        url: CHAIN_EXTENSION,
        extension: [
          { url: 'sequence', valueInteger: record.seq },
          { url: 'previousHash', valueString: record.prevHash },
          { url: 'hash', valueString: record.hash },
        ],
      },
    ],
    type: kind.type,
    subtype: [kind.subtype],
    action: kind.action,
    recorded: record.time,
    outcome: OUTCOME[record.outcome],
    ...(record.patientRef
      ? {
          purposeOfEvent: [
            {
              coding: [{ system: ACT_REASON, ...PURPOSE[record.mode ?? 'normal'] }],
              ...(note && 'text' in note ? { text: note.text } : {}),
            },
          ],
        }
      : {}),
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
        who: { identifier: { value: record.actor } },
        requestor: true,
      },
    ],
    source: {
      observer: { display: workstation },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '1',
          display: 'User Device',
        },
      ],
    },
    ...(entities.length > 0 ? { entity: entities } : {}),
  };
}

/** A FHIR collection Bundle of AuditEvents, for export. */
export function auditBundle(events: readonly AuditEventResource[], now: Date): unknown {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: events.map((resource) => ({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource,
    })),
  };
}
