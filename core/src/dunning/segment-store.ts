import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { invalid } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Segment, SegmentConditions } from './segment-rules.ts';

export interface SegmentInput {
  /** An existing segment keeps its id (and the reasons that name it); none: a new segment. */
  id?: string;
  name: string;
  /** None: the segment matches every debtor. */
  conditions?: SegmentConditions;
  strategyId: string;
}

/** An administration's segments, first tried first. */
export async function listSegments(em: EntityManager, administrationId: string): Promise<Segment[]> {
  const rows = await em.execute<
    { id: string; name: string; position: number; conditions: SegmentConditions; strategy_id: string }[]
  >(
    'select id, name, position, conditions, strategy_id from dunning_segment where administration_id = ? order by position',
    [administrationId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: r.conditions,
    strategyId: r.strategy_id,
  }));
}

/**
 * Replaces an administration's ordered segments with `segments` (positions 1..n in the order given),
 * in the caller's transaction: segments left out are deleted, those given with an id are changed in
 * place. Each must choose a live strategy of the same administration (400 naming `segments[i]…`).
 */
export async function replaceSegments(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  segments: readonly SegmentInput[],
): Promise<Segment[]> {
  await getAdministration(em, administrationId);
  const strategies = await em.execute<{ id: string }[]>(
    'select id from dunning_strategy where administration_id = ? and archived_at is null',
    [administrationId],
  );
  const live = new Set(strategies.map((s) => s.id));
  const existing = new Set((await listSegments(em, administrationId)).map((s) => s.id));
  for (const [i, segment] of segments.entries()) {
    if (!live.has(segment.strategyId)) {
      throw invalid(`segments[${i}].strategyId`, 'not a live strategy of this administration');
    }
    if (segment.id && !existing.has(segment.id)) {
      throw invalid(`segments[${i}].id`, 'not a segment of this administration');
    }
  }
  const kept = segments.flatMap((s) => (s.id ? [s.id] : []));
  if (new Set(kept).size !== kept.length) throw invalid('segments', 'a segment id is given twice');
  await em.execute(`delete from dunning_segment where administration_id = ? and not (id = any(?::text[]))`, [
    administrationId,
    `{${kept.join(',')}}`,
  ]);
  for (const [i, segment] of segments.entries()) {
    await em.execute(
      `insert into dunning_segment (tenant_id, id, administration_id, position, name, conditions, strategy_id)
       values (?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (tenant_id, id) do update set position = excluded.position, name = excluded.name,
         conditions = excluded.conditions, strategy_id = excluded.strategy_id, updated_at = now()`,
      [
        tenantId,
        segment.id ?? newId('segment'),
        administrationId,
        i + 1,
        segment.name,
        JSON.stringify(segment.conditions ?? {}),
        segment.strategyId,
      ],
    );
  }
  // The schedule runs administrations with settings: segments alone make one worth running.
  await em.execute(
    'insert into dunning_settings (tenant_id, administration_id) values (?, ?) on conflict do nothing',
    [tenantId, administrationId],
  );
  return listSegments(em, administrationId);
}
