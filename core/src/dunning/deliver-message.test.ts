import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { deliverAction } from './deliver-action.ts';
import {
  actionInvoice,
  actionRow,
  insertAction,
  insertStrategy,
  rowsAs,
  type TaskSeen,
} from './deliver-test-fixtures.ts';
import type { ActionKind } from './delivery-action.ts';

// SMS and WhatsApp through a message-channel plugin written by hand (it keeps what it was asked to send),
// tasks for phone-call and manual steps, a task when no plugin provides the channel, and `stop`.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { db, caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return [];
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const bare = await newTenant('Bare');
const partner = await createTestPartner(caller, acme.tenantId, 'Texter B.V.');
const texter = await partner.installFor(
  acme,
  {
    id: 'com.example.texter',
    capabilities: ['messageChannel'],
    hooks: [{ name: 'debtor.created', kind: 'event' }],
    scopes: ['debtors:read'],
  },
  `globalThis.__kredo = { hooks: {
    'capability:messageChannel.send': async (input, ctx) => {
      const sent = (await ctx.storage.get('sent')) ?? [];
      sent.push(input);
      await ctx.storage.set('sent', sent);
      return { ok: true, value: { status: 'queued', providerMessageId: 'pm-' + input.idempotencyKey } };
    },
    'debtor.created': async (input, ctx) => (await ctx.storage.get('sent')) ?? [],
  } };`,
);
async function sentTexts() {
  const result = await runtime?.invoke(acme.tenantId, texter, 'debtor.created', {});
  if (!result?.ok) throw new Error(`probe failed: ${JSON.stringify(result)}`);
  return result.value as { to: string; channel: string; text: string; idempotencyKey: string }[];
}

async function action(tenant: typeof acme, kind: ActionKind, number: string, stepName = 'Step') {
  const debtor = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2c',
    phone: '06 1234 5678',
    collector: 'usr_piet',
    addresses: [{ type: 'billing', line1: 'Dorpsstraat 1', country: 'NL' }],
  });
  const invoice = await tenant.api('POST', '/api/v1/invoices', {
    administrationId: tenant.administrationId,
    debtorId: debtor.body.id,
    number: `${number}-F1`,
    issueDate: '2026-09-01',
    dueDate: '2026-10-31',
    amount: 4_250,
  });
  const strategyId = await insertStrategy(db.orm, tenant.tenantId, tenant.administrationId, [
    { name: stepName, action: kind, offsetDays: 7, from: 'due_date' },
  ]);
  return insertAction(db.orm, {
    tenantId: tenant.tenantId,
    administrationId: tenant.administrationId,
    debtorId: debtor.body.id,
    strategyId,
    kind,
    stepName,
    language: 'de',
    invoices: [actionInvoice(invoice.body.id, `${number}-F1`, 4_250, '2026-10-31', 37)],
  });
}
const deliver = (tenant: typeof acme, actionId: string) =>
  deliverAction(
    {
      orm: db.orm,
      runtime: runtime as PluginRuntime,
      publicUrl: () => '',
      filterDeadlineMs: 2000,
      mailer: null,
    },
    { tenantId: tenant.tenantId, actionId, lastAttempt: false },
  );

describe('SMS and WhatsApp', () => {
  it("go through the message-channel plugin in the reminder's language, keyed by the action", async () => {
    const actionId = await action(acme, 'sms', 'S1');
    expect(await deliver(acme, actionId)).toEqual({ status: 'sent' });
    const sent = (await sentTexts()).at(-1);
    expect(sent).toMatchObject({ to: '+31612345678', channel: 'sms' });
    expect(sent?.text.replace(/\u00a0/g, ' ')).toContain('Rechnung(en) über 42,50 €');
    const row = await actionRow(db.orm, acme.tenantId, actionId);
    expect(row).toMatchObject({
      status: 'sent',
      delivery: {
        channel: 'sms',
        to: '+31612345678',
        installationId: texter,
        messageId: `pm-${sent?.idempotencyKey}`,
      },
    });
    // The messages module stored the message with the action's outcome.
    expect(row.delivery?.debtorMessageId).toMatch(/^msg_/);

    const whatsapp = await action(acme, 'whatsapp', 'S2');
    expect(await deliver(acme, whatsapp)).toEqual({ status: 'sent' });
    expect((await sentTexts()).at(-1)).toMatchObject({ channel: 'whatsapp' });
  });

  it('become a task saying so when no plugin provides the channel', async () => {
    const actionId = await action(bare, 'whatsapp', 'S3', 'WhatsApp reminder');
    expect(await deliver(bare, actionId)).toEqual({ status: 'task_created' });
    const [task] = await tasksOf(db.orm, bare.tenantId, actionId);
    expect(task).toMatchObject({ kind: 'channel_unavailable', assignee: 'usr_piet' });
    expect(task?.body).toContain('No message-channel plugin is installed');
    expect(task?.body).toContain('S3-F1');
    expect((await actionRow(db.orm, bare.tenantId, actionId)).delivery).toMatchObject({
      unavailable: 'No message-channel plugin is installed',
    });
    const collection = await action(bare, 'collection', 'S4');
    expect(await deliver(bare, collection)).toEqual({ status: 'task_created' });
    expect(await tasksOf(db.orm, bare.tenantId, collection)).toMatchObject([{ kind: 'channel_unavailable' }]);
  });
});

describe('steps that are work, and stop', () => {
  it('make a phone-call or manual task titled by the step, listing the invoices, once', async () => {
    const call = await action(acme, 'phone_call', 'T1', 'Call the customer');
    expect(await deliver(acme, call)).toEqual({ status: 'task_created' });
    expect(await deliver(acme, call)).toEqual({ status: 'not_pending' });
    const tasks = await tasksOf(db.orm, acme.tenantId, call);
    expect(tasks).toMatchObject([
      { kind: 'phone_call', title: 'Call the customer', assignee: 'usr_piet', status: 'open' },
    ]);
    expect(tasks[0]?.body).toContain('T1-F1  due 2026-10-31 (37 days overdue)  €42.50');
    const manual = await action(acme, 'manual_task', 'T2', 'Check the contract');
    expect(await deliver(acme, manual)).toEqual({ status: 'task_created' });
    expect(await tasksOf(db.orm, acme.tenantId, manual)).toMatchObject([
      { kind: 'manual', title: 'Check the contract' },
    ]);
    expect((await actionRow(db.orm, acme.tenantId, manual)).status).toBe('task_created');
  });

  it('skips a stop step', async () => {
    const stop = await action(acme, 'stop', 'T3');
    expect(await deliver(acme, stop)).toEqual({ status: 'skipped' });
    expect(await actionRow(db.orm, acme.tenantId, stop)).toMatchObject({
      status: 'skipped',
      delivery: { reason: 'stop' },
    });
  });
});

/** The tasks delivery put on the action list for an action (tasks/ has no list function yet). */
const tasksOf = (orm: typeof db.orm, tenantId: string, actionId: string) =>
  rowsAs<TaskSeen>(
    orm,
    tenantId,
    `select * from task where source_type = 'dunning_action' and source_id = $1`,
    [actionId],
  );
