import type { RegardConfig } from '../config/schema';
import type { Clinician } from '../identity/clinician';

type RegulationRule = RegardConfig['emergencyRegulation']['allowed'][number];

function matches(rule: RegulationRule, clinician: Clinician): boolean {
  return (
    (rule.profession === undefined || rule.profession === clinician.profession?.code) &&
    (rule.specialty === undefined || rule.specialty === clinician.specialty?.code) &&
    (rule.organisationId === undefined || rule.organisationId === clinician.organisation?.id)
  );
}

/** Whether the policy lets this clinician open records in emergency regulation (centre 15). */
export function mayRegulate(
  clinician: Clinician | undefined,
  policy: RegardConfig['emergencyRegulation'],
): boolean {
  return clinician !== undefined && policy.allowed.some((rule) => matches(rule, clinician));
}
