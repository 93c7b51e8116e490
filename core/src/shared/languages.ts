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
