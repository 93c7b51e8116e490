import type { Queryable } from '@kredo/identity';
import type pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { createMailer } from '../mail/mailer.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { apiClientRoutes } from './api-client-routes.ts';
import { applicationRoutes } from './application-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { identityMasterKey } from './identity-master-key.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { partnerRoutes } from './partner-routes.ts';
import { publisherClientRoutes } from './publisher-client-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { ssoRoutes } from './sso-routes.ts';
import { identitySweepJobs } from './sweep-task.ts';
import { userRoutes } from './user-routes.ts';

/**
 * The identity server's admin side in core: a tenant's API clients, third-party applications, users
 * (invitations mailed with core's mailer), upstream SSO and audit log through the API, a publisher's
 * partners and API clients,
 * and the hourly sweep of identity's expired state. It calls `@kredo/identity`'s functions on
 * `identityDb` and never names identity's tables.
 */
export const identityAdminModule = defineModule({
  name: 'identity-admin',
  needs: ['identityDb', 'config'],
  routes: ({ identityDb, config }: { identityDb: pg.Pool; config: Config }) => {
    const mail = { identityDb, mailer: createMailer(config), identityUrl: config.identityPublicUrl };
    return [
      ...apiClientRoutes(identityDb),
      ...applicationRoutes(identityDb),
      ...auditRoutes(identityDb),
      ...sessionRoutes(identityDb),
      ...userRoutes(mail),
      ...invitationRoutes(mail),
      ...partnerRoutes(mail),
      ...publisherClientRoutes(identityDb),
      ...ssoRoutes({
        identityDb,
        masterKey: () => identityMasterKey(config),
        identityUrl: config.identityPublicUrl,
        dnsServers: config.dnsServers,
      }),
    ];
  },
  jobs: ({ identityDb }: { identityDb: Queryable }) => identitySweepJobs(identityDb),
});
