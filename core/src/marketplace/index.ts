export { CORE_VERSION } from './core-version.ts';
export { installationRoutes } from './installation-routes.ts';
export { marketplaceRoutes } from './marketplace-routes.ts';
export { SecretBox } from './secret-box.ts';
export { secretsKey } from './secrets-key.ts';
