import { describe, expect, it } from 'vitest';
import { parseDate } from './dates.ts';
import { InvalidValueError } from './errors.ts';

describe('parseDate', () => {
  it.each([
    ['2024-02-29', '2024-02-29'],
    ['29-02-2024', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['29.02.2024', '2024-02-29'],
    ['1-2-2024', '2024-02-01'],
    [' 31.12.1999 ', '1999-12-31'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(['2023-02-29', '2024-02-30', '31-04-2024', '2024-13-01', '00.01.2024', '2100-02-29'])(
    'rejects %j, which is not on the calendar',
    (text) => {
      expect(() => parseDate(text)).toThrow(`date ${JSON.stringify(text)} does not exist`);
    },
  );

  it.each(['2024/02/01', '02-01-24', '2024-2-1', '31-12.2024', '20240201', '1 feb 2024', ''])(
    'rejects %j, whose format is not one it knows',
    (text) => {
      expect(() => parseDate(text)).toThrow('is not in a known format');
    },
  );

  it('rejects placeholder and mistyped years', () => {
    expect(() => parseDate('0001-01-01')).toThrow('date "0001-01-01" is outside the years 1900–2999');
    expect(() => parseDate('01-01-3024')).toThrow('outside the years');
  });

  it('throws a typed error the readers can attribute to a column', () => {
    try {
      parseDate('2024-02-30');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidValueError);
      expect((error as InvalidValueError).code).toBe('invalid_date');
      expect((error as InvalidValueError).status).toBe(422);
    }
  });
});
