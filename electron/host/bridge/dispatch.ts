import type { z } from 'zod';
import {
  bridgeInvokeContract,
  isInvokeChannel,
  type BridgeInvokeContract,
  type InvokeChannel,
} from '../../../shared/bridge/contract';
import type { BridgeEnvelope } from '../../../shared/bridge/envelope';
import { HostError } from '../errors';
import type { Logger } from '../logging/logger';

/** Who is calling, as established by the door the call came through. */
export interface CallContext {
  /** The door: an IPC sender or a browser-host request. */
  door: 'ipc' | 'http';
  signal?: AbortSignal;
}

export type BridgeHandlers = {
  [C in InvokeChannel]: (
    request: z.output<BridgeInvokeContract[C]['request']>,
    context: CallContext,
  ) => Promise<z.input<BridgeInvokeContract[C]['response']>>;
};

/**
 * Runs one bridge call: the channel must be in the contract and the payload must parse before any
 * handler runs; the answer is parsed against the contract before it leaves the host.
 */
export async function dispatchBridgeCall(
  handlers: BridgeHandlers,
  channel: string,
  payload: unknown,
  context: CallContext,
  logger: Logger,
): Promise<BridgeEnvelope> {
  if (!isInvokeChannel(channel)) {
    return { ok: false, failure: { code: 'invalid-request', messageKey: 'errors.unknownChannel' } };
  }
  const spec = bridgeInvokeContract[channel];
  const request = spec.request.safeParse(payload);
  if (!request.success) {
    logger.warn('bridge.rejected', { channel, reason: 'payload does not match the contract' });
    return { ok: false, failure: { code: 'invalid-request', messageKey: 'errors.invalidRequest' } };
  }
  try {
    const handler = handlers[channel] as (
      request: unknown,
      context: CallContext,
    ) => Promise<unknown>;
    const value = spec.response.parse(await handler(request.data, context));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof HostError) {
      return { ok: false, failure: { code: error.code, messageKey: error.messageKey } };
    }
    logger.error('bridge.failed', { channel, error });
    return { ok: false, failure: { code: 'internal', messageKey: 'errors.internal' } };
  }
}
