import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as de from './locales/de.ts';
import * as fr from './locales/fr.ts';
import { targetLocales } from './locales/locale-codes.ts';
import * as nl from './locales/nl.ts';
import { pickLanguage } from './messages.ts';

const SOURCE = new URL('..', import.meta.url);
const XLIFF = new URL('../../xliff/', import.meta.url);

/** `msg('…' or str`…`, { id: '…' })`, however the formatter wraps it. */
const MSG_ID = /msg\(\s*(?:'(?:[^'\\]|\\.)*'|str`[^`]*`),\s*\{\s*id:\s*'([^']+)'/g;

/** The ids of every `msg(…, { id })` in the widget's source: the texts English gives. */
function sourceIds(): string[] {
  const ids = new Set<string>();
  for (const file of readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.includes('locales')) continue;
    const text = readFileSync(new URL(file, SOURCE), 'utf8');
    for (const match of text.matchAll(MSG_ID)) ids.add(match[1] as string);
  }
  return [...ids].sort();
}

/** A compiled text, its placeholders written `{0}`, `{1}` …: a string, or `str`'s strings and values. */
function text(template: unknown): string {
  if (typeof template === 'string') return template;
  const { strings, values } = template as { strings: string[]; values: unknown[] };
  return strings.map((part, i) => (i < values.length ? `${part}{${values[i]}}` : part)).join('');
}

/** An XLIFF target the same way: `<x id="0" …/>` as `{0}`, XML's escapes undone. */
function xliffText(target: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return target
    .replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name] as string);
}

describe('the translations', () => {
  const ids = sourceIds();
  const modules = { nl, de, fr };

  it('have a translation of every text in every language, in the XLIFF and in the built modules', () => {
    expect(ids.length).toBeGreaterThan(80);
    expect(Object.keys(modules).sort()).toEqual([...targetLocales].sort());
    for (const [language, module] of Object.entries(modules)) {
      const xliff = readFileSync(new URL(`${language}.xlf`, XLIFF), 'utf8');
      const translated = [
        ...xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>.*?<\/source>\s*<target>(.+?)<\/target>/gs),
      ];
      expect(translated.map((unit) => unit[1]).sort(), `xliff/${language}.xlf`).toEqual(ids);
      // Built from the XLIFF (`pnpm run localize`): a text added or translated since differs here.
      const built = module.templates as Record<string, unknown>;
      expect(Object.keys(built).sort(), `src/i18n/locales/${language}.ts`).toEqual(ids);
      for (const [, id, target] of translated)
        expect(text(built[id as string]), `${language}: ${id}`).toBe(xliffText(target as string));
    }
  });

  it('say a day overdue and more days apart, each in the language', () => {
    expect(text(de.templates.overdueDay)).toBe('1 Tag überfällig');
    expect(text(de.templates.overdueDays)).toBe('{0} Tage überfällig');
    expect(text(fr.templates.overdueDay)).toBe('1 jour de retard');
    expect(text(nl.templates.planLimits)).toBe('Hoogstens {0} termijnen, elk minstens {1}.');
  });

  it('follow the first language the widget speaks, region or not, else English', () => {
    expect(pickLanguage(undefined, 'nl-BE', 'de')).toBe('nl');
    expect(pickLanguage('es', 'FR')).toBe('fr');
    expect(pickLanguage(null, 'pt')).toBe('en');
  });
});
