import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { core } from './medplum';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A complete HTTP answer, built before anything is written so that faults can alter it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

export function fhirReply(
  status: number,
  resource: Resource,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': FHIR_JSON, ...headers },
    body: JSON.stringify(resource),
  };
}

/** An OperationOutcome answer; the status comes from the outcome unless given. */
export function outcomeReply(
  outcome: OperationOutcome,
  status: number = core.getStatus(outcome),
): Reply {
  return fhirReply(status, outcome);
}
