export { creditCheckRoutes } from './credit-check-routes.ts';
