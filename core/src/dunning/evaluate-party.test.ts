import { describe, expect, it } from 'vitest';
import { actionKey, evaluateParty } from './evaluate-party.ts';
import type { Decision, PartyFacts, PartyInvoice, PartyState, Placement } from './evaluate-types.ts';
import type { Step, StrategyDefinition } from './strategy-definition.ts';

const text = { text: 'Please pay {{ reminder.totalDue }}' };
const steps: Step[] = [
  { name: 'First reminder', action: 'email', offsetDays: 7, from: 'due_date', templates: { en: text } },
  { name: 'Second reminder', action: 'email', offsetDays: 7, from: 'previous_step', templates: { en: text } },
  { name: 'Call', action: 'phone_call', offsetDays: 21, from: 'due_date' },
  { name: 'Stop', action: 'stop', offsetDays: 1, from: 'previous_step' },
];
const definition: StrategyDefinition = { defaultLanguage: 'en', steps };
const placement: Placement = {
  strategy: { id: 'dst_b2b', name: 'B2B standard', version: 2, definition },
  segment: { id: 'dsg_b2b', name: 'B2B', position: 1 },
};

function invoice(number: string, dueDate: string, openAmount: number, paused = false): PartyInvoice {
  return {
    invoiceId: `inv_${number}`,
    debtorId: 'dbt_a',
    number,
    issueDate: '2026-09-01',
    dueDate,
    amount: openAmount,
    openAmount,
    currency: 'EUR',
    paused,
  };
}

function facts(invoices: PartyInvoice[], more: Partial<PartyFacts> = {}): PartyFacts {
  return {
    debtorId: 'dbt_a',
    type: 'b2b',
    tags: [],
    riskClass: null,
    score: null,
    paymentScore: null,
    creditLimitUse: null,
    creditLimitExceeded: false,
    country: 'NL',
    language: null,
    invoices,
    credits: [],
    ...more,
  };
}

const run = (asOf: string) => ({ asOf, currency: 'EUR', trigger: 'run' as const, runId: 'drn_1' });

/** Runs the evaluator day after day from `from` to `to`, carrying the state: the dates steps were taken. */
function simulate(f: PartyFacts, from: string, to: string, runDays?: (day: string) => boolean) {
  let state: PartyState | null = null;
  const taken: string[] = [];
  for (let day = from; day <= to; day = next(day)) {
    if (runDays && !runDays(day)) continue;
    const decision: Decision = evaluateParty(f, state, placement, run(day));
    if (decision.type === 'step') taken.push(`${day} s${decision.action.stepIndex}`);
    if (decision.type !== 'none') state = decision.state;
  }
  return taken;
}
const next = (day: string) => new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);

