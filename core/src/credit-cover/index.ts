export { creditCoverModule } from './credit-cover-module.ts';
export { creditCoverRoutes } from './credit-cover-routes.ts';
