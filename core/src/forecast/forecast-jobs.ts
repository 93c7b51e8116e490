import type { Orm } from '../db/orm.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { snapshotAllForecasts } from './forecast-snapshot.ts';

export const SNAPSHOT_TASK = 'snapshot_forecasts';

/**
 * Today's forecast kept for every administration, hourly at minute 20: each administration's day
 * starts at its own midnight, and the first run after it keeps that day's forecast (later runs find it
 * kept and write nothing); an hour the worker was down is caught up by the next.
 */
export function forecastJobs(deps: { orm: Orm }) {
  return scheduledTask(SNAPSHOT_TASK, '20 * * * *', () => snapshotAllForecasts(deps.orm));
}
