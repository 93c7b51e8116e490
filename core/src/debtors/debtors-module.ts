import { defineModule } from '../shared/kredo-module.ts';
import { debtorRoutes } from './debtor-routes.ts';

/** Debtors with their contacts, groups and risk. */
export const debtorsModule = defineModule({ name: 'debtors', needs: [], routes: () => debtorRoutes });
