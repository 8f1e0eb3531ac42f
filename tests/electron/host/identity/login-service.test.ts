import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  identityConfigSchema,
  type IdentityConfigInput,
} from '../../../../electron/host/identity/config';
import { LoginService } from '../../../../electron/host/identity/login-service';
import { createLogger, type Logger } from '../../../../electron/host/logging/logger';
import {
  completeLoginOverHttp,
  DR_MARTIN,
  NURSE_LEROY,
  startOidcProvider,
  type HttpLoginOutcome,
  type RunningOidcProvider,
  type TestClinician,
} from '../../../testbed/oidc-provider';

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** A system browser stand-in: records what it was asked to open and plays the user over HTTP. */
function httpBrowser(
  clinician: TestClinician = DR_MARTIN,
  options: { consent?: 'accept' | 'decline'; follow?: boolean } = {},
) {
  const opened: string[] = [];
  const outcomes: Promise<HttpLoginOutcome>[] = [];
  return {
    opened,
    outcomes,
    /** Resolves at once, as `shell.openExternal` does once the browser is launched. */
    openExternal: async (url: string) => {
      opened.push(url);
      if (new URL(url).pathname === '/auth' && options.follow !== false) {
        outcomes.push(completeLoginOverHttp(url, clinician, options));
      }
    },
  };
}

