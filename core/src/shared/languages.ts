/**
 * The languages Kredo writes to people in (reminders, charges' explanations, reports, the portal's
 * mails) and the locale each writes numbers and dates in: a Dutch text uses Dutch number and date style.
 */
export const LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_LOCALES: Record<Language, string> = {
  nl: 'nl-NL',
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
};

/** The locale of a language, or the tag itself for one Kredo has no texts in (Intl still formats it). */
export function localeOf(language: string): string {
  return (LANGUAGE_LOCALES as Record<string, string>)[language] ?? language;
}

/**
 * The language of `offered` an HTTP Accept-Language header prefers (RFC 9110 §12.5.4): ranges in
 * order of their q-value (1 when absent; q=0 means "not this one"), each compared by its primary
 * subtag, so `nl-BE` asks for `nl`. `*` and languages not offered are passed over. Undefined when the
 * header names none of them, or there is no header.
 */
export function negotiateLanguage<L extends string>(
  header: string | undefined,
  offered: readonly L[],
): L | undefined {
  const ranges = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const q = parameters.find((p) => /^q=/i.test(p));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { primary: range.split('-')[0]?.toLowerCase() ?? '', weight, order };
    })
    .filter((range) => Number.isFinite(range.weight) && range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranges.find((range) => (offered as readonly string[]).includes(range.primary))?.primary as
    | L
    | undefined;
}
