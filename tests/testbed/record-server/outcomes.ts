import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

// Medplum maps an outcome back to its HTTP status through these ids (core getStatus), so outcomes
// thrown inside the engine keep the status they were made for.
const MEDPLUM_IDS: Partial<Record<number, string>> = {
  401: 'unauthorized',
  404: 'not-found',
  412: 'precondition-failed',
  413: 'content-too-large',
  415: 'unsupported-media-type',
};

const ISSUE_CODES: Partial<Record<number, OperationOutcomeIssue['code']>> = {
  400: 'invalid',
  401: 'login',
  404: 'not-found',
  412: 'processing',
  413: 'too-costly',
  415: 'not-supported',
  500: 'exception',
  503: 'transient',
};

/** An error OperationOutcome for an HTTP status; the text must not carry patient data. */
export function errorOutcome(status: number, text: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(MEDPLUM_IDS[status] ? { id: MEDPLUM_IDS[status] } : {}),
    issue: [{ severity: 'error', code: ISSUE_CODES[status] ?? 'processing', details: { text } }],
  };
}
