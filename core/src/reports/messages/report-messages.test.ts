import { describe, expect, it } from 'vitest';
import { REPORT_LANGUAGES } from '../report-language.ts';
import { en } from './en.ts';
import { REPORT_MESSAGES } from './report-messages.ts';

/**
 * Texts that are the same word in another language as in English: abbreviations and words shared.
 * Any other text equal to the English one is taken for a text left untranslated.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  nl: ['DSO', 'CEI', 'Per', 'Segment', 'segment', 'per week'],
  de: ['DSO', 'CEI', 'Segment'],
  fr: ['DSO', 'CEI', 'Administration', 'administration', 'Segment', 'segment'],
};

/**
 * What is wrong with a catalogue measured against the English one: a text missing, empty or of
 * another kind, a key English does not have, a text that drops one of its placeholders (each
 * function is called with markers, which must all come back), and a text left in English.
 */
function problems(language: string, catalogue: unknown, english: unknown = en, path = ''): string[] {
  if (typeof english === 'string') {
    if (typeof catalogue !== 'string' || catalogue.trim() === '') return [`${path}: missing or empty`];
    if (language !== 'en' && catalogue === english && !SAME_AS_ENGLISH[language]?.includes(catalogue))
      return [`${path}: left in English ("${catalogue}")`];
    return [];
  }
  if (typeof english === 'function') {
    if (typeof catalogue !== 'function') return [`${path}: missing or not a function`];
    const markers = Array.from({ length: english.length }, (_, i) => `⟦${i}⟧`);
    const text: unknown = catalogue(...markers);
    if (typeof text !== 'string' || text.trim() === '') return [`${path}: gives no text`];
    const dropped = markers.filter((marker) => !text.includes(marker));
    return dropped.length > 0 ? [`${path}: drops placeholder ${dropped.join(', ')}`] : [];
  }
  if (typeof catalogue !== 'object' || catalogue === null) return [`${path}: missing`];
  const englishKeys = Object.keys(english as object);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const extra = Object.keys(catalogue).filter((key) => !englishKeys.includes(key));
  return [
    ...extra.map((key) => `${at(key)}: not in the English catalogue`),
    ...englishKeys.flatMap((key) =>
      problems(
        language,
        (catalogue as Record<string, unknown>)[key],
        (english as Record<string, unknown>)[key],
        at(key),
      ),
    ),
  ];
}

describe('the report message catalogue', () => {
  it.each(REPORT_LANGUAGES)(
    'has every text in %s, none empty, none left in English, no placeholder dropped',
    (language) => {
      expect(problems(language, REPORT_MESSAGES[language])).toEqual([]);
    },
  );

  it('is checked for what a language could lack', () => {
    const { nl } = REPORT_MESSAGES;
    const broken = {
      ...nl,
      frame: { ...nl.frame, note: '' },
      ageing: { ...nl.ageing, bucket: (from: number) => `${from} dagen`, notDue: 'Not due' },
      kpis: { ...nl.kpis, activity: { ...nl.kpis.activity, columns: { group: 'Groep' } } },
      extra: 'x',
    };
    expect(problems('nl', broken)).toEqual([
      'extra: not in the English catalogue',
      'frame.note: missing or empty',
      'ageing.notDue: left in English ("Not due")',
      'ageing.bucket: drops placeholder ⟦1⟧',
      'kpis.activity.columns.promises_kept: missing or empty',
      'kpis.activity.columns.promises_broken: missing or empty',
      'kpis.activity.columns.promise_kept_rate: missing or empty',
      'kpis.activity.columns.disputes_opened: missing or empty',
      'kpis.activity.columns.disputes_resolved: missing or empty',
      'kpis.activity.columns.days_to_resolve: missing or empty',
      'kpis.activity.columns.disputes_open: missing or empty',
      'kpis.activity.columns.open_age_days: missing or empty',
    ]);
  });
});
