import * as oidc from 'openid-client';
import type { Logger } from '../logging/logger';
import { mapClinician, type Clinician } from './clinician';
import { isLoopbackUrl, type IdentityConfig } from './config';
import { LoginError, type LoginFailureReason } from './login-error';
import { openLoopbackListener, type LoopbackListener } from './loopback-listener';

/** Why the session ended. */
export type SignOutReason = 'logout' | 'expired' | 'refresh-failed';

export type SessionState =
  | { status: 'signed-out'; reason: SignOutReason | null }
  | { status: 'signing-in' }
  | { status: 'signed-in'; clinician: Clinician; accessTokenExpiresAt: number };

export interface LoginServiceOptions {
  config: IdentityConfig;
  /**
   * Opens a URL in the user's system browser (Electron's `shell.openExternal`), never in a view
   * of the application: the provider's page must be one the user can trust.
   */
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
}

/** Held in memory by this service only; never logged, never handed to the renderer. */
interface Session {
  clinician: Clinician;
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** When this access token was received (epoch ms), to place the refresh within its lifetime. */
  receivedAt: number;
  refreshToken: string | undefined;
  idToken: string | undefined;
}

interface PendingLogin {
  abort: AbortController;
  listener: LoopbackListener | null;
}

/** Without `expires_in` an access token is taken to last this long. */
const DEFAULT_LIFETIME_S = 300;
/** An access token this close to its expiry is refreshed before being handed out. */
const EXPIRY_SKEW_MS = 5_000;
const MIN_TIMER_MS = 500;
const MAX_TIMER_MS = 2_147_000_000;
const RETRY_MS = 5_000;

const TRANSPORT_CODES = new Set([
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_MISSING_SERVER_METADATA',
]);

/** An error code safe to log: an identifier-like word, never a message or a body. */
function codeOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.-]{1,64}$/.test(value) ? value : undefined;
}

/** Turns what the library or the network threw into a LoginError, keeping nothing but codes. */
function loginFailure(error: unknown, fallback: LoginFailureReason): LoginError {
  if (error instanceof LoginError) return error;
  if (error instanceof oidc.ResponseBodyError) {
    return new LoginError(
      error.status >= 500 ? 'provider-unreachable' : 'provider-refused',
      codeOf(error.error),
    );
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return new LoginError('provider-refused', codeOf(error.error));
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    return new LoginError('provider-refused', codeOf(error.code));
  }
  if (error instanceof oidc.ClientError) {
    const inner = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause;
    if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && inner?.claim === 'nonce') {
      return new LoginError('nonce-mismatch', error.code);
    }
    if (error.code && TRANSPORT_CODES.has(error.code)) {
      return new LoginError('provider-unreachable', error.code);
    }
    return new LoginError('token-invalid', codeOf(error.code));
  }
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
    return new LoginError('provider-unreachable', codeOf(error.name));
  }
  return new LoginError(fallback);
}

/**
 * The clinician's login with OpenID Connect as Pro Santé Connect expects of a native application:
 * Authorization Code with PKCE (S256), `state` and `nonce`, in the system browser, back to a
 * one-shot loopback listener; the ID token is validated (signature against the provider's JWKS,
 * issuer, audience, expiry, nonce), userinfo read, tokens kept in memory here and refreshed
 * before they expire.
 */
export class LoginService {
  readonly #config: IdentityConfig;
  readonly #openExternal: (url: string) => Promise<void>;
  readonly #logger: Logger;
  readonly #listeners = new Set<(state: SessionState) => void>();
  #provider: Promise<oidc.Configuration> | null = null;
  #session: Session | null = null;
  #pending: PendingLogin | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #refreshing: Promise<Session> | null = null;
  /** Bumped whenever a session starts or ends, so that work begun for an older one is dropped. */
  #generation = 0;
  #lastSignOut: SignOutReason | null = null;

  constructor(options: LoginServiceOptions) {
    this.#config = options.config;
    this.#openExternal = options.openExternal;
    this.#logger = options.logger;
  }

