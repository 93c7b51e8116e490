export { tenantsModule } from './tenants-module.ts';
