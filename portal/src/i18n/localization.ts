import { configureLocalization } from '@lit/localize';
import * as de from './locales/de.ts';
import * as fr from './locales/fr.ts';
import { sourceLocale, targetLocales } from './locales/locale-codes.ts';
import * as nl from './locales/nl.ts';
import type { Language } from './messages.ts';

/**
 * lit-localize in runtime mode, its locales imported rather than loaded as chunks: the widget stays
 * one ES module (one script tag, one origin in the host's CSP), and switching language needs no
 * request. The generated modules (src/i18n/locales/, from xliff/) are a few kB gzipped together.
 */
const LOCALES = { de, fr, nl };

const { setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: async (locale) => LOCALES[locale as keyof typeof LOCALES],
});

/**
 * Makes `language` the page's locale: every element that updates when the locale changes
 * (`updateWhenLocaleChanges`) renders again in it. lit-localize keeps one locale per page.
 */
export function useLanguage(language: Language): Promise<void> {
  return setLocale(language);
}
