import { currencyDecimals } from '@kredo/sdk';
import { REPORT_LOCALES, type ReportLanguage } from './report-language.ts';
import { moneyDecimal } from './report-values.ts';

/** How a report in one language writes its figures for people (PDF cells, chart axes, headings). */
export interface ReportFormat {
  /** `1.234,50` (nl): grouped, the currency's own decimals, no symbol (the currency column says it). */
  amount(minor: number, currency: string): string;
  /** `41,3`: a number of days or another figure, to one decimal. */
  decimal(value: number): string;
  /** `12,5 %`: a number of percent (12.5 is 12.5 %). */
  percent(value: number): string;
  /** `18 dec 2026`: a business date (`YYYY-MM-DD`). */
  date(isoDate: string): string;
  /** `14 dec`: a day without its year, for a chart's categories. */
  dayMonth(isoDate: string): string;
}

/**
 * The language's formats by Intl. Amounts never pass through a float: the exact decimal is built
 * from the minor units and handed to Intl as a string (ECMA-402 formats decimal strings exactly).
 */
export function reportFormat(language: ReportLanguage): ReportFormat {
  const locale = REPORT_LOCALES[language];
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const amounts = new Map<number, Intl.NumberFormat>();
  const amountFormat = (decimals: number) => {
    let format = amounts.get(decimals);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      amounts.set(decimals, format);
    }
    return format;
  };
  const asDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
  return {
    amount: (minor, currency) =>
      amountFormat(currencyDecimals(currency)).format(moneyDecimal({ minor, currency }) as unknown as number),
    decimal: (value) => decimal.format(value),
    percent: (value) => percent.format(value / 100),
    date: (isoDate) => date.format(asDate(isoDate)),
    dayMonth: (isoDate) => dayMonth.format(asDate(isoDate)),
  };
}
