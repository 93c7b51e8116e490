import { parseArgs } from 'node:util';
import { devSecret } from '../auth/dev-secret.ts';
import { signDevToken } from '../auth/dev-token.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { loadConfig } from '../config/load-config.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import type { Command } from './command.ts';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Print a development bearer token (for KREDO_DEV_AUTH=1)',
  help: `Usage: pnpm kredo token [--tenant ten_…] [--subject id] [--scope "ledger:read ledger:write"] [--publisher com.example] [--expires 30d]

Signs a development token with the development secret. Core accepts it only while KREDO_DEV_AUTH=1.
Defaults: the demo tenant, subject dev-user, every scope, valid 30 days. --publisher puts the
publisher a partner acts for in the token (its \`publisher\` claim), with --scope marketplace:publish;
partners' real tokens come from the identity server (kredo-plugin login).`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        tenant: { type: 'string' },
        subject: { type: 'string' },
        scope: { type: 'string' },
        publisher: { type: 'string' },
        expires: { type: 'string' },
      },
      strict: true,
    });
    const config = loadConfig();
    const secret = await devSecret(config.dataDir, config.devAuthSecret);
    const token = await signDevToken(
      secret,
      {
        subject: values.subject ?? 'dev-user',
        tenantId: values.tenant ?? DEMO_TENANT_ID,
        scopes: values.scope ? values.scope.split(/[\s,]+/).filter(Boolean) : ALL_SCOPES,
        ...(values.publisher ? { publisherId: values.publisher } : {}),
      },
      values.expires ?? '30d',
    );
    console.log(token);
    return 0;
  },
};