describe('evaluateParty', () => {
  it('starts an episode at the first overdue invoice and waits for the first step', () => {
    const d = evaluateParty(facts([invoice('1', '2026-10-01', 10000)]), null, placement, run('2026-10-03'));
    expect(d).toMatchObject({
      type: 'wait',
      reason: 'not_due',
      episodeStarted: true,
      nextDueOn: '2026-10-08',
    });
    if (d.type !== 'wait') throw new Error();
    expect(d.state).toMatchObject({
      episode: 1,
      episodeStartedOn: '2026-10-03',
      nextStep: 1,
      lastStep: null,
    });
  });

  it('takes the first step offsetDays after the oldest due date, covering every overdue invoice', () => {
    const f = facts([invoice('2', '2026-10-05', 5000), invoice('1', '2026-10-01', 10000)]);
    const d = evaluateParty(f, null, placement, run('2026-10-08'));
    if (d.type !== 'step') throw new Error(JSON.stringify(d));
    expect(d.action.idempotencyKey).toBe('dun:dbt_a:e1:dst_b2b:s1');
    expect(d.action.invoices.map((i) => [i.number, i.daysOverdue])).toEqual([
      ['1', 7],
      ['2', 3],
    ]);
    expect(d.action.totalOpen).toBe(15000);
    expect(d.action.reason.summary).toBe(
      "First reminder (e-mail) under strategy B2B standard v2, step 1, for 2 invoices overdue 7 and 3 days, € 150.00; segment 'B2B' matched",
    );
    expect(d.state).toMatchObject({
      lastStep: 1,
      lastStepOn: '2026-10-08',
      nextStep: 2,
      nextDueOn: '2026-10-15',
    });
  });

  it('counts previous_step offsets from the day the last step was taken, due_date offsets from the due date', () => {
    const f = facts([invoice('1', '2026-10-01', 10000)]);
    expect(simulate(f, '2026-10-02', '2026-11-30')).toEqual([
      '2026-10-08 s1',
      '2026-10-15 s2',
      '2026-10-22 s3',
      '2026-10-23 s4',
    ]);
  });

  it('after missed runs takes each overdue step once, one per run, never skipping one', () => {
    const f = facts([invoice('1', '2026-10-01', 10000)]);
    // The server was down until 25 October: every step was due by then.
    const taken = simulate(f, '2026-10-02', '2026-11-30', (day) => day >= '2026-10-25');
    expect(taken).toEqual(['2026-10-25 s1', '2026-11-01 s2', '2026-11-02 s3', '2026-11-03 s4']);
  });

  it('takes no second step on the same day, however often it runs', () => {
    const f = facts([invoice('1', '2026-09-01', 10000)]);
    const first = evaluateParty(f, null, placement, run('2026-11-01'));
    if (first.type !== 'step') throw new Error();
    const again = evaluateParty(f, first.state, placement, run('2026-11-01'));
    expect(again).toMatchObject({ type: 'wait', reason: 'taken_today' });
  });

  it('lets invoices that fell due during the episode join the next step, each with its own days overdue', () => {
    const first = evaluateParty(
      facts([invoice('1', '2026-10-01', 10000)]),
      null,
      placement,
      run('2026-10-08'),
    );
    if (first.type !== 'step') throw new Error();
    const later = facts([invoice('1', '2026-10-01', 10000), invoice('3', '2026-10-12', 2000)]);
    const second = evaluateParty(later, first.state, placement, run('2026-10-15'));
    if (second.type !== 'step') throw new Error(JSON.stringify(second));
    expect(second.action.stepIndex).toBe(2);
    expect(second.action.invoices.map((i) => [i.number, i.daysOverdue])).toEqual([
      ['1', 14],
      ['3', 3],
    ]);
  });

  it('closes the episode when nothing is overdue, and the next overdue invoice starts episode 2 at step 1', () => {
    const first = evaluateParty(
      facts([invoice('1', '2026-10-01', 10000)]),
      null,
      placement,
      run('2026-10-08'),
    );
    if (first.type !== 'step') throw new Error();
    const closed = evaluateParty(facts([]), first.state, placement, run('2026-10-10'));
    expect(closed).toMatchObject({ type: 'close', state: { closedOn: '2026-10-10', episode: 1 } });
    if (closed.type !== 'close') throw new Error();
    const again = evaluateParty(
      facts([invoice('4', '2026-11-01', 500)]),
      closed.state,
      placement,
      run('2026-11-08'),
    );
    if (again.type !== 'step') throw new Error(JSON.stringify(again));
    expect(again.episodeStarted).toBe(true);
    expect(again.action.idempotencyKey).toBe('dun:dbt_a:e2:dst_b2b:s1');
  });

  it('does nothing for a party with nothing overdue and no open episode', () => {
    expect(evaluateParty(facts([]), null, placement, run('2026-10-08'))).toEqual({
      type: 'none',
      reason: 'nothing_overdue',
    });
  });

  it('skips a party no segment and no default strategy places', () => {
    const d = evaluateParty(facts([invoice('1', '2026-10-01', 10000)]), null, null, run('2026-10-08'));
    expect(d).toEqual({ type: 'none', reason: 'no_strategy' });
  });

  it('waits while everything overdue is paused, and resumes at the step it stood at', () => {
    const first = evaluateParty(
      facts([invoice('1', '2026-10-01', 10000)]),
      null,
      placement,
      run('2026-10-08'),
    );
    if (first.type !== 'step') throw new Error();
    const paused = facts([invoice('1', '2026-10-01', 10000, true)]);
    expect(evaluateParty(paused, first.state, placement, run('2026-10-20'))).toMatchObject({
      type: 'wait',
      reason: 'paused',
    });
    const resumed = evaluateParty(
      facts([invoice('1', '2026-10-01', 10000)]),
      first.state,
      placement,
      run('2026-11-05'),
    );
    if (resumed.type !== 'step') throw new Error();
    expect(resumed.action.stepIndex).toBe(2);
  });

  it('leaves paused invoices out of the action and out of the amount', () => {
    const f = facts([invoice('1', '2026-10-01', 10000, true), invoice('2', '2026-10-01', 3000)]);
    const d = evaluateParty(f, null, placement, run('2026-10-08'));
    if (d.type !== 'step') throw new Error();
    expect(d.action.invoices.map((i) => i.number)).toEqual(['2']);
    expect(d.action.totalOpen).toBe(3000);
  });

  it('waits below a step’s minimum overdue amount', () => {
    const strict: Placement = {
      ...placement,
      strategy: {
        ...placement.strategy,
        definition: {
          ...definition,
          steps: [{ ...(steps[0] as Step), minOverdue: 5000 }, ...steps.slice(1)],
        },
      },
    };
    const d = evaluateParty(facts([invoice('1', '2026-10-01', 4999)]), null, strict, run('2026-10-10'));
    expect(d).toMatchObject({ type: 'wait', reason: 'below_minimum' });
    const enough = evaluateParty(facts([invoice('1', '2026-10-01', 5000)]), null, strict, run('2026-10-10'));
    expect(enough.type).toBe('step');
  });

  it('passes over a step whose conditions the party does not meet', () => {
    const onlyConsumers: Step = { ...(steps[1] as Step), conditions: { debtorTypes: ['b2c'] } };
    const conditional: Placement = {
      ...placement,
      strategy: {
        ...placement.strategy,
        definition: { ...definition, steps: [steps[0] as Step, onlyConsumers, steps[2] as Step] },
      },
    };
    const f = facts([invoice('1', '2026-10-01', 10000)]);
    const first = evaluateParty(f, null, conditional, run('2026-10-08'));
    if (first.type !== 'step') throw new Error();
    expect(first.state.nextStep).toBe(3);
    const third = evaluateParty(f, first.state, conditional, run('2026-10-22'));
    if (third.type !== 'step') throw new Error(JSON.stringify(third));
    expect(third.action.stepIndex).toBe(3);
    const consumer = evaluateParty(
      facts(f.invoices, { type: 'b2c' }),
      first.state,
      conditional,
      run('2026-10-15'),
    );
    expect(consumer.type === 'step' && consumer.action.stepIndex).toBe(2);
  });

  it('stops after a stop step and after the last step', () => {
    const f = facts([invoice('1', '2026-09-01', 10000)]);
    const stopped: PartyState = {
      episode: 1,
      episodeStartedOn: '2026-09-02',
      strategyId: 'dst_b2b',
      strategyVersion: 2,
      segmentId: 'dsg_b2b',
      lastStep: 4,
      lastStepOn: '2026-10-01',
      nextStep: null,
      nextDueOn: null,
      closedOn: null,
    };
    expect(evaluateParty(f, stopped, placement, run('2026-11-01'))).toMatchObject({ reason: 'stopped' });
    const shorter: Placement = {
      ...placement,
      strategy: {
        ...placement.strategy,
        version: 3,
        definition: { ...definition, steps: steps.slice(0, 2) },
      },
    };
    const atThree = { ...stopped, lastStep: 3 };
    expect(evaluateParty(f, atThree, shorter, run('2026-11-01'))).toMatchObject({ reason: 'path_completed' });
  });

  it('reads the next step from the current version and records that version', () => {
    const f = facts([invoice('1', '2026-10-01', 10000)]);
    const first = evaluateParty(f, null, placement, run('2026-10-08'));
    if (first.type !== 'step') throw new Error();
    const renamed: Step = { ...(steps[1] as Step), name: 'Second reminder (v3)' };
    const v3: Placement = {
      ...placement,
      strategy: {
        ...placement.strategy,
        version: 3,
        definition: { ...definition, steps: [steps[0] as Step, renamed, ...steps.slice(2)] },
      },
    };
    const second = evaluateParty(f, first.state, v3, run('2026-10-15'));
    if (second.type !== 'step') throw new Error();
    expect(second.action).toMatchObject({ stepName: 'Second reminder (v3)', strategyVersion: 3 });
    expect(second.state.strategyVersion).toBe(3);
  });

  it('lowers the amount asked by credits and waits when they cover it', () => {
    const credit = { kind: 'credit_note' as const, id: 'inv_cn', reference: 'CN-1', amount: -4000 };
    const d = evaluateParty(
      facts([invoice('1', '2026-10-01', 10000)], { credits: [credit] }),
      null,
      placement,
      run('2026-10-08'),
    );
    expect(d.type === 'step' && d.action.totalOpen).toBe(6000);
    const covered = { ...credit, amount: -10000 };
    expect(
      evaluateParty(
        facts([invoice('1', '2026-10-01', 10000)], { credits: [covered] }),
        null,
        placement,
        run('2026-10-08'),
      ),
    ).toMatchObject({ reason: 'covered_by_credits' });
  });

  it('writes in the contact’s language when the step has a template in it, else the default', () => {
    const f = facts([invoice('1', '2026-10-01', 10000)], { language: 'nl' });
    const d = evaluateParty(f, null, placement, run('2026-10-08'));
    expect(d.type === 'step' && d.action.language).toBe('en');
    const dutch: Placement = {
      ...placement,
      strategy: {
        ...placement.strategy,
        definition: { ...definition, steps: [{ ...(steps[0] as Step), templates: { en: text, nl: text } }] },
      },
    };
    const nl = evaluateParty(f, null, dutch, run('2026-10-08'));
    expect(nl.type === 'step' && nl.action.language).toBe('nl');
  });

  it('keys actions by party, episode, strategy and step', () => {
    expect(actionKey('dbt_x', 3, 'dst_y', 2)).toBe('dun:dbt_x:e3:dst_y:s2');
  });
});
