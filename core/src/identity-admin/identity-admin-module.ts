import type { Queryable } from '@kredo/identity';
import type pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { createMailer } from '../mail/mailer.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { apiClientRoutes } from './api-client-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { partnerRoutes } from './partner-routes.ts';
import { publisherClientRoutes } from './publisher-client-routes.ts';
import { identitySweepJobs } from './sweep-task.ts';
import { userRoutes } from './user-routes.ts';

/**
 * The identity server's admin side in core: a tenant's API clients, users (invitations mailed with
 * core's mailer) and audit log through the API, a publisher's partners and API clients,
 * and the hourly sweep of identity's expired state. It calls `@kredo/identity`'s functions on
 * `identityDb` and never names identity's tables.
 */
export const identityAdminModule = defineModule({
  name: 'identity-admin',
  needs: ['identityDb', 'config'],
  routes: ({ identityDb, config }: { identityDb: pg.Pool; config: Config }) => {
    const mail = { mailer: createMailer(config), identityUrl: config.identityPublicUrl };
    return [
      ...apiClientRoutes(identityDb),
      ...auditRoutes(identityDb),
      ...userRoutes({ identityDb, ...mail }),
      ...partnerRoutes({ identityDb, ...mail }),
      ...publisherClientRoutes(identityDb),
    ];
  },
  jobs: ({ identityDb }: { identityDb: Queryable }) => identitySweepJobs(identityDb),
});
