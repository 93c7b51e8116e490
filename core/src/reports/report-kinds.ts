import type { EntityManager } from '@mikro-orm/postgresql';
import { type AgeingQuery, ageingBuckets } from '../insight/index.ts';
import { edgesQuery, parseEdges, scopeQuery } from '../insight/insight-schemas.ts';
import type { Schema } from '../shared/joi.ts';
import { isoDate } from '../shared/schemas.ts';
import { ageingReport } from './ageing-report.ts';
import type { Report } from './report-model.ts';

/**
 * One kind of report: the query it takes (joi keys, checked by the route, the CLI and a schedule
 * alike) and how it is built from that query under the caller's tenant.
 */
export interface ReportKind {
  kind: string;
  description: string;
  query: Record<string, Schema>;
  /** Its tables' names, in order: a CSV holds one of them (`table`). */
  tables: readonly string[];
  /** Checks beyond the query's joi keys (a bucket edge above the one before), 400 naming `prefix` + the field. */
  check?(query: Record<string, unknown>, prefix: string): void;
  build(em: EntityManager, query: Record<string, unknown>): Promise<Report>;
}

const ageingKind: ReportKind = {
  kind: 'ageing',
  description: 'Ageing of open receivables per currency: buckets, totals and a chart per currency',
  query: { ...scopeQuery, asOf: isoDate, edges: edgesQuery },
  tables: ['ageing', 'totals'],
  check: (query, prefix) => {
    const edges = parseEdges(query.edges as string | undefined);
    if (edges) ageingBuckets(edges, `${prefix}edges`);
  },
  build: (em, query) => {
    const { edges, ...rest } = query as Omit<AgeingQuery, 'edges'> & { edges?: string };
    return ageingReport(em, { ...rest, edges: parseEdges(edges) });
  },
};

/** Every report kind, by name: the routes, the CLI and the schedules offer these. */
export const REPORT_KINDS: Readonly<Record<string, ReportKind>> = {
  ageing: ageingKind,
};
