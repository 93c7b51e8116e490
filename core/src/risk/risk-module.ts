import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { riskJobs } from './risk-jobs.ts';
import { riskRoutes } from './risk-routes.ts';

/** Debtor risk Kredo computes itself: payment behaviour, its score and credit-limit use. */
export const riskModule = defineModule({
  name: 'risk',
  needs: ['orm'],
  routes: () => riskRoutes,
  jobs: ({ orm }: { orm: Orm }) => riskJobs({ orm }),
});
