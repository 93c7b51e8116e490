export { tenantNames } from './tenant-service.ts';
export { tenantsModule } from './tenants-module.ts';
