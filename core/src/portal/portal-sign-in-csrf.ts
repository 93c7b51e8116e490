import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, ResponseObject } from '@hapi/hapi';

const COOKIE = 'kredo_sign_in_csrf';
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/**
 * The hosted sign-in's CSRF defence, a double submit: each form carries the value of a cookie only
 * pages of Kredo's origin can read (HttpOnly, SameSite=Lax, scoped to /portal/sign-in), and a post
 * counts only when the two agree. Another site can make a browser post, but not know the value.
 */
export function csrfToken(request: Request): string {
  const known = request.state[COOKIE];
  return typeof known === 'string' && WELL_FORMED.test(known) ? known : randomBytes(32).toString('base64url');
}

/** Sets the page's token as the cookie (again: it lasts the browser session). */
export function withCsrfCookie(response: ResponseObject, token: string, secure: boolean): ResponseObject {
  return response.state(COOKIE, token, {
    path: '/portal/sign-in',
    isHttpOnly: true,
    isSameSite: 'Lax',
    isSecure: secure,
    encoding: 'none',
    ttl: null,
  });
}

/** Whether the posted form's token is the cookie's, compared in constant time. */
export function csrfHolds(request: Request, posted: unknown): boolean {
  const cookie = request.state[COOKIE];
  if (typeof cookie !== 'string' || typeof posted !== 'string' || !WELL_FORMED.test(posted)) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}
