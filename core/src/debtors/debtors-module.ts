import type { Queryable } from '@kredo/identity';
import { withStaffCheck } from '../identity-admin/index.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { debtorRoutes } from './debtor-routes.ts';

/** Debtors with their contacts, groups and risk. A collector set through the API is one of the tenant's users. */
export const debtorsModule = defineModule({
  name: 'debtors',
  needs: ['identityDb'],
  routes: ({ identityDb }: { identityDb: Queryable }) =>
    withStaffCheck(debtorRoutes, identityDb, { createDebtor: ['collector'], updateDebtor: ['collector'] }),
});