  state(): SessionState {
    if (this.#session) {
      return {
        status: 'signed-in',
        clinician: this.#session.clinician,
        accessTokenExpiresAt: this.#session.expiresAt,
      };
    }
    if (this.#pending) return { status: 'signing-in' };
    return { status: 'signed-out', reason: this.#lastSignOut };
  }

  clinician(): Clinician | null {
    return this.#session?.clinician ?? null;
  }

  /** Called on every change of state (signing in, signed in, refreshed, signed out). */
  onChange(listener: (state: SessionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Signs the clinician in through the system browser. A login already under way is cancelled;
   * a session already open is replaced once the new login succeeds.
   */
  async login(options: { signal?: AbortSignal } = {}): Promise<Clinician> {
    this.cancelLogin();
    const pending: PendingLogin = { abort: new AbortController(), listener: null };
    this.#pending = pending;
    const onAbort = () => this.cancelLogin();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.#emit();
    this.#logger.info('identity.login.started');
    try {
      const clinician = await this.#login(pending);
      this.#logger.info('identity.login.succeeded', {
        profession: clinician.profession?.code ?? null,
        kind: clinician.nationalIdKind,
      });
      return clinician;
    } catch (error) {
      const failure = pending.abort.signal.aborted
        ? new LoginError('cancelled')
        : loginFailure(error, 'provider-unreachable');
      this.#logger.warn('identity.login.failed', {
        reason: failure.reason,
        detail: failure.detail,
      });
      throw failure;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      pending.listener?.close('cancelled');
      if (this.#pending === pending) this.#pending = null;
      this.#emit();
    }
  }

  /** Ends a login under way (its loopback listener closes); no effect on an open session. */
  cancelLogin(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    pending.abort.abort();
    pending.listener?.close('cancelled');
  }

  /**
   * The current access token, for the record and PACS clients; refreshed first when it is about
   * to expire. Fails with `not-signed-in` without a session.
   */
  async accessToken(): Promise<string> {
    const session = this.#session;
    if (!session) throw new LoginError('not-signed-in');
    const skew = Math.min(EXPIRY_SKEW_MS, (session.expiresAt - session.receivedAt) / 4);
    if (Date.now() < session.expiresAt - skew) return session.accessToken;
    if (!session.refreshToken) {
      this.#end('expired');
      throw new LoginError('not-signed-in');
    }
    try {
      return (await this.#refresh(session)).accessToken;
    } catch (error) {
      const failure = loginFailure(error, 'provider-unreachable');
      if (failure.reason !== 'provider-unreachable' && this.#session === session) {
        this.#end('refresh-failed');
      }
      throw this.#session ? failure : new LoginError('not-signed-in', failure.detail);
    }
  }

  /**
   * Forgets every token and the clinician at once, stops the refresh timer, then (best effort)
   * revokes the refresh token and ends the provider's session in the system browser where the
   * provider offers these.
   */
  async logout(): Promise<void> {
    this.cancelLogin();
    const session = this.#session;
    this.#end('logout');
    if (!session) return;
    const config = await this.#provider?.catch(() => null);
    if (!config) return;
    const metadata = config.serverMetadata();
    if (metadata.revocation_endpoint && session.refreshToken) {
      try {
        await oidc.tokenRevocation(config, session.refreshToken, {
          token_type_hint: 'refresh_token',
        });
      } catch (error) {
        this.#logger.warn('identity.logout.revocation-failed', {
          detail: loginFailure(error, 'provider-unreachable').detail,
        });
      }
    }
    if (this.#config.endSessionInBrowser && metadata.end_session_endpoint) {
      const parameters: Record<string, string> = {};
      if (session.idToken) parameters.id_token_hint = session.idToken;
      try {
        await this.#openExternal(oidc.buildEndSessionUrl(config, parameters).href);
      } catch {
        this.#logger.warn('identity.logout.browser-unavailable');
      }
    }
  }

