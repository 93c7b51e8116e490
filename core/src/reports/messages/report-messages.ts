import type { ReportLanguage } from '../report-language.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';

/**
 * Every text a report or its mail shows a person, in one language: English is the catalogue's shape,
 * every other language the same keys (the type holds them to it; report-messages.test.ts also
 * refuses an empty text and a placeholder a translation drops). Figures are formatted apart, by Intl
 * (report-format.ts): a text takes them already written.
 */
export type ReportMessages = typeof en;

export const REPORT_MESSAGES: Readonly<Record<ReportLanguage, ReportMessages>> = { nl, en, de, fr };

export function reportMessages(language: ReportLanguage): ReportMessages {
  return REPORT_MESSAGES[language];
}
