import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { idempotencyPurgeJobs } from './idempotency-purge.ts';

/** The HTTP machinery's own job: the hourly purge of old Idempotency-Keys. */
export const httpModule = defineModule({
  name: 'http',
  needs: ['orm', 'config'],
  jobs: ({ orm, config }: { orm: Orm; config: Pick<Config, 'idempotencyKeepHours'> }) =>
    idempotencyPurgeJobs(orm, config.idempotencyKeepHours),
});
