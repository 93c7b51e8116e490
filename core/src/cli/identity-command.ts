import { parseArgs } from 'node:util';
import { DEFAULT_TTL, keyGrace, migrateIdentity, rotateKeys } from '@kredo/identity';
import pg from 'pg';
import { openDatabase } from '../app/database.ts';
import { identityMasterKey } from '../app/identity.ts';
import { loadConfig } from '../config/load-config.ts';
import { type Command, UsageError } from './command.ts';

export const identityCommand: Command = {
  name: 'identity',
  summary: "Manage the identity server's keys: identity rotate-keys",
  help: `Usage: pnpm kredo identity rotate-keys

rotate-keys  Makes a new signing key (ES256) and cookie key current. The previous signing key stops
             signing but stays in the JWKS until every token it signed has expired (the longest token
             lifetime, plus a minute for running servers to notice), then it is deleted; the previous
             cookie key is accepted until the longest session has ended. Running identity servers pick
             the new keys up within a minute; no restart is needed.`,
  async run(args) {
    const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (positionals.join(' ') !== 'rotate-keys')
      throw new UsageError('expected: pnpm kredo identity rotate-keys');
    const config = loadConfig();
    const database = await openDatabase(config);
    try {
      const pool = new pg.Pool({ connectionString: database.url, max: 2 });
      try {
        await migrateIdentity(pool);
        const grace = keyGrace(DEFAULT_TTL);
        const rotation = await rotateKeys(pool, { masterKey: await identityMasterKey(config), ...grace });
        console.log(`New signing key: ${rotation.signingKid}.`);
        console.log(
          `The previous one stays published for ${Math.round(grace.signingGraceSeconds / 60)} minutes, until every token it signed has expired.`,
        );
        if (rotation.dropped.length > 0) console.log(`Deleted retired keys: ${rotation.dropped.join(', ')}.`);
      } finally {
        await pool.end();
      }
    } finally {
      await database.stop();
    }
    return 0;
  },
};
