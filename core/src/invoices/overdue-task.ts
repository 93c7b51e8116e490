import type { Orm } from '../db/orm.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { recordOverdueInvoices } from './invoice-overdue.ts';

export const OVERDUE_TASK = 'announce_overdue_invoices';

/**
 * The cron task behind `invoice.overdue`: every tenant in turn, each in its own transaction under
 * row-level security (the worker's owner connection never reads tenant rows itself). Repeating it,
 * or running it on two workers at once, announces nothing twice: see recordOverdueInvoices.
 */
export async function announceOverdueInvoices(orm: Orm): Promise<number> {
  const counts = await forEachTenant(orm, (tenant) => tenant.transaction(recordOverdueInvoices));
  return counts.reduce((total, count) => total + count, 0);
}

/** Hourly: an invoice's due date passes at midnight in its administration's time zone, whichever that is. */
export function overdueJobs(orm: Orm): ModuleJobs {
  return scheduledTask(OVERDUE_TASK, '0 * * * *', () => announceOverdueInvoices(orm));
}
