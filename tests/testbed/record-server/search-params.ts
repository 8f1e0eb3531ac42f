import type { SearchParameter } from '@medplum/fhirtypes';
import { core } from './medplum';

/** Result parameters that Medplum's memory repository honours. */
const RESULT_PARAMETERS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_include',
  '_revinclude',
  '_total',
]);
/** Types that core matchesSearchRequest evaluates; others (number, quantity...) never match. */
const MATCHABLE_TYPES = new Set(['reference', 'string', 'uri', 'token', 'date']);
/** Medplum's own bookkeeping parameters, meaningless to an MHD client. */
const ENGINE_INTERNAL = new Set(['_project', '_compartment']);

/** The search parameters that really filter `resourceType` on this server. */
export function matchableSearchParameters(resourceType: string): SearchParameter[] {
  const params = core.globalSchema.types[resourceType]?.searchParams ?? {};
  return Object.values(params).filter(
    (param) => MATCHABLE_TYPES.has(param.type) && !ENGINE_INTERNAL.has(param.code),
  );
}

/**
 * Splits a search query into what this server applies and what it would silently get wrong: an
 * unknown parameter given to Medplum matches nothing, so it is dropped instead (FHIR lenient
 * handling; the self link shows what was applied) or refused under `Prefer: handling=strict`.
 */
export function splitSearchParams(
  resourceType: string,
  params: URLSearchParams,
): { applied: URLSearchParams; ignored: string[] } {
  const codes = new Set(matchableSearchParameters(resourceType).map((param) => param.code));
  const applied = new URLSearchParams();
  const ignored: string[] = [];
  for (const [key, value] of params) {
    const code = key.split(':')[0]?.split('.')[0] ?? '';
    if (RESULT_PARAMETERS.has(code) || codes.has(code)) applied.append(key, value);
    else if (!ignored.includes(key)) ignored.push(key);
  }
  return { applied, ignored };
}
