import { z } from 'zod';
import { bridgeFailureSchema, type BridgeFailure } from './contract';

/**
 * What travels back from the host for every call, over IPC and HTTP alike. Failures are data, not
 * thrown errors, so their code and message key survive serialisation.
 */
export const bridgeEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), failure: bridgeFailureSchema }),
]);
export type BridgeEnvelope = z.infer<typeof bridgeEnvelopeSchema>;

/** A failed bridge call as the renderer receives it. */
export class BridgeCallError extends Error {
  readonly code: BridgeFailure['code'];
  readonly messageKey: string;

  constructor(failure: BridgeFailure) {
    super(`bridge call failed: ${failure.code}`);
    this.name = 'BridgeCallError';
    this.code = failure.code;
    this.messageKey = failure.messageKey;
  }
}

/** Unwraps an envelope received by a transport: the value, or a thrown BridgeCallError. */
export function unwrapEnvelope(raw: unknown): unknown {
  const envelope = bridgeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new BridgeCallError({ code: 'internal', messageKey: 'errors.malformedHostAnswer' });
  }
  if (!envelope.data.ok) throw new BridgeCallError(envelope.data.failure);
  return envelope.data.value;
}
