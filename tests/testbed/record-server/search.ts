import type { Bundle } from '@medplum/fhirtypes';
import type { FhirContext } from './context';
import { routeToEngine, toQuery } from './context';
import { core } from './medplum';
import { errorOutcome } from './outcomes';
import { addPaging, normalizePage } from './paging';
import type { Reply } from './reply';
import { fhirReply, outcomeReply } from './reply';
import { splitSearchParams } from './search-params';

/** Type-level search (ITI-67 for DocumentReference) through the engine, with paging added. */
export async function searchType(
  context: FhirContext,
  resourceType: string,
  params: URLSearchParams,
  strict: boolean,
): Promise<Reply> {
  const { applied, ignored } = splitSearchParams(resourceType, params);
  if (strict && ignored.length > 0) {
    return outcomeReply(errorOutcome(400, `Unsupported search parameters: ${ignored.join(', ')}`));
  }
  const page = normalizePage(applied);
  const [outcome, bundle] = await routeToEngine(
    context,
    'GET',
    resourceType,
    toQuery(applied),
    undefined,
  );
  if (!core.isOk(outcome) || bundle?.resourceType !== 'Bundle') return outcomeReply(outcome);
  addPaging(bundle as Bundle, context.baseUrl, resourceType, applied, page);
  return fhirReply(200, bundle);
}
