import type { Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '@medplum/fhir-router';
import { core } from './medplum';
import { errorOutcome } from './outcomes';

const CONDITIONAL_REFERENCE = /^[A-Z][A-Za-z]+\?./;

/**
 * Replaces every conditional reference (`Patient?identifier=system|value`, as the DMP examples
 * write the subject) by the literal reference of the one resource it matches (FHIR R4
 * http.html#trules). Medplum's memory repository stores such references verbatim, which breaks
 * `patient` searches.
 * @throws OperationOutcomeError 412 when a conditional reference matches no resource or several.
 */
export async function resolveConditionalReferences<T extends Resource>(
  resource: T,
  repo: FhirRepository,
): Promise<T> {
  const resolved = new Map<string, string>();
  for (const reference of collectConditionalReferences(resource, [])) {
    if (resolved.has(reference)) continue;
    const search = core.parseSearchRequest(reference);
    search.count = 2;
    const matches = await repo.searchResources(search);
    if (matches.length !== 1) {
      const found = matches.length === 0 ? 'no resource' : 'several resources';
      throw new core.OperationOutcomeError(
        errorOutcome(412, `Conditional reference ${reference} matched ${found}`),
      );
    }
    resolved.set(reference, core.getReferenceString(matches[0] as Resource & { id: string }));
  }
  return resolved.size ? (replaceReferences(resource, resolved) as T) : resource;
}

function collectConditionalReferences(value: unknown, found: string[]): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectConditionalReferences(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string' && CONDITIONAL_REFERENCE.test(item)) {
        found.push(item);
      } else {
        collectConditionalReferences(item, found);
      }
    }
  }
  return found;
}

function replaceReferences(value: unknown, resolved: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceReferences(item, resolved));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === 'reference' && typeof item === 'string'
        ? (resolved.get(item) ?? item)
        : replaceReferences(item, resolved),
    ]),
  );
}
