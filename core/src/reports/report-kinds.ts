import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgeingQuery } from '../insight/index.ts';
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
  build(em: EntityManager, query: Record<string, unknown>): Promise<Report>;
}

const ageingKind: ReportKind = {
  kind: 'ageing',
  description: 'Ageing of open receivables per currency: buckets, totals and a chart per currency',
  query: { ...scopeQuery, asOf: isoDate, edges: edgesQuery },
  build: (em, query) => {
    const { edges, ...rest } = query as Omit<AgeingQuery, 'edges'> & { edges?: string };
    return ageingReport(em, { ...rest, edges: parseEdges(edges) });
  },
};

/** Every report kind, by name: the routes, the CLI and the schedules offer these. */
export const REPORT_KINDS: Readonly<Record<string, ReportKind>> = {
  ageing: ageingKind,
};
