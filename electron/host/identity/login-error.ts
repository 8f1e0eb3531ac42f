import { HostError } from '../errors';
import type { BridgeFailure } from '../../../shared/bridge/contract';

/** Why a login, a refresh or a token request failed; each has its message key. */
export type LoginFailureReason =
  /** The callback's `state` is missing or is not the one this login sent. */
  | 'state-mismatch'
  /** The ID token's `nonce` is not the one this login sent. */
  | 'nonce-mismatch'
  /** The ID token failed validation: signature (JWKS), issuer, audience, expiry. */
  | 'token-invalid'
  /** The provider answered the browser with an error (the user declined, access denied...). */
  | 'provider-refused'
  /** The provider could not be reached or answered something unusable. */
  | 'provider-unreachable'
  /** Nobody came back to the loopback listener in time. */
  | 'timeout'
  /** Another login started, a logout happened, or the caller gave up. */
  | 'cancelled'
  /** The system browser could not be opened. */
  | 'browser-unavailable'
  /** The provider authenticated someone without a national professional identifier. */
  | 'identity-incomplete'
  /** No session (never signed in, signed out, or expired without a way to refresh). */
  | 'not-signed-in';

const CODES: Record<LoginFailureReason, BridgeFailure['code']> = {
  'state-mismatch': 'refused',
  'nonce-mismatch': 'refused',
  'token-invalid': 'refused',
  'provider-refused': 'refused',
  'provider-unreachable': 'unavailable',
  timeout: 'unavailable',
  cancelled: 'invalid-request',
  'browser-unavailable': 'unavailable',
  'identity-incomplete': 'refused',
  'not-signed-in': 'refused',
};

const MESSAGE_KEYS: Record<LoginFailureReason, string> = {
  'state-mismatch': 'errors.loginStateMismatch',
  'nonce-mismatch': 'errors.loginNonceMismatch',
  'token-invalid': 'errors.loginTokenInvalid',
  'provider-refused': 'errors.loginRefused',
  'provider-unreachable': 'errors.loginProviderUnreachable',
  timeout: 'errors.loginTimeout',
  cancelled: 'errors.loginCancelled',
  'browser-unavailable': 'errors.loginBrowserUnavailable',
  'identity-incomplete': 'errors.loginIdentityIncomplete',
  'not-signed-in': 'errors.notSignedIn',
};

/**
 * A failed login or token request. It keeps no cause: the library's errors can hold responses
 * with tokens or claims; `detail` is a bare error code (`invalid_grant`, `OAUTH_...`) for the log.
 */
export class LoginError extends HostError {
  readonly reason: LoginFailureReason;
  readonly detail: string | undefined;

  constructor(reason: LoginFailureReason, detail?: string) {
    super(CODES[reason], MESSAGE_KEYS[reason]);
    this.name = 'LoginError';
    this.reason = reason;
    this.detail = detail;
  }
}
