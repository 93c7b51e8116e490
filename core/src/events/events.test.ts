import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { newId } from '../shared/ids.ts';
import { until } from '../shared/until.ts';
import type { DeliveryResult, EventDeliverer, EventEnvelope } from './event-deliverer.ts';
import { DISPATCH_TASK } from './event-dispatcher.ts';
import { eventJobs } from './event-jobs.ts';
import { recordEvent } from './record-event.ts';

interface Call {
  tenantId: string;
  installationId: string;
  hook: string;
  event: EventEnvelope;
}
type Behaviour = (call: Call, attempt: number) => Promise<DeliveryResult>;

/** A fake of our own EventDeliverer: subscribers and outcomes per installation, every call recorded. */
function fakeDeliverer() {
  const subscribers = new Map<string, string[]>();
  const behaviours = new Map<string, Behaviour>();
  const calls: Call[] = [];
  const deliverer: EventDeliverer = {
    async hooksFor(tenantId) {
      // Slow enough that concurrent dispatchers overlap.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return (subscribers.get(tenantId) ?? []).map((installationId) => ({ installationId }));
    },
    async deliver(tenantId, installationId, hook, event) {
      const call = { tenantId, installationId, hook, event };
      calls.push(call);
      const attempt = calls.filter((c) => c.event.idempotencyKey === event.idempotencyKey).length;
      return (behaviours.get(installationId) ?? (async () => ({ ok: true })))(call, attempt);
    },
  };
  return { deliverer, subscribers, behaviours, calls };
}

const { db, newTenant } = await createTestApi();
const fake = fakeDeliverer();
const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });
const workerOptions = {
  connectionString: db.url,
  logger,
  concurrency: 4,
  pollInterval: 100,
  jobs: [eventJobs({ orm: db.orm, deliverer: fake.deliverer, maxAttempts: 3 })],
};
// Two workers on one database, as two worker processes would run.
const workers = [await startJobWorker(workerOptions), await startJobWorker(workerOptions)];
const utils: WorkerUtils = await makeWorkerUtils({ connectionString: db.url });
afterAll(async () => {
  await utils.release();
  for (const worker of workers) await worker.stop();
});

interface DeliveryRow {
  event_id: string;
  installation_id: string;
  status: string;
  attempts: number;
  last_error: { code: string; message: string; retryable: boolean } | null;
}
const deliveries = (tenantId: string) =>
  withTenantClient(db.orm, tenantId, async (c) => {
    const { rows } = await c.query<DeliveryRow>(
      'select * from event_delivery order by event_id, installation_id',
    );
    return rows;
  });
const events = (tenantId: string) =>
  withTenantClient(db.orm, tenantId, async (c) => {
    const { rows } = await c.query<{ id: string; name: string; payload: Record<string, unknown> }>(
      'select * from outbox_event order by id',
    );
    return rows;
  });

/** A tenant with `count` subscribed installations. */
async function subscribedTenant(name: string, count: number) {
  const tenant = await newTenant(name);
  const installations = Array.from({ length: count }, () => newId('installation'));
  fake.subscribers.set(tenant.tenantId, installations);
  return { ...tenant, installations };
}

const commitEvent = (tenantId: string, name: string, payload: Record<string, unknown> = {}) =>
  withTenantClient(db.orm, tenantId, (c) => recordEvent(c, tenantId, name, payload));
const callsFor = (tenantId: string) => fake.calls.filter((c) => c.tenantId === tenantId);

