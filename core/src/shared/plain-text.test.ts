import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';

const table: [name: string, input: string, output: string][] = [
  ['plain text', 'Mollie answered 401: Unauthorized', 'Mollie answered 401: Unauthorized'],
  ['a tab', 'a\tb', 'a\tb'],
  ['Unicode letters and emoji', 'Überweisung fehlgeschlagen 😀', 'Überweisung fehlgeschlagen 😀'],
  [
    'a forged log line',
    'ok\n{"level":50,"msg":"admin logged in"}',
    'ok\\n{"level":50,"msg":"admin logged in"}',
  ],
  ['CR LF', 'a\r\nb', 'a\\r\\nb'],
  ['NUL', 'a\u0000b', 'a\\u0000b'],
  ['a colour', '\u001b[31mred\u001b[0m', 'red'],
  ['clear screen and cursor home', '\u001b[2J\u001b[Hwiped', 'wiped'],
  ['a private-mode CSI', '\u001b[?25lhidden cursor', 'hidden cursor'],
  ['an OSC title ended by BEL', '\u001b]0;owned\u0007text', 'text'],
  ['an OSC hyperlink ended by ST', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
  ['an 8-bit CSI', '\u009b31mred', 'red'],
  ['a lone ESC at the end', 'text\u001b', 'text'],
  ['a two-character ESC sequence', '\u001bcreset', 'reset'],
  ['C1 NEL', 'a\u0085b', 'a\\u0085b'],
  ['DEL', 'a\u007fb', 'a\\u007fb'],
  ['a right-to-left override', 'invoice_\u202Efdp.exe', 'invoice_\\u202efdp.exe'],
  ['a bidi isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
  ['a lone surrogate', 'a\ud800b', 'a\ufffdb'],
];

describe('plainText', () => {
  it.each(table)('%s', (_name, input, output) => {
    expect(plainText(input)).toBe(output);
  });

  it('is idempotent and leaves no control character behind', () => {
    for (const [, input] of table) {
      const once = plainText(input);
      expect(plainText(once)).toBe(once);
      expect(once).not.toMatch(/[^\P{Cc}\t]|[\u202a-\u202e\u2066-\u2069]/u);
    }
  });
});
