import type { WithId } from '@medplum/core';
import type { Resource, Subscription } from '@medplum/fhirtypes';
import { matchesCriteria, parseCriteria } from './criteria';
import { core } from './medplum';
import type { RecordRepository } from './repository';

const DELIVERY_TIMEOUT_MS = 5_000;

export interface RestHooks {
  /** Stops listening, aborts deliveries under way and waits for them to settle. */
  stop(): Promise<void>;
}

/**
 * FHIR R4 rest-hook delivery: for each created or updated resource that meets an active
 * Subscription's criteria, POST to `channel.endpoint` with the `channel.header` lines. The body is
 * empty (R4 "no payload": the client searches again) unless `channel.payload` is set, in which case
 * it is the resource as application/fhir+json. No retries; a failed delivery is dropped silently.
 */
export function startRestHooks(repo: RecordRepository): RestHooks {
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const unsubscribe = repo.onChange((resource) => {
    const delivery = deliverAll(repo, resource, abort.signal).finally(() =>
      inFlight.delete(delivery),
    );
    inFlight.add(delivery);
  });
  return {
    async stop() {
      unsubscribe();
      abort.abort();
      await Promise.allSettled(inFlight);
    },
  };
}

async function deliverAll(
  repo: RecordRepository,
  resource: WithId<Resource>,
  signal: AbortSignal,
): Promise<void> {
  const subscriptions = await repo.searchResources<Subscription>({
    resourceType: 'Subscription',
    filters: [{ code: 'status', operator: core.Operator.EQUALS, value: 'active' }],
  });
  const due: Subscription[] = [];
  for (const subscription of subscriptions) {
    if (subscription.end && Date.parse(subscription.end) < Date.now()) continue;
    const criteria = parseCriteria(subscription.criteria ?? '');
    if (
      criteria.resourceType === resource.resourceType &&
      (await matchesCriteria(resource, criteria, repo))
    ) {
      due.push(subscription);
    }
  }
  await Promise.allSettled(due.map((subscription) => deliver(subscription, resource, signal)));
}

async function deliver(
  subscription: Subscription,
  resource: Resource,
  signal: AbortSignal,
): Promise<void> {
  const channel = subscription.channel;
  if (!channel.endpoint) return;
  const headers = new Headers();
  for (const line of channel.header ?? []) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  let body: string | undefined;
  if (channel.payload) {
    headers.set('content-type', channel.payload);
    body = JSON.stringify(resource);
  }
  const response = await fetch(channel.endpoint, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
  });
  await response.body?.cancel();
}
