export { invoiceCopyRoutes } from './invoice-copy-routes.ts';
