import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The callback of every tenant's provider, on the identity server (each provider registers it). */
export const SSO_CALLBACK_PATH = '/sso/callback';

/**
 * The state also goes to the browser that starts the sign-in, in a cookie only the callback sees:
 * an answer brought in another browser (a code pushed on someone) finds no cookie and counts for
 * nothing. SameSite=Lax: the provider's redirect back is a top-level navigation, which sends it.
 */
const COOKIE = 'kredo_sso';

export function ssoCookie(state: string, secure: boolean, maxAgeSeconds: number): string {
  const attributes = [`Path=${SSO_CALLBACK_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  return [`${COOKIE}=${state}`, ...attributes, ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearSsoCookie(secure: boolean): string {
  return ssoCookie('', secure, 0);
}

/** Constant-time: the callback's state against the cookie of the browser that brought it. */
export function ssoCookieMatches(req: IncomingMessage, state: string): boolean {
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  if (!cookie || !state) return false;
  const expected = Buffer.from(cookie.slice(COOKIE.length + 1));
  const actual = Buffer.from(state);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
