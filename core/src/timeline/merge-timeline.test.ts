import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../shared/timeline.ts';
import {
  decodeTimelineCursor,
  encodeTimelineCursor,
  mergeTimeline,
  sourceQuery,
  type TimelineCursor,
} from './merge-timeline.ts';

const entry = (id: string, at: string): TimelineEntry => ({
  id,
  type: 'test',
  at,
  summary: id,
  actor: null,
  invoiceIds: [],
  detail: {},
});

/** A source as shared/timeline.ts describes it, over a fixed list: before the instant, newest first, at most limit. */
function source(entries: TimelineEntry[]) {
  return (query: { before?: string; limit: number }) =>
    entries
      .filter((e) => !query.before || e.at < query.before)
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
      .slice(0, query.limit);
}

const T = '2026-12-14T09:00:00.000Z';
// An import: eight invoices written in one transaction share their instant; payments and notes around it.
const invoices = source(Array.from({ length: 8 }, (_, i) => entry(`inv_${i}`, T)));
const payments = source([
  entry('pay_1', '2026-12-14T10:00:00.000Z'),
  entry('pay_0', '2026-12-14T08:00:00.000Z'),
]);
const notes = source([entry('not_1', T), entry('not_0', '2026-12-13T08:00:00.000Z')]);
const sources = [invoices, payments, notes];

function walk(limit: number): string[] {
  const seen: string[] = [];
  let cursor: TimelineCursor | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const asked = sourceQuery({ cursor, limit });
    const { entries, next } = mergeTimeline(
      sources.map((s) => s(asked)),
      { cursor, limit },
    );
    seen.push(...entries.map((e) => e.id));
    if (!next) return seen;
    cursor = decodeTimelineCursor(encodeTimelineCursor(next));
  }
  throw new Error('never ended');
}

describe('merging the timeline', () => {
  it('lists newest first, entries of one instant by id', () => {
    expect(walk(100)).toEqual([
      'pay_1',
      'not_1',
      'inv_7',
      'inv_6',
      'inv_5',
      'inv_4',
      'inv_3',
      'inv_2',
      'inv_1',
      'inv_0',
      'pay_0',
      'not_0',
    ]);
  });

  it.each([1, 2, 3, 5])(
    'pages through many entries of one instant %i at a time, none twice, none lost',
    (limit) => {
      expect(walk(limit)).toEqual(walk(100));
    },
  );

  it('answers no next page when everything fitted', () => {
    const { next } = mergeTimeline([[entry('a', T)]], { limit: 1 });
    expect(next).toBeNull();
  });

  it('refuses a cursor it did not make', () => {
    expect(decodeTimelineCursor('nonsense')).toBeUndefined();
    expect(
      decodeTimelineCursor(Buffer.from('{"at":"x","after":"a","seen":1}').toString('base64url')),
    ).toBeUndefined();
  });
});
