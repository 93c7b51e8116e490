import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { invoiceRoutes } from './invoice-routes.ts';
import { overdueJobs } from './overdue-task.ts';

/** Invoices and credit notes, and the hourly `invoice.overdue` announcement. */
export const invoicesModule = defineModule({
  name: 'invoices',
  needs: ['orm'],
  routes: () => invoiceRoutes,
  jobs: ({ orm }: { orm: Orm }) => overdueJobs(orm),
});
