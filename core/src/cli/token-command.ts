import { parseArgs } from 'node:util';
import { clientCredentialsToken } from '../app/client-credentials-token.ts';
import { loadConfig } from '../config/load-config.ts';
import { DEMO_ERP_CLIENT_ID, DEMO_ERP_SCOPES, demoErpClient } from '../demo/demo-erp-client.ts';
import { secretsKey } from '../marketplace/index.ts';
import { type Command, UsageError } from './command.ts';

export const tokenCommand: Command = {
  name: 'token',
  summary: "Print an API client's access token from the identity server (client credentials)",
  help: `Usage: pnpm kredo token [--client-id cli_…] [--scope "ledger:read ledger:write"]

Asks the identity server (KREDO_IDENTITY_ISSUER, by default the one \`pnpm kredo start\` runs) for an
access token of an API client, by client credentials, as an ERP integration gets one, and prints it.
The identity server must be running. The client's secret is read from KREDO_CLIENT_SECRET, never from
the command line. Without --client-id: the demo ERP client (${DEMO_ERP_CLIENT_ID}) of \`pnpm kredo start --demo\`,
whose secret this data directory derives, asking for all its scopes. With --client-id, --scope is
required: the identity server grants only the scopes asked for, among those the client was given.
Tokens last 10 minutes. A tenant admin creates API clients with POST /api/v1/api-clients.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { 'client-id': { type: 'string' }, scope: { type: 'string' } },
      strict: true,
    });
    const config = loadConfig();
    const issuer = config.identityIssuer ?? config.identityPublicUrl;
    const clientId = values['client-id'];
    const clientSecret = clientId
      ? process.env.KREDO_CLIENT_SECRET
      : demoErpClient(await secretsKey(config.dataDir, config.secretsKey)).clientSecret;
    if (!clientSecret) throw new UsageError('KREDO_CLIENT_SECRET must hold the secret of --client-id');
    const scopes = values.scope?.split(/[\s,]+/).filter(Boolean) ?? (clientId ? [] : DEMO_ERP_SCOPES);
    if (scopes.length === 0) throw new UsageError('--scope names the scopes to ask for');
    try {
      const token = await clientCredentialsToken({
        issuer,
        clientId: clientId ?? DEMO_ERP_CLIENT_ID,
        clientSecret,
        scopes,
      });
      console.log(token);
      return 0;
    } catch (error) {
      console.error(`kredo: no token from the identity server at ${issuer}: ${refusal(error)}`);
      return 1;
    }
  },
};

/** What went wrong, in one line: the identity server's OAuth error, or why it could not be reached. */
function refusal(error: unknown): string {
  const failure = error as {
    error?: string;
    error_description?: string;
    message: string;
    cause?: { code?: string } | { parameters?: { error?: string; error_description?: string } }[];
  };
  // A refused client authentication comes as a 401 challenge (WWW-Authenticate) with the error in it.
  const challenge = Array.isArray(failure.cause) ? failure.cause[0]?.parameters : undefined;
  const code = failure.error ?? challenge?.error;
  const description = failure.error_description ?? challenge?.error_description;
  if (code) return description ? `${code} (${description})` : code;
  if (!Array.isArray(failure.cause) && failure.cause?.code === 'ECONNREFUSED') {
    return 'nothing answers there; is `pnpm kredo start` running?';
  }
  return failure.message;
}
