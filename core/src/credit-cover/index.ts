export { creditCoverRoutes } from './credit-cover-routes.ts';
