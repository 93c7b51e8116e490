import type { Config } from '../config/load-config.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { bankAccountRoutes } from './bank-account-routes.ts';
import { reconciliationRoutes } from './matching/index.ts';
import { statementRoutes } from './statement-routes.ts';

/**
 * Bank statements (CAMT.053, MT940): the accounts they belong to, their import, their entries, and
 * the matching of their credits to invoices with the reconciliation queue (matching/).
 */
export const bankStatementsModule = defineModule({
  name: 'bank-statements',
  needs: ['config'],
  routes: ({ config }: { config: Pick<Config, 'importMaxBytes'> }) => [
    ...statementRoutes(config),
    ...bankAccountRoutes,
    ...reconciliationRoutes,
  ],
});
