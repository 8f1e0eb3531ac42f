import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  type Account,
  type Adapter,
  type AdapterPayload,
  type Configuration,
  type Interaction,
} from 'oidc-provider';

/** A fictitious professional known to the test provider, with Pro Santé Connect's claims. */
export interface TestClinician {
  /** What the test bed's login form asks for. */
  login: string;
  password: string;
  /** The provider's subject, shaped like Pro Santé Connect's (`f:<uuid>:<idNat>`). */
  sub: string;
  rpps: string;
  givenName: string;
  familyName: string;
  civility: string;
  /** ANS TRE_G15. */
  professionCode: string;
  /** ANS TRE_R38 (or empty where the profession has none). */
  specialtyCode: string;
  organisation: { name: string; id: string };
}

export const DR_MARTIN: TestClinician = {
  login: 'claire.martin',
  password: 'regard-test',
  sub: 'f:4d1c3c52-regard-testbed:810001234567',
  rpps: '10001234567',
  givenName: 'Claire',
  familyName: 'Martin',
  civility: 'DR',
  professionCode: '10',
  specialtyCode: 'SM54',
  organisation: { name: 'CABINET DU DR MARTIN', id: 'R10001' },
};

export const NURSE_LEROY: TestClinician = {
  login: 'paul.leroy',
  password: 'regard-test',
  sub: 'f:9b7e2f10-regard-testbed:810009876543',
  rpps: '10009876543',
  givenName: 'Paul',
  familyName: 'Leroy',
  civility: '',
  professionCode: '60',
  specialtyCode: '',
  organisation: { name: 'CABINET INFIRMIER LEROY', id: 'R10002' },
};

/** A regulating physician of a SAMU (centre 15): the policy may allow emergency regulation. */
export const DR_ROUX_SAMU: TestClinician = {
  login: 'samuel.roux',
  password: 'regard-test',
  sub: 'f:3e5a7c21-regard-testbed:810005550001',
  rpps: '10005550001',
  givenName: 'Samuel',
  familyName: 'Roux',
  civility: 'DR',
  professionCode: '10',
  specialtyCode: 'SM54',
  organisation: { name: 'SAMU 75 - CENTRE 15', id: 'F750100001' },
};

export const TEST_CLINICIANS: readonly TestClinician[] = [DR_MARTIN, NURSE_LEROY, DR_ROUX_SAMU];

/** The claims Pro Santé Connect releases with `scope_all`, for one test clinician. */
export function pscClaims(clinician: TestClinician): Record<string, unknown> {
  const nationalId = `8${clinician.rpps}`;
  return {
    sub: clinician.sub,
    preferred_username: nationalId,
    given_name: clinician.givenName,
    family_name: clinician.familyName,
    SubjectNameID: nationalId,
    SubjectRole: [`${clinician.professionCode}^1.2.250.1.213.1.1.5.5`],
    SubjectOrganization: clinician.organisation.name,
    SubjectOrganizationID: clinician.organisation.id,
    Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
    SubjectRefPro: {
      codeCivilite: clinician.civility === 'DR' ? 'M' : '',
      exercices: [
        {
          codeProfession: clinician.professionCode,
          codeCategorieProfessionnelle: 'C',
          codeCiviliteDexercice: clinician.civility,
          nomDexercice: clinician.familyName.toUpperCase(),
          prenomDexercice: clinician.givenName,
          codeTypeSavoirFaire: clinician.specialtyCode ? 'S' : '',
          codeSavoirFaire: clinician.specialtyCode,
          activities: [
            {
              codeModeExercice: 'L',
              codeSecteurDactivite: 'SA07',
              identifiantTechniqueDeLaStructure: clinician.organisation.id,
              raisonSocialeSite: clinician.organisation.name,
            },
          ],
        },
      ],
    },
  };
}

export const TESTBED_CLIENT_ID = 'regard-workstation';

export interface OidcTestbedOptions {
  /** Access token lifetime in seconds (short to exercise the refresh). */
  accessTokenTtlSeconds?: number;
  clinicians?: readonly TestClinician[];
}

/** What reached the provider, for tests to assert on. */
export interface OidcTestbedLog {
  /** The query of every authorization request. */
  authorizations: URLSearchParams[];
  tokenGrants: string[];
  revocations: number;
  userinfo: number;
}

/** Misbehaviours a test can switch on, to see that the client notices. */
export interface OidcTestbedTampering {
  /** Replaces the `nonce` of authorization requests: the ID token then carries this one. */
  nonce: string | null;
  /** Serves a JWKS whose key is not the one that signs (same `kid`). */
  foreignJwks: boolean;
}

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  port: number;
  provider: Provider;
  seen: OidcTestbedLog;
  tamper: OidcTestbedTampering;
  stop(): Promise<void>;
}