function redirectUriOf(authorizationUrl: string): string {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('no redirect_uri');
  return redirectUri;
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

function makeService(
  op: RunningOidcProvider,
  browser: { openExternal: (url: string) => Promise<void> },
  overrides: Partial<IdentityConfigInput> = {},
  logger: Logger = createLogger(),
) {
  return new LoginService({
    config: identityConfigSchema.parse({
      issuer: op.issuer,
      clientId: op.clientId,
      loginTimeoutMs: 10_000,
      ...overrides,
    }),
    openExternal: browser.openExternal,
    logger,
  });
}

async function userinfoStatus(op: RunningOidcProvider, accessToken: string): Promise<number> {
  const response = await fetch(`${op.issuer}/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('LoginService against a real OpenID provider', () => {
  let op: RunningOidcProvider;
  const services: LoginService[] = [];
  const track = (service: LoginService) => (services.push(service), service);

  beforeAll(async () => {
    op = await startOidcProvider();
  });
  afterEach(() => {
    op.tamper.nonce = null;
    op.tamper.foreignJwks = false;
    for (const service of services.splice(0)) service.dispose();
  });
  afterAll(async () => {
    await op.stop();
  });

  it('signs a GP in with PKCE S256, state and nonce, and maps their identity', async () => {
    const browser = httpBrowser(DR_MARTIN);
    const service = track(makeService(op, browser));
    const before = op.seen.authorizations.length;

    const clinician = await service.login();

    expect(clinician).toMatchObject({
      subject: DR_MARTIN.sub,
      issuer: op.issuer,
      nationalId: '810001234567',
      nationalIdKind: 'rpps',
      rpps: '10001234567',
      givenName: 'Claire',
      familyName: 'MARTIN',
      civility: 'DR',
      profession: { code: '10', category: 'C' },
      specialty: { kind: 'S', code: 'SM54' },
      organisation: { name: 'CABINET DU DR MARTIN', id: 'R10001' },
    });
    // What the provider received: the authorization request of this login.
    const request = op.seen.authorizations[before];
    expect(request?.get('code_challenge_method')).toBe('S256');
    expect(request?.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request?.get('state')).toMatch(/^[\w-]{43}$/);
    expect(request?.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(request?.get('response_type')).toBe('code');
    expect(request?.get('scope')).toBe('openid scope_all');
    expect(request?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(op.seen.tokenGrants).toContain('authorization_code');

    // The browser was shown the French closing page.
    const outcome = await browser.outcomes[0];
    expect(outcome?.status).toBe(200);
    expect(outcome?.body).toContain('Vous pouvez fermer cette fenêtre');

    const state = service.state();
    expect(state.status).toBe('signed-in');
    const accessToken = await service.accessToken();
    expect(await userinfoStatus(op, accessToken)).toBe(200);
    expect(service.clinician()?.rpps).toBe('10001234567');
  });

  it('maps a nurse, profession 60 without a specialty', async () => {
    const service = track(makeService(op, httpBrowser(NURSE_LEROY)));
    const clinician = await service.login();
    expect(clinician).toMatchObject({
      rpps: '10009876543',
      profession: { code: '60', category: 'C' },
      specialty: null,
      organisation: { name: 'CABINET INFIRMIER LEROY', id: 'R10002' },
    });
  });

  it('closes the loopback listener after its one callback', async () => {
    const browser = httpBrowser(DR_MARTIN);
    const service = track(makeService(op, browser));
    await service.login();
    const outcome = await browser.outcomes[0];
    if (!outcome) throw new Error('no outcome');
    // The same redirect again (a replay, or a second tab): nobody listens any more.
    await expect(fetch(outcome.redirectedTo)).rejects.toThrow();
  });

  it('refuses a callback with a wrong state and fails the login', async () => {
    let forged: Response | undefined;
    const service = track(
      makeService(op, {
        openExternal: async (url) => {
          const callback = new URL(redirectUriOf(url));
          callback.searchParams.set('code', 'forged-code');
          callback.searchParams.set('state', 'not-the-state-of-this-login');
          forged = await fetch(callback);
        },
      }),
    );
    await expect(service.login()).rejects.toMatchObject({
      name: 'LoginError',
      reason: 'state-mismatch',
      code: 'refused',
    });
    expect(forged?.status).toBe(400);
    expect(await forged?.text()).toContain('elle est refusée');
    expect(service.state()).toEqual({ status: 'signed-out', reason: null });
  });

  it('refuses a callback without state, then listens no more', async () => {
    let redirectUri = '';
    const service = track(
      makeService(op, {
        openExternal: async (url) => {
          redirectUri = redirectUriOf(url);
          const response = await fetch(`${redirectUri}?code=forged-code`);
          expect(response.status).toBe(400);
        },
      }),
    );
    const grantsBefore = op.seen.tokenGrants.length;
    await expect(service.login()).rejects.toMatchObject({ reason: 'state-mismatch' });
    expect(op.seen.tokenGrants.length).toBe(grantsBefore);
    await expect(fetch(`${redirectUri}?code=x&state=y`)).rejects.toThrow();
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    op.tamper.nonce = 'a-nonce-this-client-never-sent';
    const browser = httpBrowser(DR_MARTIN);
    const service = track(makeService(op, browser));
    await expect(service.login()).rejects.toMatchObject({
      name: 'LoginError',
      reason: 'nonce-mismatch',
    });
    expect(op.seen.tokenGrants).toContain('authorization_code');
    const outcome = await browser.outcomes[0];
    expect(outcome?.body).toContain('n’a pas abouti');
    expect(service.state().status).toBe('signed-out');
    await expect(service.accessToken()).rejects.toMatchObject({ reason: 'not-signed-in' });
  });

  it('refuses an ID token whose signature the provider’s JWKS does not verify', async () => {
    op.tamper.foreignJwks = true;
    const service = track(makeService(op, httpBrowser(DR_MARTIN)));
    await expect(service.login()).rejects.toMatchObject({
      reason: 'token-invalid',
      detail: 'OAUTH_INVALID_RESPONSE',
    });
    expect(service.clinician()).toBeNull();
  });

  it('fails with provider-refused when the user declines at the provider', async () => {
    const browser = httpBrowser(DR_MARTIN, { consent: 'decline' });
    const service = track(makeService(op, browser));
    await expect(service.login()).rejects.toMatchObject({
      reason: 'provider-refused',
      detail: 'access_denied',
    });
    expect((await browser.outcomes[0])?.body).toContain('n’a pas abouti');
  });

  it('ends a login nobody completes after its timeout and closes the listener', async () => {
    const browser = httpBrowser(DR_MARTIN, { follow: false });
    const service = track(makeService(op, browser, { loginTimeoutMs: 1000 }));
    const started = Date.now();
    await expect(service.login()).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5000);
    const [authorizationUrl] = browser.opened;
    if (!authorizationUrl) throw new Error('the browser was not opened');
    await expect(fetch(`${redirectUriOf(authorizationUrl)}?code=x&state=y`)).rejects.toThrow();
    expect(service.state()).toEqual({ status: 'signed-out', reason: null });
  });

  it('cancels a login under way when asked, or when another starts', async () => {
    const browser = httpBrowser(DR_MARTIN, { follow: false });
    const service = track(makeService(op, browser));
    const first = service.login();
    await waitFor(() => browser.opened[0]);
    expect(service.state().status).toBe('signing-in');
    const second = service.login();
    await expect(first).rejects.toMatchObject({ reason: 'cancelled' });
    await waitFor(() => browser.opened[1]);
    service.cancelLogin();
    await expect(second).rejects.toMatchObject({ reason: 'cancelled' });
    expect(service.state().status).toBe('signed-out');
  });

  it('says not-signed-in for a token before any login', async () => {
    const service = track(makeService(op, httpBrowser()));
    await expect(service.accessToken()).rejects.toMatchObject({
      name: 'LoginError',
      reason: 'not-signed-in',
    });
  });

  it('fails with browser-unavailable when the system browser cannot be opened', async () => {
    const service = track(
      makeService(op, {
        openExternal: () => Promise.reject(new Error('no browser')),
      }),
    );
    await expect(service.login()).rejects.toMatchObject({ reason: 'browser-unavailable' });
  });

  it('fails with provider-unreachable when the issuer does not answer', async () => {
    const service = track(
      makeService(
        op,
        { openExternal: async () => undefined },
        { issuer: 'http://127.0.0.1:9/', requestTimeoutMs: 1000 },
      ),
    );
    await expect(service.login()).rejects.toMatchObject({ reason: 'provider-unreachable' });
  });
});

describe('LoginService sessions: refresh and logout', () => {
  let op: RunningOidcProvider;
  /** Every token value the provider handed out (opaque tokens: the value is the jti). */
  const issued = new Set<string>();
  let lastGrantId = '';
  const refreshes = () => op.seen.tokenGrants.filter((grant) => grant === 'refresh_token').length;

  beforeAll(async () => {
    // Access tokens of 2 s: the service refreshes them after half their life.
    op = await startOidcProvider({ accessTokenTtlSeconds: 2 });
    op.provider.on('access_token.saved', (token) => issued.add(token.jti));
    op.provider.on('authorization_code.saved', (token) => issued.add(token.jti));
    op.provider.on('refresh_token.saved', (token) => {
      issued.add(token.jti);
      lastGrantId = token.grantId ?? '';
    });
  });
  afterAll(async () => {
    await op.stop();
  });

  it('refreshes the access token before it expires, on its own timer', async () => {
    const service = makeService(op, httpBrowser(DR_MARTIN));
    const changes: string[] = [];
    service.onChange((state) => changes.push(state.status));
    try {
      await service.login();
      const refreshesBefore = refreshes();
      const first = await service.accessToken();
      const state = service.state();
      if (state.status !== 'signed-in') throw new Error('not signed in');
      expect(state.accessTokenExpiresAt - Date.now()).toBeLessThanOrEqual(2000);
      expect(refreshes()).toBe(refreshesBefore);

      // Nobody asks for a token: the timer refreshes it, about once a second.
      await sleep(2600);
      expect(refreshes() - refreshesBefore).toBeGreaterThanOrEqual(2);
      expect(service.state().status).toBe('signed-in');
      const current = await service.accessToken();
      expect(current).not.toBe(first);
      expect(await userinfoStatus(op, current)).toBe(200);
      expect(changes.filter((status) => status === 'signed-in').length).toBeGreaterThanOrEqual(3);
    } finally {
      service.dispose();
    }
  });

  it('logs out: tokens and clinician gone, refresh timer stopped, provider told', async () => {
    const browser = httpBrowser(DR_MARTIN);
    const service = makeService(op, browser);
    await service.login();
    const revocationsBefore = op.seen.revocations;

    await service.logout();

    expect(service.state()).toEqual({ status: 'signed-out', reason: 'logout' });
    expect(service.clinician()).toBeNull();
    await expect(service.accessToken()).rejects.toMatchObject({ reason: 'not-signed-in' });
    // The refresh token was revoked at the provider.
    expect(op.seen.revocations).toBe(revocationsBefore + 1);
    // The provider's own session is ended in the system browser.
    const endSession = new URL(browser.opened.at(-1) ?? '');
    expect(endSession.origin + endSession.pathname).toBe(`${op.issuer}/session/end`);
    expect(endSession.searchParams.get('client_id')).toBe(op.clientId);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    const endPage = await fetch(endSession);
    expect(endPage.status).toBe(200);
    await endPage.arrayBuffer();

    // No refresh happens any more.
    const grants = op.seen.tokenGrants.length;
    await sleep(2500);
    expect(op.seen.tokenGrants.length).toBe(grants);
  });

  it('ends the session when the provider refuses the refresh token', async () => {
    const service = makeService(op, httpBrowser(DR_MARTIN), { endSessionInBrowser: false });
    try {
      await service.login();
      // The provider withdraws this login's grant: its refresh token is refused from now on.
      const grant = await op.provider.Grant.find(lastGrantId);
      await grant?.destroy();
      await waitFor(() => (service.state().status === 'signed-out' ? true : undefined), 6000);
      expect(service.state()).toEqual({ status: 'signed-out', reason: 'refresh-failed' });
      await expect(service.accessToken()).rejects.toMatchObject({ reason: 'not-signed-in' });
    } finally {
      service.dispose();
    }
  });

  it('never writes a token, code or PKCE value to the log', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'regard-identity-')), 'regard.log');
    const logger = createLogger({ file: logFile, level: 'debug' });
    const browser = httpBrowser(DR_MARTIN);
    const service = makeService(op, browser, {}, logger);
    const before = op.seen.authorizations.length;
    await service.login();
    const accessToken = await service.accessToken();
    const refreshesBefore = refreshes();
    await waitFor(() => (refreshes() > refreshesBefore ? true : undefined));
    await service.logout();

    const request = op.seen.authorizations[before];
    const outcome = await browser.outcomes[0];
    const idTokenHint = new URL(browser.opened.at(-1) ?? '').searchParams.get('id_token_hint');
    const secrets = [
      accessToken,
      ...issued,
      idTokenHint,
      outcome?.redirectedTo.searchParams.get('code'),
      request?.get('state'),
      request?.get('nonce'),
      request?.get('code_challenge'),
    ].filter((value): value is string => typeof value === 'string' && value.length > 0);
    expect(issued.has(accessToken)).toBe(true);
    expect(secrets.length).toBeGreaterThan(6);

    const log = readFileSync(logFile, 'utf8');
    const events = log
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(
      expect.arrayContaining([
        'identity.login.started',
        'identity.login.succeeded',
        'identity.refresh.succeeded',
        'identity.signed-out',
      ]),
    );
    for (const secret of secrets) expect(log).not.toContain(secret);
    // Nor who signed in.
    expect(log).not.toContain(DR_MARTIN.rpps);
    expect(log).not.toContain('Claire');
  });
});
