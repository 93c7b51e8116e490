import { defineModule } from '../shared/kredo-module.ts';

/** Tenants: created by `kredo tenant create`; no routes or jobs yet. */
export const tenantsModule = defineModule({ name: 'tenants', needs: [] });
