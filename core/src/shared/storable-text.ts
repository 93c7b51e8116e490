/**
 * The one rule for text Kredo stores: PostgreSQL refuses U+0000 in `text` and `jsonb`, and a lone UTF-16
 * surrogate cannot be written as UTF-8 (node-postgres would silently store U+FFFD instead, and jsonb
 * refuses its `\ud800` escape). Every edge that takes text — the API's joi schemas, the importers'
 * field checks, the XML reader — asks this before the value goes anywhere.
 */
export function unstorableCharacter(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (U+0000)';
  if (!text.isWellFormed()) return 'a lone UTF-16 surrogate';
  return undefined;
}
