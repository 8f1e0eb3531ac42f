import type { Subscription } from '@medplum/fhirtypes';
import { parseCriteria } from './criteria';
import { isLoopbackHost } from './loopback';
import { isFhirJson } from './media-types';
import { core } from './medplum';
import { errorOutcome } from './outcomes';

/**
 * Checks a Subscription before it is stored and activates it (R4: the server moves `requested` to
 * `active`). Only rest-hook channels to this machine are accepted: a test bed must never call out.
 * @throws OperationOutcomeError 400 for another channel, a non-loopback endpoint or unusable
 * criteria.
 */
export function admitSubscription(subscription: Subscription): Subscription {
  if (subscription.channel?.type !== 'rest-hook') {
    throw invalid('Only rest-hook Subscription channels are supported');
  }
  if (!isLoopbackUrl(subscription.channel.endpoint)) {
    throw invalid('Subscription endpoint must be an http(s) URL on a loopback address');
  }
  if (subscription.channel.payload && !isFhirJson(subscription.channel.payload)) {
    throw invalid('Subscription payload, when given, must be application/fhir+json');
  }
  parseCriteria(subscription.criteria ?? '');
  return subscription.status === 'requested' ? { ...subscription, status: 'active' } : subscription;
}

function isLoopbackUrl(endpoint: string | undefined): boolean {
  if (!endpoint || !URL.canParse(endpoint)) return false;
  const url = new URL(endpoint);
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

function invalid(text: string): Error {
  return new core.OperationOutcomeError(errorOutcome(400, text));
}
