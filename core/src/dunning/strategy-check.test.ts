import { describe, expect, it } from 'vitest';
import { strategyProblems } from './strategy-check.ts';
import type { Step, StrategyDefinition } from './strategy-definition.ts';

const nl = { subject: 'Herinnering {{ reminder.step }}', text: 'Betaal {{ reminder.totalDue }}' };
const email = (name: string, offsetDays: number, more: Partial<Step> = {}): Step => ({
  name,
  action: 'email',
  offsetDays,
  from: 'due_date',
  templates: { nl },
  ...more,
});
const strategy = (steps: Step[], more: Partial<StrategyDefinition> = {}): StrategyDefinition => ({
  defaultLanguage: 'nl',
  steps,
  ...more,
});
const fields = async (d: StrategyDefinition) => (await strategyProblems(d)).map((p) => p.field);

describe('strategy rules', () => {
  it('accepts a sound strategy', async () => {
    expect(
      await strategyProblems(strategy([email('1', 7), email('2', 7, { from: 'previous_step' })])),
    ).toEqual([]);
  });

  it('refuses steps out of order, counting previous_step offsets cumulatively', async () => {
    expect(await fields(strategy([email('1', 14), email('2', 10)]))).toEqual(['steps[1].offsetDays']);
    expect(await fields(strategy([email('1', 14), email('2', 0, { from: 'previous_step' })]))).toEqual([
      'steps[1].offsetDays',
    ]);
    expect(
      await fields(strategy([email('1', 7), email('2', 7, { from: 'previous_step' }), email('3', 14)])),
    ).toEqual(['steps[2].offsetDays']);
  });

  it('refuses a first step counted from a previous step', async () => {
    expect(await fields(strategy([email('1', 7, { from: 'previous_step' })]))).toEqual(['steps[0].from']);
  });

  it('refuses a message step with templates of its own but none in the default language', async () => {
    expect(await fields(strategy([email('1', 7, { templates: { en: { text: 'Pay' } } })]))).toEqual([
      'steps[0].templates.nl',
    ]);
    // Without templates of its own, a step sends the shipped ones.
    expect(await fields(strategy([email('1', 7, { templates: undefined })]))).toEqual([]);
    expect(
      await fields(strategy([{ name: 'Call', action: 'phone_call', offsetDays: 7, from: 'due_date' }])),
    ).toEqual([]);
  });

  it('refuses a template that does not render, naming its field', async () => {
    const broken = email('1', 7, {
      templates: { nl: { text: 'Betaal {{ reminder.totalDeu }}', html: '<p>{% if %}</p>' } },
    });
    expect(await fields(strategy([broken]))).toEqual([
      'steps[0].templates.nl.html',
      'steps[0].templates.nl.text',
    ]);
  });

  it('refuses a stop step that is not last, and duplicate names', async () => {
    const stop: Step = { name: 'Stop', action: 'stop', offsetDays: 10, from: 'due_date' };
    expect(await fields(strategy([email('1', 7), stop, email('3', 20)]))).toEqual(['steps[1].action']);
    expect(await fields(strategy([email('Reminder', 7), email('reminder', 14)]))).toEqual(['steps[1].name']);
  });

  it('refuses a fallback on a step that is not an e-mail', async () => {
    const letter: Step = {
      name: 'Brief',
      action: 'letter',
      offsetDays: 14,
      from: 'due_date',
      fallback: 'task',
    };
    expect(await fields(strategy([email('1', 7, { fallback: 'task' }), letter]))).toEqual([
      'steps[1].fallback',
    ]);
  });

  it('refuses claiming charges without a policy', async () => {
    expect(await fields(strategy([email('1', 7, { claimCharges: true })]))).toEqual([
      'steps[0].claimCharges',
    ]);
  });

  it('refuses WIK costs for consumers before a fourteen-day letter', async () => {
    const charges = { interest: 'statutory' as const, compensation: 'wik' as const };
    const claim = email('2', 30, { claimCharges: true });
    expect(await fields(strategy([email('1', 7), claim], { charges }))).toEqual(['steps[1].claimCharges']);
    const notice = email('1', 7, { fourteenDayNotice: true, payWithinDays: 14 });
    expect(await fields(strategy([notice, claim], { charges }))).toEqual([]);
    // A notice to businesses only does not count for consumers.
    const b2bNotice = { ...notice, conditions: { debtorTypes: ['b2b' as const] } };
    expect(await fields(strategy([b2bNotice, claim], { charges }))).toEqual(['steps[1].claimCharges']);
    // A strategy that never claims from consumers needs no notice.
    const b2bClaim = { ...claim, conditions: { debtorTypes: ['b2b' as const] } };
    expect(await fields(strategy([email('1', 7), b2bClaim], { charges }))).toEqual([]);
  });

  it('wants fourteen days to pay in the fourteen-day letter', async () => {
    expect(await fields(strategy([email('1', 7, { fourteenDayNotice: true, payWithinDays: 10 })]))).toEqual([
      'steps[0].payWithinDays',
    ]);
  });

  describe("the charges module's rules (checkChargesPolicy), on the strategy's fields", () => {
    const notice = (name: string, offsetDays: number, more: Partial<Step> = {}) =>
      email(name, offsetDays, { fourteenDayNotice: true, payWithinDays: 14, ...more });
    const claim = (name: string, offsetDays: number, more: Partial<Step> = {}) =>
      email(name, offsetDays, { claimCharges: true, ...more });
    const consumersOnly = { conditions: { debtorTypes: ['b2c' as const] } };

    it('refuses a fixed rate of 0 and one with more than three decimals', async () => {
      for (const fixedRatePercent of [0, 8.1234]) {
        const charges = { interest: { fixedRatePercent }, compensation: 'none' as const };
        expect(await fields(strategy([claim('1', 7)], { charges }))).toEqual([
          'charges.interest.fixedRatePercent',
        ]);
      }
      const compound = { interest: { fixedRatePercent: 8, compound: true }, compensation: 'none' as const };
      expect(await fields(strategy([claim('1', 7)], { charges: compound }))).toEqual([]);
    });

    it('refuses the commercial rate and the EU €40 when the steps that claim reach only consumers', async () => {
      const commercial = { interest: 'statutory_commercial' as const, compensation: 'none' as const };
      expect(await fields(strategy([claim('1', 7, consumersOnly)], { charges: commercial }))).toEqual([
        'charges.interest',
      ]);
      const fixed = { interest: 'none' as const, compensation: 'eu_fixed' as const };
      expect(
        await fields(strategy([notice('1', 7), claim('2', 30, consumersOnly)], { charges: fixed })),
      ).toEqual(['charges.compensation']);
      // Reaching both, the consumer rules apply to consumers when the charges are computed.
      expect(
        await fields(strategy([email('1', 7, consumersOnly), claim('2', 30)], { charges: commercial })),
      ).toEqual([]);
    });

    it('refuses a second fourteen-day letter, and one sent by SMS', async () => {
      const charges = { interest: 'statutory' as const, compensation: 'wik' as const };
      expect(await fields(strategy([notice('1', 7), notice('2', 30), claim('3', 60)], { charges }))).toEqual([
        'steps[1].fourteenDayNotice',
      ]);
      expect(
        await fields(strategy([notice('1', 7, { action: 'sms' }), claim('2', 30)], { charges })),
      ).toEqual(['steps[0].action']);
    });

    it('wants a fourteen-day letter in a strategy charging consumers costs, whatever the compensation', async () => {
      const wik = { interest: 'none' as const, compensation: 'wik' as const };
      // No step claims, but the policy would charge consumers: the module's rule, on `steps`.
      expect(await fields(strategy([email('1', 7)], { charges: wik }))).toEqual(['steps']);
      // A consumer is charged the WIK scale under eu_fixed too: the claim before the letter is named.
      const fixed = { interest: 'none' as const, compensation: 'eu_fixed' as const };
      expect(await fields(strategy([claim('1', 7), notice('2', 30)], { charges: fixed }))).toEqual([
        'steps[0].claimCharges',
      ]);
      expect(await fields(strategy([notice('1', 7), claim('2', 30)], { charges: fixed }))).toEqual([]);
    });
  });
});
