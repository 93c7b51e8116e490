import type { JobHelpers } from 'graphile-worker';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { identitySweepJobs, SWEEP_IDENTITY_TASK } from './sweep-task.ts';

const db = await createTestDatabase();
const identityDb = new pg.Pool({ connectionString: db.url, max: 1 });
afterAll(() => identityDb.end());

describe('the identity sweep job', () => {
  it("runs hourly and deletes the identity server's expired state, nothing else", async () => {
    // Rows as oidc-provider's adapter writes them: an expired session, a live one, one with no expiry.
    await identityDb.query(
      `insert into identity.payload (model, id, payload, expires_at) values
         ('Session', 'gone', '{}', now() - interval '1 minute'),
         ('Session', 'live', '{}', now() + interval '1 hour'),
         ('Grant', 'forever', '{}', null)`,
    );
    const jobs = identitySweepJobs(identityDb);
    expect(jobs.cron).toEqual([{ schedule: '50 * * * *', task: SWEEP_IDENTITY_TASK }]);
    const task = jobs.tasks[SWEEP_IDENTITY_TASK];
    await task?.({}, {} as JobHelpers);

    const { rows } = await identityDb.query<{ id: string }>('select id from identity.payload order by id');
    expect(rows.map((row) => row.id)).toEqual(['forever', 'live']);
  });
});
