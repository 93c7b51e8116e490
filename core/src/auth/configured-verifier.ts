import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import { devSecret } from './dev-secret.ts';
import { devTokenVerifier } from './dev-token.ts';
import { identityTokenVerifier } from './identity-token.ts';
import type { TokenVerifier } from './principal.ts';
import { selectVerifier } from './select-verifier.ts';

export interface ConfiguredVerifier {
  /** Undefined when neither kind of token is accepted (outside production mode only: checkAuthSettings). */
  verifier: TokenVerifier | undefined;
  /** The development secret, when KREDO_DEV_AUTH is on (the demo prints a token signed with it). */
  devSecret: string | undefined;
}

/**
 * The token verifier the configuration asks for: the identity server's access tokens when
 * KREDO_IDENTITY_ISSUER is set, development tokens while KREDO_DEV_AUTH=1, both when both (the
 * token's algorithm picks: auth/select-verifier.ts).
 */
export async function configuredVerifier(
  config: Pick<Config, 'identityIssuer' | 'apiResource' | 'devAuth' | 'devAuthSecret' | 'dataDir'>,
  logger: Logger,
): Promise<ConfiguredVerifier> {
  const identity = config.identityIssuer
    ? identityTokenVerifier({
        issuer: config.identityIssuer,
        audience: config.apiResource,
        discovery: {
          onStale: (error) =>
            logger.warn(
              { err: error.message },
              'identity server keys not refreshed; the last ones stay in use',
            ),
        },
      })
    : undefined;
  const secret = config.devAuth ? await devSecret(config.dataDir, config.devAuthSecret) : undefined;
  const verifier = selectVerifier({ identity, development: secret ? devTokenVerifier(secret) : undefined });
  if (!verifier) {
    logger.warn(
      'no token verifier: neither KREDO_IDENTITY_ISSUER nor KREDO_DEV_AUTH, so every API call is refused',
    );
  }
  if (identity)
    logger.info({ issuer: config.identityIssuer, audience: config.apiResource }, 'accepting identity tokens');
  return { verifier, devSecret: secret };
}
