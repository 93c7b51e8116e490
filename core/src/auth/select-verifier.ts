import { decodeProtectedHeader } from 'jose';
import { InvalidToken, type TokenVerifier } from './principal.ts';

/** The algorithm development tokens are signed with (auth/dev-token.ts). */
const DEVELOPMENT_ALGORITHM = 'HS256';

/**
 * The verifier a request's token goes to when core accepts both the identity server's tokens and
 * development tokens: the token header's `alg` picks one, and only that one sees it. HS256 goes to
 * the development verifier; everything else, `none` and RS256 included, to the identity verifier,
 * which takes only ES256 and EdDSA. A token is never tried against both, so an identity token cannot
 * pass as a development token by any fallback. With one verifier, that one takes every token.
 */
export function selectVerifier(verifiers: {
  identity?: TokenVerifier | undefined;
  development?: TokenVerifier | undefined;
}): TokenVerifier | undefined {
  const { identity, development } = verifiers;
  if (!identity || !development) return identity ?? development;
  return {
    async verify(token) {
      return (algorithmOf(token) === DEVELOPMENT_ALGORITHM ? development : identity).verify(token);
    },
  };
}

function algorithmOf(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw new InvalidToken('invalid token', 'the header is not a JWS header');
  }
}
