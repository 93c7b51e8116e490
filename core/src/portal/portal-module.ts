import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { confirmationJobs } from './confirmation-jobs.ts';
import { confirmationTemplateRoutes } from './confirmation-template-routes.ts';
import { portalPreflightRoute } from './portal-cors.ts';
import { portalRoutes } from './portal-routes.ts';
import { portalScriptRoutes } from './portal-script-routes.ts';
import { portalSessionRoutes } from './portal-session-routes.ts';
import { portalTokenKey } from './portal-token.ts';

type PortalDeps = { secretsKey: Buffer; orm: Orm; config: Config };

/**
 * The debtor portal's API: sessions a tenant's backend mints for one debtor, and the routes
 * `<kredo-portal>` calls with them. The session tokens' verifier is composed into the app's
 * (app/kredo-app.ts, by the token's `typ`), as no module adds an authentication of its own. It also
 * serves the widget's script itself (`/portal/kredo-portal.js`, built in portal/), and e-mails the
 * debtor a confirmation of each action (confirmation-jobs.ts).
 */
export const portalModule = defineModule({
  name: 'portal',
  needs: ['secretsKey', 'orm', 'config'],
  routes: ({ secretsKey }: PortalDeps) => [
    ...portalSessionRoutes({ tokenKey: portalTokenKey(secretsKey) }),
    ...portalRoutes,
    portalPreflightRoute,
    ...portalScriptRoutes(),
    ...confirmationTemplateRoutes,
  ],
  jobs: (deps: PortalDeps) => confirmationJobs(deps),
});
