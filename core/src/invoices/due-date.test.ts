import { describe, expect, it } from 'vitest';
import { dueDateOf } from './due-date.ts';

describe('dueDateOf', () => {
  it("keeps the document's own due date", () => {
    expect(dueDateOf('2026-01-15', '2026-01-20', 30)).toBe('2026-01-20');
  });

  it('counts the payment term in calendar days from the issue date when there is none', () => {
    expect(dueDateOf('2026-01-31', null, 30)).toBe('2026-03-02');
    expect(dueDateOf('2028-01-31', undefined, 30)).toBe('2028-03-01');
    expect(dueDateOf('2026-12-20', null, 0)).toBe('2026-12-20');
  });
});
