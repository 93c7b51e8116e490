import type Provider from 'oidc-provider';
import { secretMatches } from '../clients/client-secret.ts';

/**
 * Stored client secrets are hashes (clients/client-secret.ts): oidc-provider compares the presented
 * secret through this instead of against the plain value it expects.
 */
export function compareHashedClientSecrets(provider: Provider): void {
  (provider.Client.prototype as { compareClientSecret(actual: string): boolean }).compareClientSecret =
    function (this: { clientSecret: string }, actual: string) {
      return secretMatches(this.clientSecret, actual);
    };
}
