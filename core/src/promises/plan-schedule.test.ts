import { describe, expect, it } from 'vitest';
import { planRuleBreach, planState, promiseVerdict } from './arrangement-verdict.ts';
import {
  explicitSchedule,
  generateSchedule,
  instalmentDate,
  periodInterest,
  scheduleTotals,
} from './plan-schedule.ts';

describe('plan schedule', () => {
  it('splits the principal equally with the remainder on the last instalment', () => {
    const schedule = generateSchedule({
      principal: 100_00,
      count: 3,
      frequency: 'monthly',
      firstDueOn: '2027-01-15',
    });
    expect(schedule.map((i) => [i.dueOn, i.amount])).toEqual([
      ['2027-01-15', 33_33],
      ['2027-02-15', 33_33],
      ['2027-03-15', 33_34],
    ]);
    expect(scheduleTotals(schedule)).toEqual({ principal: 100_00, interest: 0, total: 100_00 });
  });

  it('charges simple interest on the outstanding balance per period, worked by hand', () => {
    // €1,200.00 in 3 monthly instalments at 12% a year: 1% a month on what is outstanding.
    // 1: 400.00 + 1% of 1,200.00 = 12.00; 2: 400.00 + 1% of 800.00 = 8.00; 3: 400.00 + 1% of 400.00 = 4.00.
    const schedule = generateSchedule({
      principal: 1_200_00,
      count: 3,
      frequency: 'monthly',
      firstDueOn: '2027-01-31',
      interestRatePercent: 12,
    });
    expect(schedule).toEqual([
      { seq: 1, dueOn: '2027-01-31', amount: 412_00, principal: 400_00, interest: 12_00 },
      { seq: 2, dueOn: '2027-02-28', amount: 408_00, principal: 400_00, interest: 8_00 },
      { seq: 3, dueOn: '2027-03-31', amount: 404_00, principal: 400_00, interest: 4_00 },
    ]);
    expect(scheduleTotals(schedule)).toEqual({ principal: 1_200_00, interest: 24_00, total: 1_224_00 });
  });

  it('rounds each period half up and still sums exactly', () => {
    // €1,000.01 weekly at 8.5%: 1,000.01 × 0.085 × 7/365 = 1.63021… → 1.63; then 500.01 → 0.8151… → 0.82.
    expect(periodInterest(1_000_01, 8.5, 'weekly')).toBe(1_63);
    const schedule = generateSchedule({
      principal: 1_000_01,
      count: 2,
      frequency: 'weekly',
      firstDueOn: '2027-01-04',
      interestRatePercent: 8.5,
    });
    expect(schedule.map((i) => [i.dueOn, i.principal, i.interest, i.amount])).toEqual([
      ['2027-01-04', 500_00, 1_63, 501_63],
      ['2027-01-11', 500_01, 82, 500_83],
    ]);
    expect(schedule.reduce((s, i) => s + i.amount, 0)).toBe(1_000_01 + 1_63 + 82);
    // Half a cent rounds up: 1 cent for a month at 600% a year is exactly half a cent.
    expect(periodInterest(1, 600, 'monthly')).toBe(1);
  });

  it('counts months from the first date and weeks in days', () => {
    expect(instalmentDate('2027-01-31', 'monthly', 1)).toBe('2027-02-28');
    expect(instalmentDate('2027-01-31', 'monthly', 12)).toBe('2028-01-31');
    expect(instalmentDate('2028-01-30', 'monthly', 1)).toBe('2028-02-29');
    expect(instalmentDate('2027-12-28', 'biweekly', 1)).toBe('2028-01-11');
  });

  it('keeps an explicit schedule as given', () => {
    expect(explicitSchedule([{ dueOn: '2027-01-01', amount: 5 }])).toEqual([
      { seq: 1, dueOn: '2027-01-01', amount: 5, principal: 5, interest: 0 },
    ]);
  });
});

describe('verdicts', () => {
  const promise = { amount: 500_00, promisedOn: '2027-01-10', graceDays: 3 };
  it('keeps a promise paid in full and breaks one unpaid after the grace', () => {
    expect(promiseVerdict(promise, 500_00, '2027-01-05')).toBe('kept');
    expect(promiseVerdict(promise, 499_99, '2027-01-13')).toBe('open');
    expect(promiseVerdict(promise, 499_99, '2027-01-14')).toBe('broken');
  });

  const schedule = explicitSchedule([
    { dueOn: '2027-01-10', amount: 100 },
    { dueOn: '2027-02-10', amount: 100 },
  ]);
  it('fills instalments in order and defaults on a missed one after grace', () => {
    const partly = planState({ schedule, graceDays: 2 }, 150, '2027-02-12');
    expect(partly.verdict).toBe('active');
    expect(partly.instalments.map((i) => [i.paid, i.status])).toEqual([
      [100, 'paid'],
      [50, 'partly_paid'],
    ]);
    const late = planState({ schedule, graceDays: 2 }, 150, '2027-02-13');
    expect(late.verdict).toBe('defaulted');
    expect(late.missed?.seq).toBe(2);
    expect(planState({ schedule, graceDays: 2 }, 200, '2027-03-01').verdict).toBe('completed');
    expect(planState({ schedule, graceDays: 0 }, 0, '2027-01-11').missed?.seq).toBe(1);
  });

  it('names the rule a plan breaks', () => {
    expect(planRuleBreach(schedule, { maxInstalments: 1, minInstalment: 1 })?.rule).toBe('maxInstalments');
    expect(planRuleBreach(schedule, { maxInstalments: 2, minInstalment: 101 })?.rule).toBe('minInstalment');
    expect(planRuleBreach(schedule, { maxInstalments: 2, minInstalment: 100 })).toBeNull();
  });
});
