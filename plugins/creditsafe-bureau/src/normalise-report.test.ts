import { describe, expect, it } from 'vitest';
import { normaliseReport, toMinorUnits } from './normalise-report.ts';

const rating = (overrides: object) => ({
  report: {
    creditScore: {
      currentCreditRating: {
        commonValue: 'B',
        creditLimit: { currency: 'EUR', value: '20000' },
        ...overrides,
      },
    },
  },
});

describe('normaliseReport', () => {
  it('scales the provider value from its own range to 0–100', () => {
    expect(
      normaliseReport(rating({ providerValue: { minValue: '1', maxValue: '100', value: '86' } })),
    ).toEqual({
      score: 86,
      rating: 'B',
      suggestedLimit: { amount: 2_000_000, currency: 'EUR' },
    });
    expect(normaliseReport(rating({ providerValue: { minValue: 0, maxValue: 10, value: 7 } }))).toMatchObject(
      {
        score: 70,
      },
    );
  });

  it('falls back to the common value when the provider value is not a number', () => {
    expect(normaliseReport(rating({ providerValue: { value: 'A' } }))).toMatchObject({
      score: 70,
      rating: 'B',
    });
    expect(normaliseReport(rating({ commonValue: 'E' }))).toMatchObject({ score: 5 });
  });

  it('uses the summary rating when the credit score has none', () => {
    const body = {
      report: {
        companySummary: { creditRating: { commonValue: 'C', creditLimit: { currency: 'GBP', value: 500 } } },
      },
    };
    expect(normaliseReport(body)).toEqual({
      score: 50,
      rating: 'C',
      suggestedLimit: { amount: 50_000, currency: 'GBP' },
    });
  });

  it('says why a report cannot be used', () => {
    expect(normaliseReport({ report: {} })).toBe('the report has no credit rating');
    expect(normaliseReport(rating({ commonValue: 'X' }))).toMatch(/no score/);
    expect(normaliseReport(rating({ creditLimit: { value: '10' } }))).toMatch(/currency/);
  });
});

describe('toMinorUnits', () => {
  it('converts major units from their digits', () => {
    expect(toMinorUnits('1500.50', 'EUR')).toBe(150_050);
    expect(toMinorUnits('0.1', 'EUR')).toBe(10);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits('1.5', 'KWD')).toBe(1500);
    expect(toMinorUnits(undefined, 'EUR')).toBe(0);
    expect(toMinorUnits('No limit', 'EUR')).toBeUndefined();
  });
});
