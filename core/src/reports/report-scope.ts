import type { EntityManager } from '@mikro-orm/postgresql';
import { BUSINESS_DATES_SQL, getAdministration } from '../administrations/index.ts';
import type { Ageing, InsightScope } from '../insight/index.ts';
import type { ReportParameter } from './report-model.ts';

/**
 * The scope a report covers as its reader sees it: the administration by name and code (an unknown
 * one is a 404 before anything is computed), the other filters as given.
 */
export async function scopeParameters(em: EntityManager, scope: InsightScope): Promise<ReportParameter[]> {
  const parameters: ReportParameter[] = [];
  if (scope.administrationId) {
    const administration = await getAdministration(em, scope.administrationId);
    parameters.push({ label: 'Administration', value: `${administration.name} (${administration.code})` });
  } else {
    parameters.push({ label: 'Administration', value: 'all' });
  }
  if (scope.segmentId) parameters.push({ label: 'Segment', value: scope.segmentId });
  if (scope.collector) parameters.push({ label: 'Collector', value: scope.collector });
  if (scope.debtorId) parameters.push({ label: 'Debtor', value: scope.debtorId });
  return parameters;
}

/**
 * The date a report is as of: the one asked for, else the administration's business date, else the
 * latest business date of the tenant's administrations (they differ only across time zones).
 */
export async function reportDate(em: EntityManager, scope: InsightScope, asOf?: string): Promise<string> {
  if (asOf) return asOf;
  const [row] = await em.execute<{ today: string | null }[]>(
    `select to_char(max(b.today), 'YYYY-MM-DD') as today from ${BUSINESS_DATES_SQL} b
     where ?::text is null or b.administration_id = ?`,
    [scope.administrationId ?? null, scope.administrationId ?? null],
  );
  return row?.today ?? new Date().toISOString().slice(0, 10);
}

/** What the report did with currencies: nothing added, or converted at the rates it names. */
export function currencyNote(conversion: Ageing['conversion']): string {
  if (!conversion) return 'Amounts per currency: currencies are never added together.';
  const rates = conversion.rates.map(
    (r) => `1 ${r.currency} = ${r.rate} ${conversion.to} (from ${r.validFrom})`,
  );
  return `Amounts converted into ${conversion.to} at the tenant's rates on ${conversion.on}${rates.length ? `: ${rates.join('; ')}` : ''}.`;
}
