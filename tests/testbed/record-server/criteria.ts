import type { Filter, SearchRequest } from '@medplum/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import type { FhirRepository } from '@medplum/fhir-router';
import { core } from './medplum';
import { errorOutcome } from './outcomes';
import { isServedResourceType } from './resource-types';

interface Chain {
  /** FHIRPath reading the reference the chain goes through, e.g. `DocumentReference.subject`. */
  expression: string;
  targetType: string;
  target: SearchRequest;
}

/** Criteria such as `DocumentReference?patient.identifier=...`, parsed to match one resource. */
export interface Criteria {
  resourceType: string;
  direct: SearchRequest;
  chains: Chain[];
}

/**
 * Parses criteria in search syntax. Chained parameters one level deep are supported, because
 * Medplum's matchesSearchRequest (meant for one resource, not a repository) ignores chains.
 * @throws OperationOutcomeError 400 when the criteria use a type or parameter this server cannot
 * match.
 */
export function parseCriteria(criteria: string): Criteria {
  const request = core.parseSearchRequest(criteria);
  if (!isServedResourceType(request.resourceType)) {
    throw invalid(`Criteria resource type is not served here: ${request.resourceType}`);
  }
  const direct: Filter[] = [];
  const chains: Chain[] = [];
  for (const filter of request.filters ?? []) {
    const dot = filter.code.indexOf('.');
    if (dot < 0) {
      if (!searchParameter(request.resourceType, filter.code)) {
        throw invalid(`Unknown criteria parameter: ${filter.code}`);
      }
      direct.push(filter);
    } else {
      chains.push(parseChain(request.resourceType, filter, dot));
    }
  }
  return {
    resourceType: request.resourceType,
    direct: { resourceType: request.resourceType, filters: direct },
    chains,
  };
}

/** Whether a stored resource meets the criteria; chained targets are read from the repository. */
export async function matchesCriteria(
  resource: Resource,
  criteria: Criteria,
  repo: FhirRepository,
): Promise<boolean> {
  if (!core.matchesSearchRequest(resource, criteria.direct)) return false;
  for (const chain of criteria.chains) {
    if (!(await matchesChain(resource, chain, repo))) return false;
  }
  return true;
}

async function matchesChain(
  resource: Resource,
  chain: Chain,
  repo: FhirRepository,
): Promise<boolean> {
  const references = core.evalFhirPath(chain.expression, resource) as (Reference | undefined)[];
  for (const reference of references) {
    const [type, id] = reference?.reference?.split('/') ?? [];
    if (type !== chain.targetType || !id) continue;
    const target = await repo.readResource(type, id).catch(() => undefined);
    if (target && core.matchesSearchRequest(target, chain.target)) return true;
  }
  return false;
}

function parseChain(resourceType: string, filter: Filter, dot: number): Chain {
  const [code = '', explicitType] = filter.code.slice(0, dot).split(':');
  const chainedCode = filter.code.slice(dot + 1);
  const param = searchParameter(resourceType, code);
  const targetType = explicitType ?? (param?.target?.length === 1 ? param.target[0] : undefined);
  if (
    param?.type !== 'reference' ||
    !param.expression ||
    !targetType ||
    chainedCode.includes('.')
  ) {
    throw invalid(`Unsupported chained criteria parameter: ${filter.code}`);
  }
  if (!searchParameter(targetType, chainedCode)) {
    throw invalid(`Unknown chained criteria parameter: ${filter.code}`);
  }
  return {
    expression: param.expression,
    targetType,
    target: core.parseSearchRequest(targetType, { [chainedCode]: filter.value }),
  };
}

function searchParameter(resourceType: string, code: string) {
  return core.globalSchema.types[resourceType]?.searchParams?.[code];
}

function invalid(text: string): Error {
  return new core.OperationOutcomeError(errorOutcome(400, text));
}
