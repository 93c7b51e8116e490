import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { messageRoutes } from './message-routes.ts';

/** Text messages to debtors through the tenant's messaging plugin. */
export const messagesModule = defineModule({
  name: 'messages',
  needs: ['orm', 'runtime'],
  routes: (deps: CapabilityDeps) => messageRoutes(deps),
});
