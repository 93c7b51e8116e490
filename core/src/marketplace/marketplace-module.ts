import { defineModule } from '../shared/kredo-module.ts';
import { installationRoutes } from './installation-routes.ts';
import { marketplaceRoutes } from './marketplace-routes.ts';
import { SecretBox } from './secret-box.ts';

/** The catalogue of signed plugin versions and each tenant's installations. */
export const marketplaceModule = defineModule({
  name: 'marketplace',
  needs: ['secretsKey'],
  routes: ({ secretsKey }: { secretsKey: Buffer }) => [
    ...marketplaceRoutes(),
    ...installationRoutes(new SecretBox(secretsKey)),
  ],
});
