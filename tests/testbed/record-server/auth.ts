import { timingSafeEqual } from 'node:crypto';

/** The challenge sent with every 401, real or injected. */
export const BASIC_CHALLENGE = 'Basic realm="regard-testbed"';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Checks an HTTP `Authorization: Basic ...` header against the one accepted pair. */
export function isAuthorized(header: string | undefined, expected: BasicCredentials): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice('Basic '.length).trim(), 'base64');
  const wanted = Buffer.from(`${expected.username}:${expected.password}`, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