describe('domain events', () => {
  it('never delivers an event whose transaction rolled back', async () => {
    const { tenantId } = await subscribedTenant('Rollback', 1);
    await expect(
      withTenantClient(db.orm, tenantId, async (c) => {
        await recordEvent(c, tenantId, 'test.rolled_back', {});
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const committed = await commitEvent(tenantId, 'test.committed');
    await until(
      () => deliveries(tenantId),
      (rows) => rows.some((r) => r.event_id === committed && r.status === 'delivered'),
    );
    expect((await events(tenantId)).map((e) => e.name)).toEqual(['test.committed']);
    expect(callsFor(tenantId).map((c) => c.hook)).toEqual(['test.committed']);
  });

  it('delivers each committed event exactly once per subscriber, however many dispatches run at once', async () => {
    const { tenantId, installations } = await subscribedTenant('Concurrent', 2);
    const ids = await withTenantClient(db.orm, tenantId, async (c) => {
      const recorded: string[] = [];
      for (let i = 0; i < 30; i++) recorded.push(await recordEvent(c, tenantId, 'test.many', { i }));
      return recorded;
    });
    // Besides the commit notification's dispatch (one per worker), three more at once with no job key.
    await Promise.all([1, 2, 3].map(() => utils.addJob(DISPATCH_TASK, { tenantId })));
    const rows = await until(
      () => deliveries(tenantId),
      (all) => all.length === 60 && all.every((r) => r.status === 'delivered'),
    );
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    const keys = callsFor(tenantId).map((c) => c.event.idempotencyKey);
    expect(keys).toHaveLength(60);
    expect(new Set(keys)).toEqual(new Set(ids.flatMap((id) => installations.map((ins) => `${id}:${ins}`))));
    // Each plugin gets every event.
    for (const ins of installations) {
      const seen = callsFor(tenantId).filter((c) => c.installationId === ins);
      expect(new Set(seen.map((c) => (c.event.data as { i: number }).i)).size).toBe(30);
    }
  });

  it('picks up, on the periodic poll over all tenants, an event whose commit notification was missed', async () => {
    const { tenantId } = await subscribedTenant('Missed', 1);
    const eventId = newId('event');
    // Written without recordEvent's notification, as if no worker had been listening at commit.
    await withTenantClient(db.orm, tenantId, (c) =>
      c.query(
        `insert into outbox_event (id, tenant_id, name, payload) values ($1, $2, 'test.missed', '{}')`,
        [eventId, tenantId],
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deliveries(tenantId)).toEqual([]);
    await utils.addJob(DISPATCH_TASK, {});
    await until(
      () => deliveries(tenantId),
      (rows) => rows[0]?.event_id === eventId && rows[0]?.status === 'delivered',
    );
  });

  it('retries a retryable failure with the same idempotency key, then delivers once', async () => {
    const { tenantId, installations } = await subscribedTenant('Retry', 1);
    const [ins] = installations as [string];
    fake.behaviours.set(ins, async (_call, attempt) =>
      attempt === 1
        ? { ok: false, error: { code: 'upstream_unavailable', message: 'try later', retryable: true } }
        : { ok: true },
    );
    const eventId = await commitEvent(tenantId, 'test.retry', { n: 1 });
    const [row] = await until(
      () => deliveries(tenantId),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect(row).toMatchObject({ attempts: 2, last_error: { code: 'upstream_unavailable', retryable: true } });
    const calls = callsFor(tenantId);
    expect(calls.map((c) => c.event.idempotencyKey)).toEqual([`${eventId}:${ins}`, `${eventId}:${ins}`]);
    expect(calls[0]?.event).toMatchObject({ eventId, name: 'test.retry', data: { n: 1 } });
  });

  it('records a non-retryable failure as failed, once, with its error', async () => {
    const { tenantId, installations } = await subscribedTenant('Refused', 1);
    const [ins] = installations as [string];
    fake.behaviours.set(ins, async () => ({
      ok: false,
      error: { code: 'invalid_config', message: 'no API key', retryable: false },
    }));
    await commitEvent(tenantId, 'test.refused');
    const [row] = await until(
      () => deliveries(tenantId),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(row).toMatchObject({
      attempts: 1,
      last_error: { code: 'invalid_config', message: 'no API key', retryable: false },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsFor(tenantId)).toHaveLength(1);
  });

  it('answers createPayment before a slow plugin has the payment.received event', async () => {
    const { tenantId, api, administrationId, installations } = await subscribedTenant('Slow', 1);
    const [ins] = installations as [string];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.behaviours.set(ins, async () => {
      await released;
      return { ok: true };
    });
    const debtor = await api('POST', '/api/v1/debtors', { administrationId, number: 'D1', name: 'Slow BV' });
    const invoice = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: 'F1',
      issueDate: '2026-01-05',
      amount: 12_100,
    });
    expect(invoice.status).toBe(201);
    const paid = await api('POST', '/api/v1/payments', {
      administrationId,
      debtorId: debtor.body.id,
      amount: 12_100,
      valueDate: '2026-02-01',
      allocations: [{ invoiceId: invoice.body.id, amount: 12_100 }],
    });
    expect(paid.status).toBe(201);
    const [event] = await events(tenantId);
    expect(event).toMatchObject({
      name: 'payment.received',
      payload: {
        payment: {
          id: paid.body.id,
          amount: { amount: 12_100, currency: 'EUR' },
          paidOn: '2026-02-01',
          allocations: [{ invoiceId: invoice.body.id, amount: { amount: 12_100, currency: 'EUR' } }],
        },
      },
    });
    // The plugin has the event in hand but has not answered; the API already has.
    await until(
      async () => callsFor(tenantId).length,
      (n) => n === 1,
    );
    expect((await deliveries(tenantId))[0]?.status).toBe('pending');
    release();
    await until(
      () => deliveries(tenantId),
      (rows) => rows[0]?.status === 'delivered',
    );
  });

  it("keeps a tenant's events and deliveries invisible to other tenants", async () => {
    const owner = await subscribedTenant('Owner', 1);
    const other = await newTenant('Other');
    const eventId = await commitEvent(owner.tenantId, 'test.private', { secret: true });
    await until(
      () => deliveries(owner.tenantId),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect((await events(owner.tenantId)).map((e) => e.id)).toEqual([eventId]);
    expect(await events(other.tenantId)).toEqual([]);
    expect(await deliveries(other.tenantId)).toEqual([]);
    await expect(
      withTenantClient(db.orm, other.tenantId, (c) => recordEvent(c, owner.tenantId, 'test.forged', {})),
    ).rejects.toThrow(/row-level security/);
  });
});
