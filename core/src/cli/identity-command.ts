import { parseArgs } from 'node:util';
import { DEFAULT_TTL, keyGrace, migrateIdentity, rotateKeys } from '@kredo/identity';
import pg from 'pg';
import { openDatabase } from '../app/database.ts';
import { identityMasterKey } from '../app/identity.ts';
import { type Config, loadConfig } from '../config/load-config.ts';
import { type Command, UsageError } from './command.ts';
import { invitePartnerAsOperator, partnerInvitationOf } from './partner-invite.ts';

export const identityCommand: Command = {
  name: 'identity',
  summary: 'Manage the identity server: identity rotate-keys, identity partner invite',
  help: `Usage: pnpm kredo identity rotate-keys
       pnpm kredo identity partner invite --publisher <com.example> [--publisher-name <name>]
                                          --email <e-mail> --name <name> [--language en|nl|de|fr]

rotate-keys  Makes a new signing key (ES256) and cookie key current. The previous signing key stops
             signing but stays in the JWKS until every token it signed has expired (the longest token
             lifetime, plus a minute for running servers to notice), then it is deleted; the previous
             cookie key is accepted until the longest session has ended. Running identity servers pick
             the new keys up within a minute; no restart is needed.

partner invite  Invites a person to publish plugins for a publisher (a reversed domain it owns). The
             publisher is made when the identity server does not know it yet (then --publisher-name
             is required). The partner is the publisher's admin: they may invite colleagues through
             the API. The invitation is mailed (KREDO_SMTP_URL) in --language (default en); its link
             works once, for 7 days. Partners must set up a second factor at their first sign-in.`,
  async run(args) {
    const text = { type: 'string' } as const;
    const { positionals, values } = parseArgs({
      args,
      options: { publisher: text, 'publisher-name': text, email: text, name: text, language: text },
      strict: true,
      allowPositionals: true,
    });
    const action = positionals.join(' ');
    if (action === 'rotate-keys') {
      await withIdentityPool((pool, config) => rotate(pool, config));
      return 0;
    }
    if (action !== 'partner invite')
      throw new UsageError(
        'expected: pnpm kredo identity rotate-keys, or pnpm kredo identity partner invite …',
      );
    const invitation = partnerInvitationOf(values);
    await withIdentityPool(async (pool, config) => {
      const invited = await invitePartnerAsOperator(pool, config, invitation);
      console.log(
        `Invited ${invitation.email} (${invited.accountId}) as a partner of ${invitation.publisherId}.`,
      );
      console.log(
        invited.mailed
          ? `The invitation is mailed; its link works until ${invited.expiresAt.toISOString()}.`
          : `The invitation was not mailed: ${invited.problem}. Fix that and invite again (the old link stops working).`,
      );
    });
    return 0;
  },
};

/** Identity's schema on Kredo's database (the embedded one when DATABASE_URL is not set), migrated. */
async function withIdentityPool(work: (pool: pg.Pool, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      await migrateIdentity(pool);
      await work(pool, config);
    } finally {
      await pool.end();
    }
  } finally {
    await database.stop();
  }
}

async function rotate(pool: pg.Pool, config: Config): Promise<void> {
  const grace = keyGrace(DEFAULT_TTL);
  const rotation = await rotateKeys(pool, { masterKey: await identityMasterKey(config), ...grace });
  console.log(`New signing key: ${rotation.signingKid}.`);
  console.log(
    `The previous one stays published for ${Math.round(grace.signingGraceSeconds / 60)} minutes, until every token it signed has expired.`,
  );
  if (rotation.dropped.length > 0) console.log(`Deleted retired keys: ${rotation.dropped.join(', ')}.`);
}
