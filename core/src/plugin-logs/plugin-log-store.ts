import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';
import { checkInstallation, installationExistsSql } from '../marketplace/installation-sql.ts';
import type { PluginLogLevel } from '../plugin-host/index.ts';
import { invalid } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

export const LOG_LEVELS: readonly PluginLogLevel[] = ['debug', 'info', 'warn', 'error'];

/** One line to store: the plugin's own text, or (with `dropped`) the marker for lines over the limit. */
export interface PluginLogLine {
  installationId: string;
  level: PluginLogLevel;
  message: string;
  hook: string | null;
  dropped?: number;
}

/**
 * Stores a line under the tenant's row-level security (`client` is scoped by `withTenantClient`).
 * Only while the installation exists: a line arriving after uninstall would be an orphan no one reads.
 */
export async function insertLine(client: PoolClient, line: PluginLogLine): Promise<void> {
  await client.query(
    `insert into plugin_log (tenant_id, installation_id, level, message, hook, dropped)
     select current_setting('kredo.tenant_id'), $1, $2, $3, $4, $5 where ${installationExistsSql('$1')}`,
    [line.installationId, line.level, line.message, line.hook, line.dropped ?? null],
  );
}

/** Deletes all but the newest `keep` lines of an installation: one index range below the keep-th id. */
export async function pruneLines(client: PoolClient, installationId: string, keep: number): Promise<void> {
  await client.query(
    `delete from plugin_log where installation_id = $1 and id < (
       select id from plugin_log where installation_id = $1 order by id desc offset $2 limit 1)`,
    [installationId, keep - 1],
  );
}

/** Uninstalling deletes the installation's log with it. */
export async function purgePluginLogs(em: EntityManager, installationId: string): Promise<void> {
  await em.execute('delete from plugin_log where installation_id = ?', [installationId]);
}

export interface PluginLogFilter {
  /** The least severe level listed. */
  level?: PluginLogLevel;
  /** Id of the last line seen (cursor). */
  before?: string;
  limit: number;
}

interface LogColumns {
  id: string;
  level: PluginLogLevel;
  message: string;
  hook: string | null;
  dropped: number | null;
  created_at: string | Date;
}

/** A log line as the API answers it: what `presentLine` builds. */
export const logLineView = named(
  'PluginLogLine',
  Joi.object({
    id: Joi.string().required(),
    level: Joi.string()
      .valid(...LOG_LEVELS)
      .required(),
    message: Joi.string().allow('').required(),
    hook: Joi.string().allow(null).required().description('The hook that wrote it'),
    dropped: Joi.number()
      .integer()
      .allow(null)
      .required()
      .description('On the marker line: how many lines over the rate limit were dropped'),
    createdAt: instant.required(),
  }),
);

function presentLine(row: LogColumns) {
  return {
    id: row.id,
    level: row.level,
    message: row.message,
    hook: row.hook,
    dropped: row.dropped,
    createdAt: new Date(row.created_at),
  };
}

/** One page of an installation's log, newest first; another tenant's installation is not found. */
export async function listPluginLogs(em: EntityManager, installationId: string, filter: PluginLogFilter) {
  await checkInstallation(em, installationId);
  const params: unknown[] = [installationId];
  let where = 'installation_id = ?';
  if (filter.level) {
    where += ' and level in (?)';
    params.push(LOG_LEVELS.slice(LOG_LEVELS.indexOf(filter.level)));
  }
  if (filter.before !== undefined) {
    if (!/^\d{1,18}$/.test(filter.before)) throw invalid('cursor', 'not a cursor returned by this API');
    where += ' and id < ?';
    params.push(filter.before);
  }
  params.push(filter.limit + 1);
  const rows = await em.execute<LogColumns[]>(
    // Ordered by the bigint column, not the text `id` the select hands out.
    `select id::text as id, level, message, hook, dropped, created_at from plugin_log
     where ${where} order by plugin_log.id desc limit ?`,
    params,
  );
  return rows.map(presentLine);
}
