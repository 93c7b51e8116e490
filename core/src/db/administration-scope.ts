import { AsyncLocalStorage } from 'node:async_hooks';
import { textArrayLiteral } from '../shared/text-array.ts';

/**
 * The administrations a request may reach, when its token names them (a staff member given access to
 * some of the tenant's administrations only). Row-level security applies it: every table with an
 * `administration_id` carries a restrictive policy on this setting (migration AdministrationAccess),
 * so a route that forgets to filter still shows nothing of another administration.
 */
export const ADMINISTRATIONS_SETTING = 'kredo.administrations';

const scope = new AsyncLocalStorage<readonly string[]>();

/**
 * Runs `work` with the database sessions it opens limited to `administrations` (tenant-scope.ts reads
 * it when it sets the tenant). Undefined: the whole tenant, as for an API client or a job.
 */
export function withAdministrations<T>(administrations: readonly string[] | undefined, work: () => T): T {
  return administrations === undefined ? scope.exit(work) : scope.run(administrations, work);
}

/**
 * Runs `work` outside any request's limits: for what a request merely happens to start but that
 * lives on and serves others (a plugin worker process and its message handlers).
 */
export function outsideAdministrationScope<T>(work: () => T): T {
  return scope.exit(work);
}

/** The limit in force here; undefined: none. */
export function currentAdministrations(): readonly string[] | undefined {
  return scope.getStore();
}

/**
 * The setting's value: empty for the whole tenant, else a PostgreSQL text[] literal (`{}` reaches
 * nothing). The policy reads it with a CASE, so the empty value is never cast.
 */
export function administrationsSettingValue(administrations: readonly string[] | undefined): string {
  return administrations === undefined ? '' : textArrayLiteral(administrations);
}
