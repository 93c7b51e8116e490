import type { ServerResponse } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Html } from './html.ts';

/**
 * The Content-Security-Policy of every page: nothing but the identity server's own stylesheet and
 * images (the QR code is a data: URL), no script but, with `script`, the identity server's own
 * (the passkey script), forms posted only here and, as browsers apply form-action to the redirects
 * that follow a post, to the client's redirect origin.
 */
export function contentSecurityPolicy(formOrigin?: string | undefined, script = false): string {
  const formAction = ["'self'", ...(formOrigin ? [formOrigin] : [])].join(' ');
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    // Only the pages with a passkey form run the identity server's own script (passkey-script.ts).
    ...(script ? ["script-src 'self'"] : []),
  ].join('; ');
}

/** The headers of every page: CSP, no caching (pages carry CSRF tokens and recovery codes), no sniffing. */
export function pageHeaders(formOrigin?: string | undefined, script = false): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(formOrigin, script),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

export function sendPage(
  res: ServerResponse,
  status: number,
  page: Html,
  formOrigin?: string,
  script = false,
): void {
  res.writeHead(status, pageHeaders(formOrigin, script));
  res.end(page.value);
}

/** The origin of a redirect URI, for form-action; undefined when it is not an absolute http(s) URL. */
export function originOf(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return undefined;
  const url = URL.parse(uri);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
}

/**
 * The same policy on every answer oidc-provider makes itself (the auto-submitting form_post pages,
 * e.g. sign-out without a session), with an empty script-src: oidc-provider adds its inline
 * script's sha256 there (its helpers/script_src_sha.js), so exactly that script runs and no other.
 * Browsers apply form-action to the redirect after the post, hence the client's origin.
 */
export function providerCsp() {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    ctx.set('content-security-policy', `${contentSecurityPolicy()}; script-src`);
    await next();
    const params = ctx.oidc?.params as Record<string, unknown> | undefined;
    const origin = originOf(params?.post_logout_redirect_uri ?? params?.redirect_uri);
    const policy = ctx.response.get('content-security-policy');
    if (origin && policy.includes("form-action 'self';"))
      ctx.set(
        'content-security-policy',
        policy.replace("form-action 'self';", `form-action 'self' ${origin};`),
      );
  };
}
