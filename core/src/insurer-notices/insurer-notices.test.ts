import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { creditCoverRoutes } from '../credit-cover/index.ts';
import type { Orm } from '../db/orm.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { insurerNoticeRoutes } from './insurer-notice-routes.ts';
import { notifyInsurers } from './notify-insurers.ts';

// Core's side of `creditInsurance.notifyOverdue`, with an insurer written by hand: it covers every
// debtor but one named "Refused" (and "Expired" only until 2020), keeps every notice it receives, and fails the first notice about a
// debtor named "Flaky" (retryable).
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
let orm: Orm | undefined;
const { caller, newTenant } = await createTestApi({
  routes: (deps) => {
    orm = deps.orm;
    runtime = createPluginRuntime({ orm: deps.orm, config, secretsKey: deps.secretsKey });
    return [...creditCoverRoutes({ orm: deps.orm, runtime }), insurerNoticeRoutes()];
  },
});
afterAll(() => runtime?.close());
const run = () => notifyInsurers({ orm: orm as Orm, runtime: runtime as PluginRuntime });

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Insurer B.V.');

const insurer = `globalThis.__kredo = { hooks: {
  'capability:creditInsurance.requestCover': (input) => ({ ok: true, value: {
    coverReference: 'CV-' + input.debtor.number, status: input.debtor.name === 'Refused' ? 'refused' : 'granted',
    coveredAmount: input.amount, ...(input.debtor.name === 'Expired' ? { validUntil: '2020-12-31' } : {}) } }),
  'capability:creditInsurance.notifyOverdue': async (input, ctx) => {
    const notices = (await ctx.storage.get('notices')) ?? [];
    notices.push({ key: input.idempotencyKey, coverReference: input.coverReference, debtor: input.debtor.name,
      invoices: input.invoices.map((i) => i.number), overdueAmount: input.overdueAmount });
    await ctx.storage.set('notices', notices);
    if (input.debtor.name === 'Flaky' && notices.filter((n) => n.key === input.idempotencyKey).length === 1) {
      return { ok: false, error: { code: 'insurer_down', message: 'try again', retryable: true } };
    }
    return { ok: true, value: { notificationReference: 'N-' + input.idempotencyKey } };
  },
  'debtor.created': async (input, ctx) => (await ctx.storage.get('notices')) ?? [],
} };`;
const manifest = {
  id: 'com.example.insurer',
  capabilities: ['creditInsurance'],
  hooks: [{ name: 'debtor.created', kind: 'event' }],
  scopes: ['debtors:risk:write', 'debtors:read', 'invoices:read'],
  config: [{ key: 'noticeAfterDays', type: 'number', label: 'Notify the insurer after (days overdue)' }],
};
const acmeInsurer = await partner.installFor(acme, manifest, insurer, { config: { noticeAfterDays: 30 } });
// The same insurer granted only what cover needs: it must not be told about invoices.
await partner.installFor(
  globex,
  {
    ...manifest,
    id: 'com.example.insurer-ungranted',
    hooks: [],
    scopes: ['debtors:risk:write', 'debtors:read'],
  },
  insurer,
);

/** What the insurer was told so far in acme. */
async function told() {
  const result = await runtime?.invoke(acme.tenantId, acmeInsurer, 'debtor.created', {});
  if (!result?.ok) throw new Error(`insurer probe failed: ${JSON.stringify(result)}`);
  return result.value as { key: string; debtor: string; invoices: string[]; overdueAmount: object }[];
}

const daysAgo = (days: number) => businessDay(-days);

