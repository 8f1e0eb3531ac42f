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

const FAILURE_PREFIX = 'regard-bridge-failure';

/**
 * A failed bridge call as the renderer receives it. Electron's context bridge copies only the
 * message of an error thrown in the preload, so the failure is also written into the message.
 */
export class BridgeCallError extends Error {
  readonly code: BridgeFailure['code'];
  readonly messageKey: string;

  constructor(failure: BridgeFailure) {
    super(`${FAILURE_PREFIX} ${JSON.stringify(failure)}`);
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

const INTERNAL_FAILURE: BridgeFailure = { code: 'internal', messageKey: 'errors.internal' };

/** The failure behind an error from a bridge call, whether it crossed the context bridge or not. */
export function bridgeFailureOf(error: unknown): BridgeFailure {
  if (error instanceof BridgeCallError) return { code: error.code, messageKey: error.messageKey };
  if (!(error instanceof Error) || !error.message.startsWith(`${FAILURE_PREFIX} `)) {
    return INTERNAL_FAILURE;
  }
  try {
    const parsed = bridgeFailureSchema.safeParse(
      JSON.parse(error.message.slice(FAILURE_PREFIX.length + 1)),
    );
    return parsed.success ? parsed.data : INTERNAL_FAILURE;
  } catch {
    return INTERNAL_FAILURE;
  }
}
