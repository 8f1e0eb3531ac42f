import type { ResourceType } from '@medplum/fhirtypes';

/** The resource types served (MHD actors and what they reference); others answer 404. */
export const SERVED_RESOURCE_TYPES: readonly ResourceType[] = [
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Device',
  'DocumentReference',
  'List',
  'Binary',
  'Subscription',
  'AuditEvent',
  'Consent',
  'CareTeam',
];

export function isServedResourceType(value: string): value is ResourceType {
  return (SERVED_RESOURCE_TYPES as readonly string[]).includes(value);
}