  /** Drops everything without calling the provider (the application is closing). */
  dispose(): void {
    this.cancelLogin();
    if (this.#session) this.#end('logout');
    this.#listeners.clear();
  }

  async #login(pending: PendingLogin): Promise<Clinician> {
    const config = await this.#discover().catch((error: unknown) => {
      throw new LoginError(
        'provider-unreachable',
        loginFailure(error, 'provider-unreachable').detail,
      );
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const challenge = await oidc.calculatePKCECodeChallenge(verifier);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    if (pending.abort.signal.aborted) throw new LoginError('cancelled');

    const listener = await openLoopbackListener({
      expectedState: state,
      timeoutMs: this.#config.loginTimeoutMs,
    });
    pending.listener = listener;
    if (pending.abort.signal.aborted) throw new LoginError('cancelled');

    const parameters: Record<string, string> = {
      redirect_uri: listener.redirectUri,
      scope: this.#config.scopes.join(' '),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (this.#config.acrValues) parameters.acr_values = this.#config.acrValues;
    const authorizationUrl = oidc.buildAuthorizationUrl(config, parameters);
    try {
      await this.#openExternal(authorizationUrl.href);
    } catch {
      throw new LoginError('browser-unavailable');
    }

    const callback = await listener.callback;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback.url, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new LoginError('token-invalid');
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      const clinician = mapClinician(idClaims, userinfo, config.serverMetadata().issuer);
      if (!clinician) throw new LoginError('identity-incomplete');
      if (pending.abort.signal.aborted) throw new LoginError('cancelled');

      callback.finish('success');
      this.#start({
        clinician,
        accessToken: tokens.access_token,
        receivedAt: Date.now(),
        expiresAt: Date.now() + (tokens.expiresIn() ?? DEFAULT_LIFETIME_S) * 1000,
        refreshToken: tokens.refresh_token,
        idToken: tokens.id_token,
      });
      return clinician;
    } catch (error) {
      callback.finish('failure');
      throw error;
    }
  }

  #discover(): Promise<oidc.Configuration> {
    if (!this.#provider) {
      const issuer = new URL(this.#config.issuer);
      const execute = [oidc.enableNonRepudiationChecks];
      if (issuer.protocol === 'http:' && isLoopbackUrl(issuer)) {
        execute.push(oidc.allowInsecureRequests);
      }
      const discovery = oidc.discovery(
        issuer,
        this.#config.clientId,
        { token_endpoint_auth_method: 'none' },
        oidc.None(),
        { execute, timeout: Math.ceil(this.#config.requestTimeoutMs / 1000) },
      );
      this.#provider = discovery;
      // A provider that could not be read is asked again at the next login.
      discovery.catch(() => {
        if (this.#provider === discovery) this.#provider = null;
      });
    }
    return this.#provider;
  }

  #start(session: Session): void {
    this.#generation += 1;
    this.#session = session;
    this.#lastSignOut = null;
    this.#schedule(session);
    this.#emit();
  }

  #end(reason: SignOutReason): void {
    this.#generation += 1;
    this.#session = null;
    this.#refreshing = null;
    this.#lastSignOut = reason;
    this.#clearTimer();
    this.#logger.info('identity.signed-out', { reason });
    this.#emit();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #setTimer(delayMs: number, run: () => void): void {
    this.#clearTimer();
    const timer = setTimeout(run, Math.min(Math.max(delayMs, MIN_TIMER_MS), MAX_TIMER_MS));
    timer.unref();
    this.#timer = timer;
  }

  /**
   * Refreshes `refreshMarginMs` before expiry, but never in the first half of the token's life;
   * without a refresh token the session ends when the access token does.
   */
  #schedule(session: Session): void {
    if (!session.refreshToken) {
      this.#setTimer(session.expiresAt - Date.now(), () => {
        if (this.#session === session) this.#end('expired');
      });
      return;
    }
    const lifetime = session.expiresAt - session.receivedAt;
    const at = session.receivedAt + Math.max(lifetime - this.#config.refreshMarginMs, lifetime / 2);
    this.#setTimer(at - Date.now(), () => this.#refreshOnTimer(session));
  }

  #refreshOnTimer(session: Session): void {
    if (this.#session !== session) return;
    this.#refresh(session).catch((error: unknown) => {
      if (this.#session !== session) return;
      const failure = loginFailure(error, 'provider-unreachable');
      const retryAt = Date.now() + RETRY_MS;
      if (failure.reason === 'provider-unreachable' && retryAt < session.expiresAt) {
        this.#setTimer(RETRY_MS, () => this.#refreshOnTimer(session));
      } else {
        this.#end('refresh-failed');
      }
    });
  }

  #refresh(session: Session): Promise<Session> {
    if (this.#refreshing) return this.#refreshing;
    const generation = this.#generation;
    const refreshing = (async () => {
      const config = await this.#discover();
      const tokens = await oidc.refreshTokenGrant(config, session.refreshToken ?? '');
      if (generation !== this.#generation || this.#session !== session) {
        throw new LoginError('not-signed-in');
      }
      const idClaims = tokens.claims();
      if (idClaims && idClaims.sub !== session.clinician.subject) {
        throw new LoginError('token-invalid');
      }
      const next: Session = {
        clinician: session.clinician,
        accessToken: tokens.access_token,
        receivedAt: Date.now(),
        expiresAt: Date.now() + (tokens.expiresIn() ?? DEFAULT_LIFETIME_S) * 1000,
        refreshToken: tokens.refresh_token ?? session.refreshToken,
        idToken: tokens.id_token ?? session.idToken,
      };
      this.#session = next;
      this.#schedule(next);
      this.#logger.info('identity.refresh.succeeded');
      this.#emit();
      return next;
    })();
    this.#refreshing = refreshing;
    const clear = () => {
      if (this.#refreshing === refreshing) this.#refreshing = null;
    };
    refreshing.then(clear, (error: unknown) => {
      clear();
      const failure = loginFailure(error, 'provider-unreachable');
      this.#logger.warn('identity.refresh.failed', {
        reason: failure.reason,
        detail: failure.detail,
      });
    });
    return refreshing;
  }

  #emit(): void {
    const state = this.state();
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch {
        this.#logger.warn('identity.listener-failed');
      }
    }
  }
}
