import type { EntityManager } from '@mikro-orm/postgresql';
import { invalid } from '../shared/errors.ts';
import type { Ageing } from './ageing.ts';
import { daysIn } from './kpi-ledger.ts';
import type { Kpis } from './kpis.ts';
import type { SnapshotGroup } from './take-snapshot.ts';

export interface SeriesQuery {
  from: string;
  to: string;
  groupBy: SnapshotGroup;
  administrationId?: string;
  /** One group's key (a segment's id, a collector's subject); none: every group. */
  groupKey?: string;
}

/** One day's figures of one group, as the snapshot kept them. */
export interface SeriesPoint {
  day: string;
  administrationId: string;
  groupKey: string;
  /** Taken later than the day after `day` (insight.md, Snapshots). */
  rebuilt: boolean;
  kpis: Kpis;
  ageing: Ageing;
}

export interface Series {
  from: string;
  to: string;
  groupBy: SnapshotGroup;
  points: SeriesPoint[];
  /** Days between each administration's first and latest snapshot that have none: missed, too old to catch up. */
  missing: { administrationId: string; day: string }[];
}

/** The longest series one call answers. */
const MAX_DAYS = 366;

/** The daily snapshots of the period, by day, administration and group. */
export async function snapshotSeries(em: EntityManager, query: SeriesQuery): Promise<Series> {
  if (query.from > query.to) throw invalid('from', 'must not be after to');
  if (daysIn(query) > MAX_DAYS) throw invalid('from', `a series may cover at most ${MAX_DAYS} days`);
  const administration = query.administrationId ?? null;
  const rows = await em.execute<
    {
      day: string;
      administration_id: string;
      group_key: string;
      rebuilt: boolean;
      kpis: Kpis;
      ageing: Ageing;
    }[]
  >(
    `select to_char(s.day, 'YYYY-MM-DD') as day, s.administration_id, s.group_key, d.rebuilt, s.kpis, s.ageing
     from insight_snapshot s join insight_snapshot_day d using (tenant_id, administration_id, day)
     where s.group_by = ? and s.day between ?::date and ?::date
       and (?::text is null or s.administration_id = ?) and (?::text is null or s.group_key = ?)
     order by s.day, s.administration_id, s.group_key`,
    [
      query.groupBy,
      query.from,
      query.to,
      administration,
      administration,
      query.groupKey ?? null,
      query.groupKey ?? null,
    ],
  );
  const missing = await em.execute<{ administration_id: string; day: string }[]>(
    `select t.administration_id, to_char(g.day, 'YYYY-MM-DD') as day
     from (select administration_id, min(day) as first, max(day) as last from insight_snapshot_day
           where ?::text is null or administration_id = ? group by administration_id) t
     cross join lateral generate_series(greatest(?::date, t.first), least(?::date, t.last), interval '1 day') as g (day)
     where not exists (select 1 from insight_snapshot_day d where d.administration_id = t.administration_id and d.day = g.day)
     order by g.day, t.administration_id`,
    [administration, administration, query.from, query.to],
  );
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    points: rows.map((r) => ({
      day: r.day,
      administrationId: r.administration_id,
      groupKey: r.group_key,
      rebuilt: r.rebuilt,
      kpis: r.kpis,
      ageing: r.ageing,
    })),
    missing: missing.map((m) => ({ administrationId: m.administration_id, day: m.day })),
  };
}
