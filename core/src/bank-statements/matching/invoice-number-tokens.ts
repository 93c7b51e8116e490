/**
 * The words of a remittance text that could be an invoice number, upper case: runs of letters, digits
 * and the separators invoice numbers use (`-`, `/`, `.`, `_`), cut at anything else, trailing
 * punctuation dropped. The matcher compares whole words with the administration's invoice numbers, so
 * `F-1234` never matches invoice `F-123` and `12345` never matches `1234`: an invoice number is found
 * only where it stands on its own. Short numbers (under 3 characters) are too easily a day or a count.
 */
export function invoiceNumberTokens(text: string | null): string[] {
  if (!text) return [];
  const words = text.toUpperCase().split(/[^A-Z0-9\-/._]+/);
  const tokens = new Set<string>();
  for (const word of words) {
    const token = word.replace(/^[-/._]+|[-/._]+$/g, '');
    if (token.length >= 3 && /[0-9]/.test(token)) tokens.add(token);
  }
  return [...tokens];
}
