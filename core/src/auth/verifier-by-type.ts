import { decodeProtectedHeader } from 'jose';
import { InvalidToken, type TokenVerifier } from './principal.ts';

/**
 * One verifier for tokens of several kinds, told apart by the JWT header's `typ`: a token goes to the
 * verifier of its type and to no other, so no kind can pass for another by a fallback. A type with
 * no verifier goes to `otherwise` (the identity server's access tokens, `at+jwt`, which checks `typ`
 * itself and refuses the rest).
 */
export function verifierByType(
  byType: Readonly<Record<string, TokenVerifier>>,
  otherwise: TokenVerifier | undefined,
): TokenVerifier {
  return {
    verify(token) {
      let typ: unknown;
      try {
        typ = decodeProtectedHeader(token).typ;
      } catch {
        typ = undefined;
      }
      const verifier =
        (typeof typ === 'string' && Object.hasOwn(byType, typ) ? byType[typ] : undefined) ?? otherwise;
      if (!verifier)
        return Promise.reject(new InvalidToken('invalid token', 'no verifier for this kind of token'));
      return verifier.verify(token);
    },
  };
}
