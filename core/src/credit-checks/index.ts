export { creditCheckRoutes } from './credit-check-routes.ts';
export { creditChecksModule } from './credit-checks-module.ts';
