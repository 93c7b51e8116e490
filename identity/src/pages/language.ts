import { LANGUAGES, type Language } from '../accounts/accounts.ts';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The pages' language: the one chosen with the switch, else the account's, else the first of the
 * browser's Accept-Language (by q) that Kredo speaks, else English.
 */
export function pickLanguage(
  chosen: Language | null | undefined,
  account: Language | null | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (chosen) return chosen;
  if (account) return account;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? 'en';
}
