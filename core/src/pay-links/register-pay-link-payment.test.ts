import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import { registerPayLinkPayment } from './register-pay-link-payment.ts';

// What a pay-link plugin reports from its webhook, straight into the recorder: a hostile or buggy
// plugin must not turn one link into more money than the link asked for, nor register it twice.
const { db, newTenant } = await createTestApi();
const logger = pino({ level: 'silent' });
const acme = await newTenant('Acme');
const installation = {
  id: newId('installation'),
  plugin: 'com.example.pay@1.0.0',
  grantedScopes: ['payments:write'],
  webhooks: [],
};

async function linkFor(amount: number) {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number: newId('debtor'),
    name: 'Payer',
    type: 'b2b',
  });
  expect(debtor.status).toBe(201);
  const invoice = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId: debtor.body.id,
    number: `INV-${newId('invoice')}`,
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    amount,
  });
  expect(invoice.status).toBe(201);
  const reference = `tr_${newId('payLink')}`;
  await withTenantClient(db.orm, acme.tenantId, (c) =>
    c.query(
      `insert into pay_link (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
         provider_reference, url, expires_at, amount, currency, invoice_ids)
       values ($1, $2, $3, $4, $5, $6, $7, 'https://pay.example/x', now() + interval '1 day', $8, 'EUR', $9)`,
      [
        newId('payLink'),
        acme.tenantId,
        acme.administrationId,
        debtor.body.id,
        installation.id,
        installation.plugin,
        reference,
        amount,
        [invoice.body.id],
      ],
    ),
  );
  return { reference, debtorId: debtor.body.id as string };
}

const report = (reference: string, amount: number, paidAt = '2026-10-02T10:00:00Z') => ({
  providerReference: reference,
  amount: { amount, currency: 'EUR' },
  paidAt,
  invoiceIds: [newId('invoice')],
});

async function payments(debtorId: string) {
  const { rows } = await withTenantClient(db.orm, acme.tenantId, (c) =>
    c.query<{ amount: string }>('select amount from payment where debtor_id = $1', [debtorId]),
  );
  return rows.map((row) => Number(row.amount));
}

describe('a pay-link payment reported by a plugin', () => {
  it('is not registered for more than the link asked', async () => {
    const { reference, debtorId } = await linkFor(10000);
    const outcome = await registerPayLinkPayment(
      db.orm,
      logger,
      acme.tenantId,
      installation,
      report(reference, 900000000),
    );
    expect(outcome).toBe('ignored');
    expect(await payments(debtorId)).toEqual([]);
  });

  it('is registered once when two deliveries arrive at the same time', async () => {
    const { reference, debtorId } = await linkFor(10000);
    const outcomes = await Promise.all([
      registerPayLinkPayment(db.orm, logger, acme.tenantId, installation, report(reference, 10000)),
      registerPayLinkPayment(db.orm, logger, acme.tenantId, installation, report(reference, 10000)),
    ]);
    expect(outcomes.sort()).toEqual(['already_registered', 'registered']);
    expect(await payments(debtorId)).toEqual([10000]);
  });

  it("takes the administration's business date of the instant the provider reports", async () => {
    const { reference, debtorId } = await linkFor(2500);
    // 23:30 UTC on 1 October is already 2 October in Amsterdam (the test administration's zone).
    const paid = report(reference, 2500, '2026-10-01T23:30:00Z');
    expect(await registerPayLinkPayment(db.orm, logger, acme.tenantId, installation, paid)).toBe(
      'registered',
    );
    const { rows } = await withTenantClient(db.orm, acme.tenantId, (c) =>
      c.query<{ value_date: string }>(
        "select to_char(value_date, 'YYYY-MM-DD') as value_date from payment where debtor_id = $1",
        [debtorId],
      ),
    );
    expect(rows.map((row) => row.value_date)).toEqual(['2026-10-02']);
  });
});
