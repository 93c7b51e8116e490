import { type ReportMessages, reportMessages } from './messages/report-messages.ts';
import { type ReportFormat, reportFormat } from './report-format.ts';
import type { ReportLanguage } from './report-language.ts';

/** What a report builder writes with: the language, its texts and its number and date style. */
export interface ReportLocale {
  language: ReportLanguage;
  text: ReportMessages;
  format: ReportFormat;
}

export function reportLocale(language: ReportLanguage): ReportLocale {
  return { language, text: reportMessages(language), format: reportFormat(language) };
}
