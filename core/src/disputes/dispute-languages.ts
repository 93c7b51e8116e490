/** The languages Kredo writes to debtors in: every dispute type has its name and template in these. */
export const DISPUTE_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type DisputeLanguage = (typeof DISPUTE_LANGUAGES)[number];

const LOCALES: Record<DisputeLanguage, string> = { nl: 'nl-NL', en: 'en-GB', de: 'de-DE', fr: 'fr-FR' };

/** The first of the candidates Kredo writes in (contact's, debtor's …), else English. */
export function disputeLanguage(...candidates: (string | null | undefined)[]): DisputeLanguage {
  for (const candidate of candidates) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code && (DISPUTE_LANGUAGES as readonly string[]).includes(code)) return code as DisputeLanguage;
  }
  return 'en';
}

/** Minor units as the language writes money: `€ 1.210,00` in Dutch, `€1,210.00` in English. */
export function formatMoney(
  minor: number,
  currency: string,
  language: DisputeLanguage,
  decimals: number,
): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(
    minor / 10 ** decimals,
  );
}

/** A business date as the language writes it: `23 december 2026`, `23 December 2026`. */
export function formatDate(date: string, language: DisputeLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
