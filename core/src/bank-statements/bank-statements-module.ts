import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { bankAccountRoutes } from './bank-account-routes.ts';
import { matchingJobs, reconciliationRoutes } from './matching/index.ts';
import { statementRoutes } from './statement-routes.ts';

type BankStatementsDeps = { orm: Orm; config: Pick<Config, 'importMaxBytes' | 'bankMatchInlineMax'> };

/**
 * Bank statements (CAMT.053, MT940): the accounts they belong to, their import, their entries, and
 * the matching of their credits to invoices with the reconciliation queue (matching/), whose job
 * matches large imports and heals a crash between an import's commit and its matching.
 */
export const bankStatementsModule = defineModule({
  name: 'bank-statements',
  needs: ['config', 'orm'],
  routes: ({ config }: BankStatementsDeps) => [
    ...statementRoutes(config),
    ...bankAccountRoutes,
    ...reconciliationRoutes,
  ],
  jobs: ({ orm }: BankStatementsDeps) => matchingJobs({ orm }),
});