/** A debtor with an invoice per due date (amounts 10000, 10001 …), covered unless told otherwise. */
async function debtor(tenant: typeof acme, name: string, dueDates: string[], covered = true) {
  const created = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number: name,
    name,
    type: 'b2b',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const [n, dueDate] of dueDates.entries()) {
    const invoice = await tenant.api('POST', '/api/v1/invoices', {
      administrationId: tenant.administrationId,
      debtorId: id,
      number: `${name}-${n + 1}`,
      issueDate: '2025-01-01',
      dueDate,
      amount: 10000 + n,
    });
    expect(invoice.status).toBe(201);
  }
  if (covered) {
    const cover = await tenant.api('POST', `/api/v1/debtors/${id}/credit-cover`, {
      amount: { amount: 1_000_000, currency: 'EUR' },
    });
    expect(cover.status).toBe(201);
  }
  return id;
}
const notices = async (tenant: typeof acme, debtorId: string) =>
  (await tenant.api('GET', `/api/v1/debtors/${debtorId}/insurer-notices`)).body.data as Record<
    string,
    unknown
  >[];

describe('notifying the credit insurer of overdue invoices', () => {
  it('tells the insurer once per debtor, with the invoices overdue by noticeAfterDays', async () => {
    const late = await debtor(acme, 'Late', [daysAgo(100), daysAgo(60), daysAgo(10), '2099-12-31']);
    const uncovered = await debtor(acme, 'Uncovered', [daysAgo(100)], false);
    const refused = await debtor(acme, 'Refused', [daysAgo(100)]);
    const expired = await debtor(acme, 'Expired', [daysAgo(100)]);
    await expect(run()).resolves.toMatchObject({ sent: 1, retrying: 0 });
    const [notice, ...others] = await told();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      coverReference: 'CV-Late',
      debtor: 'Late',
      invoices: ['Late-1', 'Late-2'],
      overdueAmount: { amount: 20001, currency: 'EUR' },
    });
    expect(notice?.key).toMatch(/^ntc:/);
    const stored = await notices(acme, late);
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row).toMatchObject({ status: 'sent', notificationReference: `N-${notice?.key}`, attempts: 1 });
    }
    expect(await notices(acme, uncovered)).toEqual([]);
    expect(await notices(acme, refused)).toEqual([]);
    expect(await notices(acme, expired)).toEqual([]);

    await expect(run()).resolves.toMatchObject({ claimed: 0, sent: 0 });
    expect(await told()).toHaveLength(1);
  });

  it('retries a retryable failure with the same key, and never sends a notice twice', async () => {
    const flaky = await debtor(acme, 'Flaky', [daysAgo(45)]);
    await expect(run()).rejects.toThrow(/will be retried/);
    const [pending] = await notices(acme, flaky);
    expect(pending).toMatchObject({ status: 'pending', lastError: { code: 'insurer_down' }, attempts: 1 });

    await expect(run()).resolves.toMatchObject({ sent: 1, retrying: 0 });
    await expect(run()).resolves.toMatchObject({ sent: 0 });
    const sent = (await told()).filter((n) => n.debtor === 'Flaky');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.key).toBe(sent[1]?.key);
    const stored = await notices(acme, flaky);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'sent',
      notificationReference: `N-${sent[0]?.key}`,
      attempts: 2,
    });
  });

  it('records skipped_scope for an insurer without invoices:read, and keeps tenants apart', async () => {
    const other = await debtor(globex, 'Late', [daysAgo(100)]);
    await expect(run()).resolves.toMatchObject({ sent: 0 });
    const [skipped, ...rest] = await notices(globex, other);
    expect(rest).toEqual([]);
    expect(skipped).toMatchObject({ status: 'skipped_scope', notificationReference: null });
    // Counted in the administration's time zone: a day more than in UTC late in the evening.
    expect(skipped?.daysOverdue).toBeGreaterThanOrEqual(100);
    // globex's debtor does not exist for acme: 404, as GET /debtors/{id} answers.
    const elsewhere = await acme.api('GET', `/api/v1/debtors/${other}/insurer-notices`);
    expect(elsewhere.body).toMatchObject({ statusCode: 404, code: 'debtor_not_found' });
    expect((await told()).filter((n) => n.debtor === 'Late')).toHaveLength(1);
  });
});