/**
 * The provider's store, in memory and per test bed (the library's own quick-start store is the
 * same thing, with a warning on every start).
 */
function memoryStore() {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) entries.delete(key);
    return entries.get(key)?.payload;
  };
  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const findBy = (field: 'userCode' | 'uid', value: string) =>
      [...entries.keys()]
        .filter((name) => name.startsWith(`${model}:`))
        .map(live)
        .find((payload) => payload?.[field] === value);
    return {
      upsert: async (id, payload, expiresIn) => {
        const ttl = expiresIn ? expiresIn * 1000 : Number.POSITIVE_INFINITY;
        entries.set(key(id), { payload, expiresAt: Date.now() + ttl });
      },
      find: async (id) => live(key(id)),
      findByUid: async (uid) => findBy('uid', uid),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [name, entry] of entries) {
          if (entry.payload.grantId === grantId) entries.delete(name);
        }
      },
    };
  };
}

function signingKey(kid: string): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

function publicPart({ kty, n, e, kid, alg, use }: JsonWebKey): JsonWebKey {
  return { kty, n, e, kid, alg, use };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(html);
}

function loginForm(response: ServerResponse, uid: string, error?: string): void {
  page(
    response,
    200,
    'Pro Santé Connect (test bed)',
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" data-step="login">
  <label>Identifiant <input name="login" autocomplete="username" required></label>
  <label>Mot de passe <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Se connecter</button>
</form>`,
  );
}

function consentForm(response: ServerResponse, uid: string, scopes: string[]): void {
  page(
    response,
    200,
    'Autoriser Regard',
    `<p>Regard demande : ${escapeHtml(scopes.join(', '))}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm" data-step="consent">
  <button type="submit">Autoriser</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort" data-step="decline">
  <button type="submit">Refuser</button>
</form>`,
  );
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Provider (`oidc-provider`) on loopback, shaped like Pro Santé Connect for a native
 * application: one public native client (PKCE required, loopback redirect on any port per RFC
 * 8252), the test clinicians with Pro Santé Connect's claims under `scope_all`, and login and
 * consent pages that a test completes with Playwright or with {@link completeLoginOverHttp}.
 */
export async function startOidcProvider(
  options: OidcTestbedOptions = {},
): Promise<RunningOidcProvider> {
  const clinicians = options.clinicians ?? TEST_CLINICIANS;
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const key = signingKey('testbed-signing-key');
  const foreignJwks = { keys: [publicPart(signingKey('testbed-signing-key'))] };

  const configuration: Configuration = {
    adapter: memoryStore(),
    clients: [
      {
        client_id: TESTBED_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // Any port on the loopback interface: oidc-provider compares native clients' loopback
        // redirect URIs without their port (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
      },
    ],
    jwks: { keys: [key as Record<string, string>] },
    cookies: { keys: ['regard-testbed-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'scope_all'],
    claims: {
      openid: ['sub'],
      scope_all: [
        'preferred_username',
        'given_name',
        'family_name',
        'SubjectNameID',
        'SubjectRole',
        'SubjectOrganization',
        'SubjectOrganizationID',
        'SubjectRefPro',
        'Palier_Authentification',
      ],
    },
    acrValues: ['eidas1'],
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // The client may revoke its own tokens only.
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86_400,
      Interaction: 600,
      Session: 3600,
      Grant: 86_400,
    },
    findAccount: (_ctx, sub): Account | undefined => {
      const clinician = clinicians.find((candidate) => candidate.sub === sub);
      if (!clinician) return undefined;
      return {
        accountId: clinician.sub,
        claims: () => ({ sub: clinician.sub, ...pscClaims(clinician) }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const handle = provider.callback();

  const seen: OidcTestbedLog = { authorizations: [], tokenGrants: [], revocations: 0, userinfo: 0 };
  const tamper: OidcTestbedTampering = { nonce: null, foreignJwks: false };

  const interaction = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const [, , uid, action] = url.pathname.split('/');
    if (!uid) return page(response, 404, 'Introuvable', '');
    const details: Interaction = await provider.interactionDetails(request, response);

    if (request.method === 'GET' && !action) {
      if (details.prompt.name === 'login') return loginForm(response, uid);
      const scopes = String(details.params.scope ?? '').split(' ');
      return consentForm(response, uid, scopes);
    }
    if (request.method !== 'POST') return page(response, 405, 'Méthode refusée', '');

    if (action === 'login') {
      const form = await readForm(request);
      const clinician = clinicians.find(
        (candidate) =>
          candidate.login === form.get('login') && candidate.password === form.get('password'),
      );
      if (!clinician) return loginForm(response, uid, 'Identifiant ou mot de passe inconnu.');
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: clinician.sub, acr: 'eidas1', amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'confirm') {
      const accountId = details.session?.accountId;
      const clientId = String(details.params.client_id);
      if (!accountId) return page(response, 400, 'Session absente', '');
      const prompt = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
      };
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId });
      if (!grant) return page(response, 400, 'Autorisation introuvable', '');
      if (prompt.missingOIDCScope) grant.addOIDCScope(prompt.missingOIDCScope.join(' '));
      if (prompt.missingOIDCClaims) grant.addOIDCClaims(prompt.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(
        request,
        response,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    if (action === 'abort') {
      return provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'The user declined' },
        { mergeWithLastSubmission: false },
      );
    }
    return page(response, 404, 'Introuvable', '');
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (url.pathname.startsWith('/interaction/')) {
      interaction(request, response, url).catch(() => {
        if (!response.headersSent) page(response, 400, 'Interaction expirée', '');
        else response.end();
      });
      return;
    }
    if (url.pathname === '/auth' && request.method === 'GET') {
      seen.authorizations.push(new URLSearchParams(url.search));
      if (tamper.nonce !== null && url.searchParams.has('nonce')) {
        url.searchParams.set('nonce', tamper.nonce);
        request.url = `${url.pathname}${url.search}`;
      }
    }
    if (url.pathname === '/jwks' && tamper.foreignJwks) {
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify(foreignJwks));
      return;
    }
    if (url.pathname === '/token/revocation') seen.revocations += 1;
    if (url.pathname === '/me') seen.userinfo += 1;
    void handle(request, response);
  });
  provider.on('grant.success', (ctx) => {
    const grantType = (ctx.oidc.params as { grant_type?: unknown } | undefined)?.grant_type;
    seen.tokenGrants.push(typeof grantType === 'string' ? grantType : 'unknown');
  });

  return {
    issuer,
    clientId: TESTBED_CLIENT_ID,
    port,
    provider,
    seen,
    tamper,
    stop: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

export interface HttpLoginOutcome {
  /** The redirect the provider sent the browser to (the loopback callback, or another URL). */
  redirectedTo: URL;
  /** What the loopback listener answered, or null when it could not be reached. */
  status: number | null;
  body: string;
}

/**
 * Plays the browser with an HTTP client: follows the authorization URL through the test bed's
 * login and consent forms (posting them as a browser would, with the provider's cookies), then
 * delivers the final redirect to the loopback listener and returns its answer.
 */
export async function completeLoginOverHttp(
  authorizationUrl: string,
  credentials: Pick<TestClinician, 'login' | 'password'>,
  options: { consent?: 'accept' | 'decline' } = {},
): Promise<HttpLoginOutcome> {
  const cookies = new Map<string, string>();
  const start = new URL(authorizationUrl);
  let url = start;
  let method = 'GET';
  let body: URLSearchParams | undefined;

  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', date = ''] = attribute.split('=');
        return key.trim().toLowerCase() === 'expires' && Date.parse(date) < Date.now();
      });
      if (!value || expired) cookies.delete(name);
      else cookies.set(name, value);
    }

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      if (url.origin !== start.origin) return deliver(url);
      continue;
    }

    const html = await response.text();
    const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*data-step="(\w+)"/g)];
    const formFor = (stepName: string) =>
      forms.find((match) => match[2] === stepName)?.[1]?.replace(/&#38;/g, '&');
    const loginAction = formFor('login');
    const consentAction = formFor(options.consent === 'decline' ? 'decline' : 'consent');
    if (loginAction && !html.includes('role="alert"')) {
      url = new URL(loginAction, url);
      body = new URLSearchParams({ login: credentials.login, password: credentials.password });
    } else if (consentAction) {
      url = new URL(consentAction, url);
      body = new URLSearchParams();
    } else {
      throw new Error(`the provider answered ${response.status} without a form to follow`);
    }
    method = 'POST';
  }
  throw new Error('too many steps to complete the login');
}

/** The browser's last step: the redirect to the application, without the provider's cookies. */
async function deliver(url: URL): Promise<HttpLoginOutcome> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    return { redirectedTo: url, status: response.status, body: await response.text() };
  } catch {
    return { redirectedTo: url, status: null, body: '' };
  }
}
