import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import { identityTokenVerifier } from './identity-token.ts';
import type { TokenVerifier } from './principal.ts';

/**
 * The identity server's access tokens when KREDO_IDENTITY_ISSUER is set; otherwise none, and every
 * API call is refused (allowed outside production mode only: checkAuthSettings).
 */
export function configuredVerifier(
  config: Pick<Config, 'identityIssuer' | 'apiResource'>,
  logger: Logger,
): TokenVerifier | undefined {
  if (!config.identityIssuer) {
    logger.warn('no token verifier: KREDO_IDENTITY_ISSUER is not set, so every API call is refused');
    return undefined;
  }
  logger.info({ issuer: config.identityIssuer, audience: config.apiResource }, 'accepting identity tokens');
  return identityTokenVerifier({
    issuer: config.identityIssuer,
    audience: config.apiResource,
    discovery: {
      onStale: (error) =>
        logger.warn({ err: error.message }, 'identity server keys not refreshed; the last ones stay in use'),
    },
  });
}
