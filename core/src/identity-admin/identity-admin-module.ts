import type { Queryable } from '@kredo/identity';
import { defineModule } from '../shared/kredo-module.ts';
import { apiClientRoutes } from './api-client-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { identitySweepJobs } from './sweep-task.ts';

/**
 * The identity server's admin side in core: a tenant's API clients and audit log through the API,
 * and the hourly sweep of identity's expired state. It calls `@kredo/identity`'s functions on
 * `identityDb` and never names identity's tables.
 */
export const identityAdminModule = defineModule({
  name: 'identity-admin',
  needs: ['identityDb'],
  routes: ({ identityDb }: { identityDb: Queryable }) => [
    ...apiClientRoutes(identityDb),
    ...auditRoutes(identityDb),
  ],
  jobs: ({ identityDb }: { identityDb: Queryable }) => identitySweepJobs(identityDb),
});
