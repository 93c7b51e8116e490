import type { CurrencyKpis } from '../insight/index.ts';
import type { Cell, ColumnType } from './report-model.ts';

/** The KPI figures of one currency that the KPI report and the KPI series report both hold, in order. */
export const KPI_FIGURE_COLUMNS = [
  ['dso', 'decimal'],
  ['count_back_dso', 'decimal'],
  ['best_possible_dso', 'decimal'],
  ['average_days_delinquent', 'decimal'],
  ['cei', 'percent'],
  ['overdue_share', 'percent'],
] as const satisfies readonly (readonly [string, ColumnType])[];

type KpiFigure = (typeof KPI_FIGURE_COLUMNS)[number][0];

/** A row's cells of those figures: days and percentages as insight computed them (null: none). */
export function kpiFigures(k: CurrencyKpis): Record<KpiFigure, Cell> {
  return {
    dso: k.dso,
    count_back_dso: k.countBackDso,
    best_possible_dso: k.bestPossibleDso,
    average_days_delinquent: k.averageDaysDelinquent,
    cei: k.cei,
    overdue_share: k.overdueShare,
  };
}
