import type { EntityManager } from '@mikro-orm/postgresql';
import { BUSINESS_DATES_SQL, getAdministration } from '../administrations/index.ts';
import type { Ageing, InsightScope } from '../insight/index.ts';
import type { ReportLocale } from './report-locale.ts';
import type { ReportParameter } from './report-model.ts';

/**
 * The scope a report covers as its reader sees it: the administration by name and code (an unknown
 * one is a 404 before anything is computed), the other filters as given.
 */
export async function scopeParameters(
  em: EntityManager,
  scope: InsightScope,
  { text }: ReportLocale,
): Promise<ReportParameter[]> {
  const labels = text.scope;
  const parameters: ReportParameter[] = [];
  if (scope.administrationId) {
    const administration = await getAdministration(em, scope.administrationId);
    parameters.push({
      label: labels.administration,
      value: `${administration.name} (${administration.code})`,
    });
  } else {
    parameters.push({ label: labels.administration, value: labels.all });
  }
  if (scope.segmentId) parameters.push({ label: labels.segment, value: scope.segmentId });
  if (scope.collector) parameters.push({ label: labels.collector, value: scope.collector });
  if (scope.debtorId) parameters.push({ label: labels.debtor, value: scope.debtorId });
  return parameters;
}

/** `1 Apr 2026 to 30 Jun 2026`, as the language writes a period. */
export function periodText({ text, format }: ReportLocale, from: string, to: string): string {
  return text.scope.range(format.date(from), format.date(to));
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
export function currencyNote(conversion: Ageing['conversion'], { text, format }: ReportLocale): string {
  if (!conversion) return text.scope.perCurrency;
  // A rate keeps all its digits: rounding it to a display's decimals would misstate it.
  const rates = conversion.rates.map((r) =>
    text.scope.rate(r.currency, String(r.rate), conversion.to, format.date(r.validFrom)),
  );
  return text.scope.converted(conversion.to, format.date(conversion.on), rates.join('; '));
}
