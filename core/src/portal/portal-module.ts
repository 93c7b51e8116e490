import { defineModule } from '../shared/kredo-module.ts';
import { portalPreflightRoute } from './portal-cors.ts';
import { portalRoutes } from './portal-routes.ts';
import { portalScriptRoutes } from './portal-script-routes.ts';
import { portalSessionRoutes } from './portal-session-routes.ts';
import { portalTokenKey } from './portal-token.ts';

/**
 * The debtor portal's API: sessions a tenant's backend mints for one debtor, and the routes
 * `<kredo-portal>` calls with them. The session tokens' verifier is composed into the app's
 * (app/kredo-app.ts, by the token's `typ`), as no module adds an authentication of its own. It also
 * serves the widget's script itself (`/portal/kredo-portal.js`, built in portal/).
 */
export const portalModule = defineModule({
  name: 'portal',
  needs: ['secretsKey'],
  routes: ({ secretsKey }: { secretsKey: Buffer }) => [
    ...portalSessionRoutes({ tokenKey: portalTokenKey(secretsKey) }),
    ...portalRoutes,
    portalPreflightRoute,
    ...portalScriptRoutes(),
  ],
});
