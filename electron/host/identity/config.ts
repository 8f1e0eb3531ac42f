import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Plain HTTP is accepted for a provider on this machine only (the test bed, a local proxy). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** An OAuth scope token (RFC 6749 §3.3). */
const scopeToken = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/);

/**
 * The clinician login: an OpenID Connect provider (Pro Santé Connect in production) and this
 * workstation's registration there as a public native client (no client secret; the token
 * endpoint is called with `token_endpoint_auth_method: none` and PKCE).
 *
 * To be merged into the configuration schema as `identity: identityConfigSchema.nullable()`.
 */
export const identityConfigSchema = z
  .object({
    /** The issuer identifier; its `/.well-known/openid-configuration` is read at the first login. */
    issuer: z
      .url({ protocol: /^https?$/ })
      .refine((value) => {
        const url = new URL(value);
        return url.protocol === 'https:' || isLoopbackUrl(url);
      }, 'the issuer must use https (plain http only on loopback)')
      .refine((value) => !new URL(value).search && !new URL(value).hash, 'no query or fragment'),
    clientId: z.string().min(1).max(256),
    /**
     * `openid` plus what the provider needs to release the professional's identity. Pro Santé
     * Connect releases its sector claims (SubjectNameID, SubjectRefPro, ...) with `scope_all`.
     */
    scopes: z
      .array(scopeToken)
      .min(1)
      .max(16)
      .refine((scopes) => scopes.includes('openid'), 'the scopes must include openid')
      .default(['openid', 'scope_all']),
    /** Requested authentication level; Pro Santé Connect asks for `eidas1` (CPS card or e-CPS). */
    acrValues: z.string().min(1).max(256).optional(),
    /** How long the browser has to come back to the loopback listener before the login fails. */
    loginTimeoutMs: z.number().int().min(1000).max(3_600_000).default(300_000),
    /** Each request to the provider (discovery, token, userinfo, revocation). */
    requestTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
    /** Access tokens are refreshed this long before they expire (at most half their lifetime). */
    refreshMarginMs: z.number().int().min(0).max(3_600_000).default(60_000),
    /**
     * On logout, open the provider's end-session endpoint in the system browser so that its own
     * session (the card or e-CPS authentication) ends too, where the provider has one.
     */
    endSessionInBrowser: z.boolean().default(true),
  })
  .strict();

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
export type IdentityConfigInput = z.input<typeof identityConfigSchema>;
