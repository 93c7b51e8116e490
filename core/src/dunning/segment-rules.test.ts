import { describe, expect, it } from 'vitest';
import { chooseSegment, type Segment, type SegmentFacts, segmentMatches } from './segment-rules.ts';

const facts: SegmentFacts = {
  type: 'b2c',
  country: 'BE',
  overdueBalance: 50_000,
  riskClass: 'C',
  score: 40,
  paymentScore: 55,
  creditLimitUse: 120,
  creditLimitExceeded: true,
  tags: ['retail', 'vip'],
};

const segment = (position: number, conditions: Segment['conditions'], id = `dsg_${position}`): Segment => ({
  id,
  name: `Segment ${position}`,
  position,
  conditions,
  strategyId: `dst_${position}`,
});

describe('segments', () => {
  it('matches an empty rule to every debtor', () => {
    expect(segmentMatches({}, facts)).toBe(true);
  });

  it('holds each condition on its own', () => {
    expect(segmentMatches({ debtorTypes: ['b2b'] }, facts)).toBe(false);
    expect(segmentMatches({ debtorTypes: ['b2c'] }, facts)).toBe(true);
    expect(segmentMatches({ countries: ['NL'] }, facts)).toBe(false);
    expect(segmentMatches({ countries: ['NL', 'BE'] }, facts)).toBe(true);
    expect(segmentMatches({ minOverdue: 50_000 }, facts)).toBe(true);
    expect(segmentMatches({ minOverdue: 50_001 }, facts)).toBe(false);
    expect(segmentMatches({ maxOverdue: 49_999 }, facts)).toBe(false);
    expect(segmentMatches({ riskClasses: ['A', 'B'] }, facts)).toBe(false);
    expect(segmentMatches({ riskClasses: ['C'] }, facts)).toBe(true);
    expect(segmentMatches({ minScore: 41 }, facts)).toBe(false);
    expect(segmentMatches({ maxScore: 40 }, facts)).toBe(true);
    expect(segmentMatches({ tags: ['wholesale', 'vip'] }, facts)).toBe(true);
    expect(segmentMatches({ tags: ['wholesale'] }, facts)).toBe(false);
  });

  it('needs every condition to hold', () => {
    expect(segmentMatches({ debtorTypes: ['b2c'], countries: ['NL'] }, facts)).toBe(false);
    expect(segmentMatches({ debtorTypes: ['b2c'], countries: ['BE'], tags: ['vip'] }, facts)).toBe(true);
  });

  it("holds conditions on Kredo's payment score and on credit-limit use", () => {
    expect(segmentMatches({ maxPaymentScore: 55 }, facts)).toBe(true);
    expect(segmentMatches({ maxPaymentScore: 54 }, facts)).toBe(false);
    expect(segmentMatches({ minPaymentScore: 56 }, facts)).toBe(false);
    expect(segmentMatches({ minCreditLimitUse: 100 }, facts)).toBe(true);
    expect(segmentMatches({ minCreditLimitUse: 100.1, maxCreditLimitUse: 200 }, facts)).toBe(true);
    expect(segmentMatches({ maxCreditLimitUse: 119.9 }, facts)).toBe(false);
    expect(segmentMatches({ creditLimitExceeded: true }, facts)).toBe(true);
    expect(segmentMatches({ creditLimitExceeded: false }, facts)).toBe(false);
    // The bureau's score and Kredo's are separate conditions.
    expect(segmentMatches({ maxScore: 40, minPaymentScore: 50 }, facts)).toBe(true);
  });

  it('does not match unknown risk, score or country against a condition on them', () => {
    const unknown = {
      ...facts,
      riskClass: null,
      score: null,
      country: null,
      paymentScore: null,
      creditLimitUse: null,
      creditLimitExceeded: false,
    };
    expect(segmentMatches({ minPaymentScore: 0 }, unknown)).toBe(false);
    expect(segmentMatches({ maxCreditLimitUse: 100 }, unknown)).toBe(false);
    expect(segmentMatches({ creditLimitExceeded: false }, unknown)).toBe(true);
    expect(segmentMatches({ riskClasses: ['C'] }, unknown)).toBe(false);
    expect(segmentMatches({ minScore: 0 }, unknown)).toBe(false);
    expect(segmentMatches({ countries: ['BE'] }, unknown)).toBe(false);
  });

  it('lets the first matching segment by position win, else none', () => {
    const list = [segment(3, {}), segment(1, { debtorTypes: ['b2b'] }), segment(2, { minOverdue: 10_000 })];
    expect(chooseSegment(list, facts)?.id).toBe('dsg_2');
    expect(chooseSegment(list, { ...facts, overdueBalance: 100 })?.id).toBe('dsg_3');
    expect(chooseSegment([segment(1, { debtorTypes: ['b2b'] })], facts)).toBeNull();
  });
});
