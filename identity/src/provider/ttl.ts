/** Lifetimes, in seconds, of what the identity server issues. */
export interface IdentityTtl {
  /** Access tokens for signed-in users. */
  accessToken: number;
  /** Access tokens from client credentials (integrations ask again when one expires). */
  clientCredentials: number;
  idToken: number;
  authorizationCode: number;
  refreshToken: number;
  /** A browser's sign-in session. */
  session: number;
  /** One pass through the sign-in pages. */
  interaction: number;
  grant: number;
}

export const DEFAULT_TTL: IdentityTtl = {
  accessToken: 60 * 60,
  clientCredentials: 10 * 60,
  idToken: 60 * 60,
  authorizationCode: 60,
  refreshToken: 14 * 24 * 60 * 60,
  session: 14 * 24 * 60 * 60,
  interaction: 60 * 60,
  grant: 14 * 24 * 60 * 60,
};

/** How often a running server looks for rotated keys, by default. */
export const DEFAULT_KEY_REFRESH_SECONDS = 60;

/** oidc-provider's default: the leeway it gives a token's exp, and so do verifiers. */
const CLOCK_TOLERANCE = 15;

/**
 * How long a retired key must stay: a signing key until the last token it signed has expired (the
 * longest signed token, the leeway, and the time a server takes to notice the rotation, during which
 * it still signs with the old key); a cookie key until the longest session it signed has ended.
 */
export function keyGrace(ttl: IdentityTtl, refreshSeconds = DEFAULT_KEY_REFRESH_SECONDS) {
  return {
    signingGraceSeconds:
      Math.max(ttl.accessToken, ttl.clientCredentials, ttl.idToken) + CLOCK_TOLERANCE + refreshSeconds,
    cookieGraceSeconds: Math.max(ttl.session, ttl.interaction) + refreshSeconds,
  };
}
