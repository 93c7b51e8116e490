import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { addDays } from '../shared/iso-date.ts';
import { dunningTimeline } from './action-timeline.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { scheduleDueRuns } from './schedule-task.ts';
import { todayIn } from './state-party.ts';
import { createDebtor, createInvoice, createStrategy, STANDARD } from './test-dunning-ledger.ts';

const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const { api, tenantId, administrationId } = await newTenant('Dunning API BV');
const today = await todayIn(tenantEm(db.orm, tenantId), administrationId);
const daysAgo = (n: number) => addDays(today, -n);

const withSteps = (steps: unknown[]) => ({ ...STANDARD, steps });

describe('strategies', () => {
  it('refuses a bad strategy with 400 naming the step and field, and saves nothing', async () => {
    const outOfOrder = withSteps([STANDARD.steps[0], { ...STANDARD.steps[2], offsetDays: 3 }]);
    const res = await api('POST', '/api/v1/dunning/strategies', {
      administrationId,
      name: 'Bad',
      definition: outOfOrder,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', field: 'steps[1].offsetDays' });
    expect(res.body.details.problems).toEqual([expect.objectContaining({ field: 'steps[1].offsetDays' })]);

    const unknownAction = withSteps([{ ...STANDARD.steps[0], action: 'pigeon' }]);
    const shape = await api('POST', '/api/v1/dunning/strategies', {
      administrationId,
      name: 'Bad',
      definition: unknownAction,
    });
    expect(shape.status).toBe(400);
    expect(shape.body.field).toBe('steps[0].action');

    const badTemplate = withSteps([
      { ...STANDARD.steps[0], templates: { en: { text: 'Pay {{ reminder.totalDeu }}' } } },
    ]);
    const template = await api('POST', '/api/v1/dunning/strategies', {
      administrationId,
      name: 'Bad',
      definition: badTemplate,
    });
    expect(template.status).toBe(400);
    expect(template.body.field).toBe('steps[0].templates.en.text');

    const list = await api(
      'GET',
      `/api/v1/dunning/strategies?administrationId=${administrationId}&archived=true`,
    );
    expect(list.body.data.map((s: Json) => s.name)).not.toContain('Bad');
  });

  it("refuses a charges policy the charges module's rules refuse, naming the field", async () => {
    const claim = { ...STANDARD.steps[1], claimCharges: true, conditions: { debtorTypes: ['b2c'] } };
    const consumers = await api('POST', '/api/v1/dunning/strategies', {
      administrationId,
      name: 'Bad charges',
      definition: {
        ...withSteps([STANDARD.steps[0], claim]),
        charges: { interest: 'statutory_commercial', compensation: 'none' },
      },
    });
    expect(consumers.status).toBe(400);
    expect(consumers.body).toMatchObject({ code: 'invalid_request', field: 'charges.interest' });
    expect(consumers.body.message).toContain('art. 6:119a BW');

    const zero = await api('POST', '/api/v1/dunning/strategies', {
      administrationId,
      name: 'Bad charges',
      definition: {
        ...withSteps([STANDARD.steps[0], { ...claim, conditions: undefined }]),
        charges: { interest: { fixedRatePercent: 0 }, compensation: 'eu_fixed' },
      },
    });
    expect(zero.status).toBe(400);
    expect(zero.body.details.problems.map((p: Json) => p.field)).toEqual([
      'steps[1].claimCharges',
      'charges.interest.fixedRatePercent',
    ]);
  });

  it('versions a strategy: PUT writes n+1, GET lists the versions, and an old version stays readable', async () => {
    const id = await createStrategy(api, administrationId, 'Versioned');
    const put = await api('PUT', `/api/v1/dunning/strategies/${id}`, {
      name: 'Versioned v2',
      definition: withSteps(STANDARD.steps.slice(0, 2)),
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Versioned v2', version: 2 });
    const bad = await api('PUT', `/api/v1/dunning/strategies/${id}`, { definition: withSteps([]) });
    expect(bad.status).toBe(400);
    const got = await api('GET', `/api/v1/dunning/strategies/${id}`);
    expect(got.body.version).toBe(2);
    expect(got.body.versions.map((v: Json) => v.version)).toEqual([2, 1]);
    const v1 = await api('GET', `/api/v1/dunning/strategies/${id}/versions/1`);
    expect(v1.body.definition.steps).toHaveLength(3);
  });

  it('refuses to archive a strategy a segment or the settings choose, and archives it after', async () => {
    const id = await createStrategy(api, administrationId, 'To archive');
    await api('PUT', `/api/v1/dunning/settings/${administrationId}`, { defaultStrategyId: id });
    expect((await api('DELETE', `/api/v1/dunning/strategies/${id}`)).body.code).toBe('strategy_in_use');
    await api('PUT', `/api/v1/dunning/settings/${administrationId}`, { defaultStrategyId: null });
    expect((await api('DELETE', `/api/v1/dunning/strategies/${id}`)).status).toBe(204);
    const list = await api('GET', `/api/v1/dunning/strategies?administrationId=${administrationId}`);
    expect(list.body.data.map((s: Json) => s.name)).not.toContain('To archive');
  });
});

describe('segments, holds, manual actions and the preview', async () => {
  const b2b = await createStrategy(api, administrationId, 'B2B standard');
  const b2c = await createStrategy(
    api,
    administrationId,
    'B2C gentle',
    withSteps([{ ...STANDARD.steps[0], offsetDays: 14 }]),
  );
  const consumer = await createDebtor(api, administrationId, 'K1', { type: 'b2c' });
  const company = await createDebtor(api, administrationId, 'F1', { tags: ['wholesale'] });
  const held = await createDebtor(api, administrationId, 'H1');
  await createInvoice(api, administrationId, consumer, 'K1-1', daysAgo(20), 40_00);
  await createInvoice(api, administrationId, company, 'F1-1', daysAgo(10), 90_00);
  const heldInvoice = await createInvoice(api, administrationId, held, 'H1-1', daysAgo(10), 50_00);

  it('chooses each debtor’s strategy by the first matching segment, and says so in the reason', async () => {
    const put = await api('PUT', `/api/v1/dunning/segments?administrationId=${administrationId}`, {
      segments: [
        { name: 'Consumers', conditions: { debtorTypes: ['b2c'] }, strategyId: b2c },
        { name: 'Businesses', conditions: { debtorTypes: ['b2b'] }, strategyId: b2b },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.segments.map((s: Json) => [s.position, s.name])).toEqual([
      [1, 'Consumers'],
      [2, 'Businesses'],
    ]);
    const bad = await api('PUT', `/api/v1/dunning/segments?administrationId=${administrationId}`, {
      segments: [{ name: 'Nowhere', strategyId: 'dst_00000000000000000000000000' }],
    });
    expect(bad.body.field).toBe('segments[0].strategyId');

    const hold = await api('POST', `/api/v1/debtors/${held}/holds`, {
      invoiceIds: [heldInvoice],
      endsOn: today,
      reason: 'Customer asked for a week',
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);

    const res = await api('POST', '/api/v1/dunning/runs', { administrationId });
    expect(res.body.run.summary).toMatchObject({ actionsCreated: { email: 2 }, skipped: { paused: 1 } });
    const [forConsumer] = (await api('GET', `/api/v1/dunning/actions?debtorId=${consumer}`)).body.data;
    expect(forConsumer.strategyId).toBe(b2c);
    expect(forConsumer.reason).toMatchObject({ segment: { name: 'Consumers', position: 1 }, trigger: 'run' });
    expect(forConsumer.reason.summary).toMatch(
      /under strategy B2C gentle v1, step 1, for 1 invoice overdue 20 days, € 40.00; segment 'Consumers' matched$/,
    );
    const state = await api('GET', `/api/v1/debtors/${held}/dunning`);
    expect(state.body.activePauses).toEqual([
      expect.objectContaining({ kind: 'hold', invoiceId: heldInvoice, endsOn: today }),
    ]);
  });

  it('lifts a hold after its last day, tells the collector, and resumes at the step it stood at', async () => {
    const tomorrow = addDays(today, 1);
    const res = await api('POST', '/api/v1/dunning/runs', { administrationId, asOf: tomorrow });
    expect(res.body.run.summary.pausesEnded).toBe(1);
    const [forHeld] = (await api('GET', `/api/v1/dunning/actions?debtorId=${held}`)).body.data;
    expect(forHeld).toMatchObject({ stepIndex: 1, dueOn: tomorrow });
    const tasks = await readAsTenant(db.orm, tenantId, (em) =>
      em.execute('select kind, debtor_id from task where kind = ?', ['dunning_resumed']),
    );
    expect(tasks).toEqual([{ kind: 'dunning_resumed', debtor_id: held }]);
  });

  it('records a reminder sent by hand as the step it stands for, so the run does not take it again', async () => {
    const manual = await api('POST', `/api/v1/debtors/${company}/dunning/actions`, {
      step: 'Second reminder',
      channel: 'letter',
      note: 'Posted with the monthly statement',
      alreadySent: true,
    });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    expect(manual.body).toMatchObject({
      stepIndex: 2,
      kind: 'letter',
      status: 'sent',
      manual: true,
      createdBy: 'usr_test',
    });
    expect(manual.body.reason).toMatchObject({
      trigger: 'manual',
      note: 'Posted with the monthly statement',
    });
    const again = await api('POST', `/api/v1/debtors/${company}/dunning/actions`, { step: 2 });
    expect(again.body.code).toBe('duplicate');
    const none = await api('POST', `/api/v1/debtors/${company}/dunning/actions`, { step: 9 });
    expect(none.body.field).toBe('step');
    const state = await api('GET', `/api/v1/debtors/${company}/dunning`);
    expect(state.body.episode.lastStep).toMatchObject({ index: 2, name: 'Second reminder', on: today });
    const got = await api('GET', `/api/v1/dunning/actions/${manual.body.id}`);
    expect(got.body.id).toBe(manual.body.id);
  });

  it('previews the coming days per debtor, with the reason for each action', async () => {
    const res = await api(
      'GET',
      `/api/v1/dunning/preview?administrationId=${administrationId}&days=30&debtorId=${company}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [party] = res.body.data;
    // Second reminder taken by hand today; the call falls 30 days after the due date (10 days ago).
    expect(party.calendar).toEqual([
      expect.objectContaining({
        date: addDays(today, 20),
        stepIndex: 3,
        kind: 'phone_call',
        summary: expect.stringMatching(/^Call \(phone call\)/),
      }),
    ]);
    const all = await api(
      'GET',
      `/api/v1/dunning/preview?administrationId=${administrationId}&days=5&limit=2`,
    );
    expect(all.body.data).toHaveLength(2);
    expect(all.body.nextCursor).toEqual(expect.any(String));
  });

  it('puts the actions and pauses on the debtor’s timeline with the reason’s sentence', async () => {
    const entries = await readAsTenant(db.orm, tenantId, (em) =>
      dunningTimeline(em, { debtorId: held, limit: 10 }),
    );
    expect(entries.map((e) => e.type)).toEqual(['dunning.action', 'dunning.pause']);
    expect(entries[0]?.summary).toMatch(/^First reminder \(e-mail\) under strategy B2B standard v1, step 1/);
    expect(entries[1]?.summary).toMatch(
      /^Held one invoice out of dunning until .*: Customer asked for a week \(lifted: ended\)$/,
    );
  });

  it('lifts a hold by hand, and answers 404 for one that is not the debtor’s', async () => {
    const hold = await api('POST', `/api/v1/debtors/${company}/holds`, {
      endsOn: addDays(today, 30),
      reason: 'Talks',
    });
    const id = hold.body.holds[0].id;
    expect((await api('DELETE', `/api/v1/debtors/${consumer}/holds/${id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/debtors/${company}/holds/${id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/debtors/${company}/holds/${id}`)).body.code).toBe('hold_not_found');
  });
});

describe('the daily schedule', () => {
  it('enqueues one run per administration whose local run time has passed today, and none after it ran', async () => {
    const { api: api2, tenantId: t2, administrationId: a2 } = await newTenant('Schedule BV');
    await api2('PATCH', `/api/v1/administrations/${a2}`, { timeZone: 'Pacific/Auckland' });
    await api2('PUT', `/api/v1/dunning/settings/${a2}`, { runTime: '06:30' });
    const added: { payload: unknown; key?: string }[] = [];
    const addJob = (async (_task: string, payload: unknown, spec?: { jobKey?: string }) => {
      added.push({ payload, key: spec?.jobKey });
      return {} as never;
    }) as never;
    // 18:00 UTC on 6 December is 07:00 on 7 December in Auckland (UTC+13): due. 17:00 UTC is 06:00: not yet.
    const early = await scheduleDueRuns(db.orm, new Date('2026-12-06T17:00:00Z'), addJob);
    expect(early.filter((r) => r.tenantId === t2)).toEqual([]);
    const due = await scheduleDueRuns(db.orm, new Date('2026-12-06T18:00:00Z'), addJob);
    expect(due.filter((r) => r.tenantId === t2)).toEqual([
      { tenantId: t2, administrationId: a2, asOf: '2026-12-07' },
    ]);
    expect(added.at(-1)?.key).toBe(`dunning_run:${t2}:${a2}:2026-12-07`);
    const { runDunning } = await import('./run-dunning.ts');
    await runDunning(
      { orm: db.orm },
      {
        tenantId: t2,
        administrationId: a2,
        asOf: '2026-12-07',
        dryRun: false,
        trigger: 'schedule',
        startedBy: null,
      },
    );
    const after = await scheduleDueRuns(db.orm, new Date('2026-12-06T18:15:00Z'), addJob);
    expect(after.filter((r) => r.tenantId === t2)).toEqual([]);
  });
});
