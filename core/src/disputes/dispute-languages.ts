import { reminderFormat } from '../dunning/reminder-format.ts';

/** The languages Kredo writes to debtors in: every dispute type has its name and template in these. */
export const DISPUTE_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type DisputeLanguage = (typeof DISPUTE_LANGUAGES)[number];

/** The first of the candidates Kredo writes in (contact's, debtor's …), else English. */
export function disputeLanguage(...candidates: (string | null | undefined)[]): DisputeLanguage {
  for (const candidate of candidates) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code && (DISPUTE_LANGUAGES as readonly string[]).includes(code)) return code as DisputeLanguage;
  }
  return 'en';
}

/** Minor units as the language writes money (`€ 1.210,00` in Dutch), exactly as reminders print it. */
export function formatMoney(minor: number, currency: string, language: DisputeLanguage): string {
  return reminderFormat(language, currency).money(minor);
}

/** A business date as the language writes it (`23 december 2026`), as reminders print it. */
export function formatDate(date: string, language: DisputeLanguage): string {
  return reminderFormat(language, 'EUR').date(date);
}
