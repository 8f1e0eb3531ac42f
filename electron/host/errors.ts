import type { BridgeFailure } from '../../shared/bridge/contract';

/** An expected failure of a host service, carrying what the user will be told. */
export class HostError extends Error {
  readonly code: BridgeFailure['code'];
  readonly messageKey: string;

  constructor(code: BridgeFailure['code'], messageKey: string, options?: { cause?: unknown }) {
    super(`${code}: ${messageKey}`, options);
    this.name = 'HostError';
    this.code = code;
    this.messageKey = messageKey;
  }
}
