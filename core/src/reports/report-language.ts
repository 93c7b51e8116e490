import { Joi } from '../shared/joi.ts';
import { LANGUAGE_LOCALES, LANGUAGES } from '../shared/languages.ts';

/** The languages reports are written in: titles, headings, labels, mail, and Intl's number and date style. */
export const REPORT_LANGUAGES = LANGUAGES;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/**
 * A report without a language asked for (no `lang`, no Accept-Language naming one of ours, a schedule
 * made without one): neither a tenant nor an administration has one to inherit.
 */
export const DEFAULT_REPORT_LANGUAGE: ReportLanguage = 'en';

/** The locale each language writes numbers and dates in (shared/languages.ts, as reminders do). */
export const REPORT_LOCALES: Record<ReportLanguage, string> = LANGUAGE_LOCALES;

/** The language a report is written in, as the API takes it: a route's `lang`, a schedule's `language`. */
export const reportLanguage = Joi.string()
  .valid(...REPORT_LANGUAGES)
  .description(
    'The language of titles, headings and labels, and (PDF, XLSX) of numbers and dates: `nl`, `en`, `de` or `fr`. A download without it is written in the first of these its Accept-Language header prefers, else `en`. A CSV keeps its column keys and plain numbers in every language',
  );
