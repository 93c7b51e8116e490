import { describe, expect, it } from 'vitest';
import { businessDateOf } from '../administrations/index.ts';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { addDays } from '../shared/iso-date.ts';
import { debtorNumber, Kind, Payer, planLedger } from './ledger-plan.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID, seedDemo } from './seed-demo.ts';
import { DEMO_SNAPSHOT_DAYS, seedDemoHistory } from './seed-demo-history.ts';

// What a newcomer reads through the API on the demo's first start: the demo ledger with its year of
// payments, promises and a dispute, as `kredo start --demo` seeds it (start-demo.ts).

const { db, caller } = await createTestApi();
const [NL01] = DEMO_ADMINISTRATIONS;
await seedDemo(db.orm);
const seeded = await seedDemoHistory(db.orm);
const api = await caller(DEMO_TENANT_ID, undefined, 'usr_demo_reader');
const today = await readAsTenant(db.orm, DEMO_TENANT_ID, (em) => businessDateOf(em, NL01.id));

async function get(url: string): Promise<Json> {
  const res = await api('GET', url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The Dutch administration's debtor ids by the generator's payer class (businesses only). */
async function debtorsPaying(payer: number): Promise<string[]> {
  const plan = planLedger(NL01.seed, NL01.debtors);
  const rows = await readAsTenant(db.orm, DEMO_TENANT_ID, (em) =>
    em.execute<{ id: string; number: string }[]>(
      'select id, number from debtor where administration_id = ?',
      [NL01.id],
    ),
  );
  const ids = new Map(rows.map((row) => [row.number, row.id]));
  const found: string[] = [];
  for (let index = 0; index < plan.debtorCount; index++) {
    const id = ids.get(debtorNumber(index));
    if (id && plan.kind[index] === Kind.business && plan.payer[index] === payer) found.push(id);
  }
  return found;
}

/** Mean payment-behaviour score and days beyond terms of those debtors that have a score. */
async function behaviourOf(debtorIds: string[]) {
  const scores: number[] = [];
  const days: number[] = [];
  for (const id of debtorIds) {
    const behaviour = (await get(`/api/v1/debtors/${id}/risk`)).paymentBehaviour;
    if (behaviour?.score == null) continue;
    scores.push(behaviour.score);
    days.push(behaviour.inputs.find((input: Json) => input.name === 'daysBeyondTerms').value);
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return { scored: scores.length, score: mean(scores), daysBeyondTerms: mean(days) };
}

describe('the demo’s payment history', () => {
  it('gives DSO, CEI and the promise and dispute figures of the last quarter', async () => {
    expect(seeded).toBe(true);
    const from = addDays(today, -89);
    const body = await get(
      `/api/v1/insight/kpis/period?administrationId=${NL01.id}&from=${from}&to=${today}`,
    );
    const [eur] = body.currencies;
    expect(eur.currency).toBe('EUR');
    // Mostly prompt payers on 14–60 day terms, a third late and a tenth poor: DSO of one to three
    // months, most of what could be collected collected, a good part of the rest past due.
    expect(eur.dso).toBeGreaterThan(30);
    expect(eur.dso).toBeLessThan(120);
    expect(eur.countBackDso).toBeGreaterThan(30);
    expect(eur.bestPossibleDso).toBeLessThan(eur.dso);
    expect(eur.cei).toBeGreaterThan(50);
    expect(eur.cei).toBeLessThan(100);
    expect(eur.receivables.beginning).toBeGreaterThan(0);
    expect(body.promises).toEqual({ kept: 1, broken: 1, keptRate: 50 });
    expect(body.disputes).toMatchObject({ opened: 1, open: 1, averageOpenAgeDays: 10 });
  });

  it('ages the open invoices into every bucket', async () => {
    const body = await get(`/api/v1/insight/ageing?administrationId=${NL01.id}`);
    const [eur] = body.currencies;
    for (const bucket of eur.buckets) expect(bucket.count, bucket.name).toBeGreaterThan(0);
  });

  it('scores the poor payers well below the prompt ones, and the broken promise and the dispute count', async () => {
    const prompt = await behaviourOf(await debtorsPaying(Payer.prompt));
    const poor = await behaviourOf(await debtorsPaying(Payer.poor));
    expect(prompt.scored).toBeGreaterThan(50);
    expect(poor.scored).toBeGreaterThan(5);
    expect(prompt.daysBeyondTerms).toBeLessThan(10);
    expect(poor.daysBeyondTerms).toBeGreaterThan(prompt.daysBeyondTerms + 20);
    expect(poor.score).toBeLessThan(prompt.score - 15);

    const [broken] = (await get('/api/v1/promises?status=broken')).data;
    const inputs = (await get(`/api/v1/debtors/${broken.debtorId}/risk`)).paymentBehaviour.inputs;
    expect(inputs).toContainEqual({ name: 'brokenPromises', value: 1, contribution: -10 });
    const [kept] = (await get('/api/v1/promises?status=kept')).data;
    expect(kept.paid).toEqual(kept.amount);
  });

  it('forecasts open invoices by their debtors’ own behaviour, the disputed one apart', async () => {
    const body = await get(`/api/v1/forecast?administrationId=${NL01.id}`);
    expect(body.behaviour.administrationDaysBeyondTerms).toBeGreaterThan(5);
    expect(body.behaviour.debtorsWithHistory).toBeGreaterThan(150);
    expect(body.total.expected).toBeGreaterThan(0);
    expect(body.total.disputed + body.beyondHorizon.disputed).toBeGreaterThan(0);
    // Receipts spread over the coming weeks, not all on today.
    const later = body.periods.slice(1).filter((period: Json) => period.invoices > 0);
    expect(later.length).toBeGreaterThan(6);
  });

  it('has daily snapshots of the last week, and is not recorded twice', async () => {
    const body = await get(
      `/api/v1/insight/kpis?administrationId=${NL01.id}&from=${addDays(today, -DEMO_SNAPSHOT_DAYS)}&to=${today}`,
    );
    expect(body.points).toHaveLength(DEMO_SNAPSHOT_DAYS);
    expect(body.missing).toEqual([]);
    expect(body.points.every((point: Json) => point.rebuilt && point.kpis.currencies[0].dso > 0)).toBe(true);

    const payments = await get(`/api/v1/payments?administrationId=${NL01.id}&limit=1`);
    expect(payments.data).toHaveLength(1);
    expect(await seedDemoHistory(db.orm)).toBe(false);
  });
});
