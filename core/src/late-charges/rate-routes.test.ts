import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { computeCharges } from './compute-charges.ts';
import { readRates, readRateTables } from './rate-store.ts';

const { db, caller, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const base = '/api/v1/late-charges/rates';
const rateOf = (body: Json, validFrom: string) =>
  (body.data as Json[]).find((r) => r.validFrom === validFrom);

describe('late-charge rates', () => {
  it('lists the shipped rates of both kinds, or of one, each marked shipped', async () => {
    const all = await acme.api('GET', base);
    expect(all.status).toBe(200);
    expect(new Set(all.body.data.map((r: Json) => r.kind))).toEqual(
      new Set(['statutory_commercial', 'statutory']),
    );
    const commercial = await acme.api('GET', `${base}?kind=statutory_commercial`);
    expect(commercial.body.data[0]).toMatchObject({
      kind: 'statutory_commercial',
      validFrom: '2013-07-01',
      ratePercent: 8.5,
    });
    expect(rateOf(commercial.body, '2024-01-01')).toEqual({
      kind: 'statutory_commercial',
      validFrom: '2024-01-01',
      ratePercent: 12.5,
      source: 'shipped',
      shippedRatePercent: 12.5,
      basis: 'ECB main refinancing rate 4.50 % (since 20 September 2023) + 8 points',
    });
  });

  it('lets a tenant add a half-year and override one, for itself only, and delete its own again', async () => {
    const added = await acme.api('PUT', `${base}/statutory_commercial/2026-07-01`, { ratePercent: 10.15 });
    expect(added).toMatchObject({
      status: 200,
      body: {
        kind: 'statutory_commercial',
        validFrom: '2026-07-01',
        ratePercent: 10.15,
        source: 'tenant',
        shippedRatePercent: null,
        basis: null,
      },
    });
    const overridden = await acme.api('PUT', `${base}/statutory/2024-07-01`, { ratePercent: 6.125 });
    expect(overridden.body).toMatchObject({ ratePercent: 6.125, source: 'tenant', shippedRatePercent: 7 });
    expect(
      (await acme.api('PUT', `${base}/statutory/2024-07-01`, { ratePercent: 6.5 })).body.ratePercent,
    ).toBe(6.5);

    const listed = (await acme.api('GET', `${base}?kind=statutory`)).body;
    expect(rateOf(listed, '2024-07-01')).toMatchObject({
      ratePercent: 6.5,
      source: 'tenant',
      shippedRatePercent: 7,
    });
    expect(rateOf((await globex.api('GET', `${base}?kind=statutory`)).body, '2024-07-01')).toMatchObject({
      ratePercent: 7,
      source: 'shipped',
    });

    // The engine's reads see the same merged table, and computeCharges accepts the added half-year.
    await readAsTenant(db.orm, acme.tenantId, async (em) => {
      const statutory = await readRates(em, 'statutory');
      expect(statutory.find((r) => r.validFrom === '2024-07-01')).toEqual({
        validFrom: '2024-07-01',
        ratePercent: 6.5,
      });
      const charges = computeCharges({
        debtorType: 'b2b',
        policy: { interest: 'statutory_commercial', compensation: 'none' },
        invoices: [{ id: 'inv_x', number: 'X', dueDate: '2026-06-30', openAmount: 365_000, currency: 'EUR' }],
        noticeSentOn: null,
        asOf: '2026-07-01',
        rates: await readRateTables(em),
      });
      // 3,650.00 at 10.15 % for 1 day: 365,000 × 10.15 % / 365 = 101.5 → 102 (half-up)
      expect(charges.totals.interest).toBe(102);
    });

    expect((await acme.api('DELETE', `${base}/statutory/2024-07-01`)).status).toBe(204);
    expect(rateOf((await acme.api('GET', `${base}?kind=statutory`)).body, '2024-07-01')).toMatchObject({
      ratePercent: 7,
      source: 'shipped',
    });
    const again = await acme.api('DELETE', `${base}/statutory/2024-07-01`);
    expect(again).toMatchObject({ status: 404, body: { code: 'late_charge_rate_not_found' } });
  });

  it('refuses a start that is not 1 January or 1 July, a bad rate and an unknown kind, naming the field', async () => {
    const notHalfYear = await acme.api('PUT', `${base}/statutory/2025-03-01`, { ratePercent: 4 });
    expect(notHalfYear.status).toBe(400);
    expect(notHalfYear.body.field).toBe('validFrom');
    expect(notHalfYear.body.message).toMatch(/1 January or a 1 July/);
    expect((await acme.api('PUT', `${base}/statutory/2025-02-30`, { ratePercent: 4 })).body.field).toBe(
      'validFrom',
    );
    expect((await acme.api('DELETE', `${base}/statutory/2025-06-01`)).body.field).toBe('validFrom');
    for (const ratePercent of [-1, 1000, 4.1234, 'four']) {
      const bad = await acme.api('PUT', `${base}/statutory/2025-01-01`, { ratePercent });
      expect(bad.status, String(ratePercent)).toBe(400);
      expect(bad.body.field).toBe('ratePercent');
    }
    expect((await acme.api('PUT', `${base}/usury/2025-01-01`, { ratePercent: 4 })).body.field).toBe('kind');
    expect((await acme.api('GET', `${base}?kind=usury`)).body.field).toBe('kind');
  });

  it('reads with ledger:read and writes with dunning:manage', async () => {
    const reader = await caller(acme.tenantId, ['ledger:read']);
    expect((await reader('GET', base)).status).toBe(200);
    expect((await reader('PUT', `${base}/statutory/2025-01-01`, { ratePercent: 6 })).status).toBe(403);
    expect((await reader('DELETE', `${base}/statutory/2025-01-01`)).status).toBe(403);
    const manager = await caller(acme.tenantId, ['dunning:manage']);
    expect((await manager('GET', base)).status).toBe(403);
    expect((await manager('PUT', `${base}/statutory/2025-01-01`, { ratePercent: 6 })).status).toBe(200);
  });
});
