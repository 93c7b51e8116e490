import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { recordCreditAssessment } from '../debtors/debtor-risk.ts';
import { dunningApiRoutes } from '../dunning/dunning-module.ts';
import { createStrategy } from '../dunning/test-dunning-ledger.ts';
import { refreshRisk } from './refresh-risk.ts';
import { paymentHistory } from './test-payment-history.ts';

const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const acme = await newTenant('Acme');
const { api, administrationId, tenantId } = acme;
const h = await paymentHistory(db.orm, acme);
const refresh = () =>
  tenantEm(db.orm, tenantId).transactional((em) => refreshRisk(em, tenantId, administrationId));

const overLimit = await createStrategy(api, administrationId, 'Over limit: call at once');
const late = await createStrategy(api, administrationId, 'Late payers: firm');
const everyone = await createStrategy(api, administrationId, 'Standard');
const segments = await api('PUT', `/api/v1/dunning/segments?administrationId=${administrationId}`, {
  segments: [
    { name: 'Over limit', conditions: { creditLimitExceeded: true }, strategyId: overLimit },
    { name: 'Late payers', conditions: { maxPaymentScore: 70 }, strategyId: late },
    { name: 'Everyone', conditions: {}, strategyId: everyone },
  ],
});
expect(segments.status, JSON.stringify(segments.body)).toBe(200);

/** The segment the preview places a debtor in today (its first action's reason names it). */
async function segmentOf(debtorId: string): Promise<string> {
  const res = await api(
    'GET',
    `/api/v1/dunning/preview?administrationId=${administrationId}&days=1&debtorId=${debtorId}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const summary = (res.body.data[0]?.calendar[0] as Json | undefined)?.summary as string;
  return /segment '([^']+)' matched/.exec(summary)?.[1] ?? summary;
}

describe('dunning segments on risk', () => {
  it('move a debtor whose open amount crosses its credit limit', async () => {
    const d = await h.debtor('D');
    await tenantEm(db.orm, tenantId).transactional((em) =>
      recordCreditAssessment(em, d, {
        score: 80,
        rating: 'A',
        limit: { amount: 500_00, currency: 'EUR' },
        checkedAt: new Date(),
      }),
    );
    await h.invoice(d, 400_00, -20);
    await refresh();
    expect(await segmentOf(d)).toBe('Everyone');
    await h.invoice(d, 200_00, -15);
    await refresh();
    expect(await segmentOf(d)).toBe('Over limit');
  });

  it("move a debtor once Kredo's payment score falls to the segment's bound", async () => {
    const l = await h.debtor('L');
    // Paid 40 days late today: 40 days beyond terms, score 60.
    await h.paid(l, 100_00, -40, 0);
    await h.invoice(l, 250_00, -20);
    expect(await segmentOf(l)).toBe('Everyone');
    await refresh();
    const risk = await api('GET', `/api/v1/debtors/${l}/risk`);
    expect(risk.body.paymentBehaviour.score).toBe(60);
    expect(await segmentOf(l)).toBe('Late payers');
  });
});
