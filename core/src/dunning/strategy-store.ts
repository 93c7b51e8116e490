import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { checkStrategy } from './strategy-check.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

export interface StrategyRow {
  id: string;
  administrationId: string;
  name: string;
  currentVersion: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  definition: StrategyDefinition;
}

export interface StrategyVersionRow {
  version: number;
  createdBy: string | null;
  createdAt: Date;
}

interface Columns {
  id: string;
  administration_id: string;
  name: string;
  current_version: number;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  definition: StrategyDefinition;
}

const SELECT = `select s.id, s.administration_id, s.name, s.current_version, s.archived_at, s.created_at, s.updated_at,
    v.definition
  from dunning_strategy s
  join dunning_strategy_version v on v.strategy_id = s.id and v.version = s.current_version`;

const fromColumns = (c: Columns): StrategyRow => ({
  id: c.id,
  administrationId: c.administration_id,
  name: c.name,
  currentVersion: c.current_version,
  archivedAt: c.archived_at ? new Date(c.archived_at) : null,
  createdAt: new Date(c.created_at),
  updatedAt: new Date(c.updated_at),
  definition: c.definition,
});

/** Saves a new strategy as version 1, after its rules hold (400 naming step and field otherwise). */
export async function createStrategy(
  em: EntityManager,
  tenantId: string,
  input: { administrationId: string; name: string; definition: StrategyDefinition },
  createdBy: string,
): Promise<StrategyRow> {
  await checkStrategy(input.definition);
  await getAdministration(em, input.administrationId);
  await assertNameFree(em, input.administrationId, input.name);
  const id = newId('strategy');
  await em.execute(
    `insert into dunning_strategy (tenant_id, id, administration_id, name, current_version) values (?, ?, ?, ?, 1)`,
    [tenantId, id, input.administrationId, input.name],
  );
  await em.execute(
    `insert into dunning_strategy_version (tenant_id, strategy_id, version, definition, created_by)
     values (?, ?, 1, ?::jsonb, ?)`,
    [tenantId, id, JSON.stringify(input.definition), createdBy],
  );
  return readStrategy(em, id);
}

/**
 * Publishes version n+1 of a strategy (and its new name, if given), in the caller's transaction. The
 * strategy row is locked first, so two edits at once make versions n+1 and n+2, never two n+1.
 */
export async function updateStrategy(
  em: EntityManager,
  tenantId: string,
  id: string,
  input: { name?: string; definition: StrategyDefinition },
  createdBy: string,
): Promise<StrategyRow> {
  await checkStrategy(input.definition);
  const [locked] = await em.execute<{ administration_id: string; current_version: number; name: string }[]>(
    'select administration_id, current_version, name from dunning_strategy where id = ? and archived_at is null for update',
    [id],
  );
  if (!locked) throw notFound('Strategy', id);
  if (input.name && input.name !== locked.name)
    await assertNameFree(em, locked.administration_id, input.name);
  const version = locked.current_version + 1;
  await em.execute(
    `insert into dunning_strategy_version (tenant_id, strategy_id, version, definition, created_by)
     values (?, ?, ?, ?::jsonb, ?)`,
    [tenantId, id, version, JSON.stringify(input.definition), createdBy],
  );
  await em.execute(
    'update dunning_strategy set current_version = ?, name = coalesce(?, name), updated_at = now() where id = ?',
    [version, input.name ?? null, id],
  );
  return readStrategy(em, id);
}

async function assertNameFree(em: EntityManager, administrationId: string, name: string): Promise<void> {
  const [taken] = await em.execute(
    'select 1 from dunning_strategy where administration_id = ? and name = ?',
    [administrationId, name],
  );
  if (taken)
    throw conflict('strategy_exists', `A strategy named "${name}" exists in this administration`, { name });
}

export async function readStrategy(em: EntityManager, id: string): Promise<StrategyRow> {
  const [row] = await em.execute<Columns[]>(`${SELECT} where s.id = ?`, [id]);
  if (!row) throw notFound('Strategy', id);
  return fromColumns(row);
}

/** Every version of a strategy, newest first. */
export async function strategyVersions(em: EntityManager, id: string): Promise<StrategyVersionRow[]> {
  const rows = await em.execute<{ version: number; created_by: string | null; created_at: Date }[]>(
    'select version, created_by, created_at from dunning_strategy_version where strategy_id = ? order by version desc',
    [id],
  );
  return rows.map((r) => ({
    version: r.version,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  }));
}

/** One version's definition, e.g. the one an action was made under. */
export async function strategyVersion(
  em: EntityManager,
  id: string,
  version: number,
): Promise<StrategyDefinition> {
  const [row] = await em.execute<{ definition: StrategyDefinition }[]>(
    'select definition from dunning_strategy_version where strategy_id = ? and version = ?',
    [id, version],
  );
  if (!row) throw notFound('Strategy', `${id} v${version}`);
  return row.definition;
}

export async function listStrategies(
  em: EntityManager,
  filter: { administrationId?: string; archived: boolean; after?: string; limit: number },
): Promise<StrategyRow[]> {
  const where = [filter.archived ? 'true' : 's.archived_at is null'];
  const params: unknown[] = [];
  if (filter.administrationId) {
    where.push('s.administration_id = ?');
    params.push(filter.administrationId);
  }
  if (filter.after) {
    where.push('s.id > ?');
    params.push(filter.after);
  }
  const rows = await em.execute<Columns[]>(`${SELECT} where ${where.join(' and ')} order by s.id limit ?`, [
    ...params,
    filter.limit + 1,
  ]);
  return rows.map(fromColumns);
}

/**
 * Archives a strategy: no new episode starts under it; parties in an episode under it go on. Refused
 * (409 strategy_in_use) while a segment or an administration's settings choose it.
 */
export async function archiveStrategy(em: EntityManager, id: string): Promise<void> {
  await readStrategy(em, id);
  const [used] = await em.execute<{ what: string }[]>(
    `select 'segment ' || name as what from dunning_segment where strategy_id = ?
     union all select 'the default strategy of its administration' from dunning_settings where default_strategy_id = ?
     limit 1`,
    [id, id],
  );
  if (used) throw conflict('strategy_in_use', `The strategy is in use: ${used.what} chooses it`);
  await em.execute(
    'update dunning_strategy set archived_at = now(), updated_at = now() where id = ? and archived_at is null',
    [id],
  );
}
