export { invoiceCopiesModule } from './invoice-copies-module.ts';
export { invoiceCopyRoutes } from './invoice-copy-routes.ts';
export { portalCopyRoute } from './portal-copy-route.ts';
