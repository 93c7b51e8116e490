import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { startMollieFake } from '../../../plugins/mollie-pay-link/fake/index.ts';
import { bundlePlugin } from '../../../sdk/src/cli/build.ts';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { readAsTenant, withTenantClient } from '../db/tenant-scope.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { createMailer } from '../mail/mailer.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { until } from '../shared/until.ts';
import { deliverAction, RetryDelivery } from './deliver-action.ts';
import {
  actionInvoice,
  actionRow,
  insertAction,
  insertRun,
  insertStrategy,
  rowsAs,
  startTestSmtp,
  type TaskSeen,
} from './deliver-test-fixtures.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { deliveryJobs } from './delivery-jobs.ts';
import { readRunLetters } from './delivery-store.ts';
import { actionLetterPdf } from './letter-files.ts';
import { DUNNING_CHANNEL } from './run-write.ts';

// E-mail reminders end to end: actions as the runs write them, the real Mollie reference plugin (built,
// signed, installed) against its local fake for the pay link, a plugin of our own on `reminder.compose`,
// and a real SMTP server whose mail mailparser reads back.
const mollieKey = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
const mollie = await startMollieFake({ apiKey: mollieKey });
const smtp = await startTestSmtp((to) =>
  to.startsWith('refuse') ? 550 : to.startsWith('busy') && busy ? 450 : null,
);
let busy = true;
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true' });
let runtime: PluginRuntime | undefined;
const { db, caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({
      orm,
      config,
      secretsKey,
      originRoutes: { 'https://api.mollie.com': mollie.origin },
    });
    return [];
  },
});
afterAll(async () => {
  await runtime?.close();
  await mollie.close();
  await smtp.close();
});

const acme = await newTenant('Acme');
const partner = await createTestPartner(caller, acme.tenantId, 'Kredo', 'dev.kredo');
const dir = fileURLToPath(new URL('../../../plugins/mollie-pay-link/', import.meta.url));
const { code } = await bundlePlugin({ entry: 'src/plugin.ts', cwd: dir });
await partner.installFor(acme, JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')), code, {
  secrets: { apiKey: mollieKey },
  config: { redirectUrl: 'https://acme.example/thanks' },
});
// A plugin that adds a line to every reminder, and one that always fails: the reminder goes regardless.
await partner.installFor(
  acme,
  {
    id: 'dev.kredo.reminder-lines',
    hooks: [{ name: 'reminder.compose', kind: 'filter' }],
    scopes: ['debtors:read', 'invoices:read'],
  },
  `globalThis.__kredo = { hooks: { 'reminder.compose': async (input) => ({ ok: true, value: {
     lines: ['Questions? Call 020 123 4567 about ' + input.step + ' (' + input.language + ')'] } }) } };`,
);
await partner.installFor(
  acme,
  {
    id: 'dev.kredo.reminder-broken',
    hooks: [{ name: 'reminder.compose', kind: 'filter' }],
    scopes: ['debtors:read', 'invoices:read'],
  },
  `globalThis.__kredo = { hooks: { 'reminder.compose': async () => { throw new Error('broken on purpose'); } } };`,
);

// A subscriber of dunning.message.sent, so that the event is recorded (nobody listening: no event).
await partner.installFor(
  acme,
  {
    id: 'dev.kredo.sent-listener',
    hooks: [{ name: 'dunning.message.sent', kind: 'event' }],
    scopes: ['dunning:read'],
  },
  `globalThis.__kredo = { hooks: { 'dunning.message.sent': async () => {} } };`,
);

const deps = (): DeliveryDeps => ({
  orm: db.orm,
  runtime: runtime as PluginRuntime,
  publicUrl: () => 'http://127.0.0.1:3000',
  filterDeadlineMs: 5000,
  mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Acme Credit <credit@acme.example>' }),
});

await acme.api('PATCH', `/api/v1/administrations/${acme.administrationId}`, {
  senderName: 'Acme Credit Control',
  senderAddress: ['Keizersgracht 1', '1015 CJ Amsterdam'],
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  accountHolder: 'Acme B.V.',
  replyTo: 'debiteuren@acme.example',
  signature: 'Afdeling debiteurenbeheer',
});
const strategyId = await insertStrategy(db.orm, acme.tenantId, acme.administrationId, [
  { name: 'Eerste herinnering', action: 'email', offsetDays: 7, from: 'due_date', payWithinDays: 7 },
  {
    name: 'Tweede herinnering',
    action: 'email',
    offsetDays: 14,
    from: 'previous_step',
    templates: {
      en: {
        subject: 'Account {{ debtor.number }}: {{ reminder.totalDue }}',
        text: 'Hello {{ debtor.contactName }}, please pay {{ reminder.totalDue }}.',
      },
    },
  },
]);

async function debtor(number: string, fields: Record<string, unknown>) {
  const res = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
    collector: 'usr_jan',
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function invoice(debtorId: string, number: string, amount: number, dueDate: string) {
  const res = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId,
    number,
    issueDate: '2026-09-01',
    dueDate,
    amount,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
/** A debtor with two overdue invoices and an e-mail action for them. */
async function emailAction(
  number: string,
  debtorFields: Record<string, unknown>,
  extra: Partial<Parameters<typeof insertAction>[1]> = {},
) {
  const debtorId = await debtor(number, debtorFields);
  const a = await invoice(debtorId, `${number}-F1`, 100_000, '2026-10-31');
  const b = await invoice(debtorId, `${number}-F2`, 30_050, '2026-11-15');
  const actionId = await insertAction(db.orm, {
    tenantId: acme.tenantId,
    administrationId: acme.administrationId,
    debtorId,
    strategyId,
    kind: 'email',
    language: 'nl',
    invoices: [
      actionInvoice(a, `${number}-F1`, 100_000, '2026-10-31', 37),
      actionInvoice(b, `${number}-F2`, 30_050, '2026-11-15', 22),
    ],
    credits: [{ kind: 'credit_note', id: 'inv_credit', reference: 'CN-7', amount: -9_000 }],
    ...extra,
  });
  return { debtorId, actionId, invoiceIds: [a, b] };
}
const deliver = (actionId: string, lastAttempt = false) =>
  deliverAction(deps(), { tenantId: acme.tenantId, actionId, lastAttempt });
const mailTo = (address: string) =>
  smtp.received.filter((m) => m.to && 'text' in m.to && m.to.text.includes(address));

describe('e-mail reminders', () => {
  it("go to the contact in its language: invoices, credit, total, the Mollie pay link and the plugins' lines", async () => {
    const { actionId } = await emailAction('E1', {
      email: 'info@e1.example',
      language: 'nl',
      contacts: [
        { name: 'John Smith', email: 'john@e1.example', language: 'en' },
        { name: 'Anna de Vries', email: 'anna@e1.example', language: 'nl', preferredChannel: 'email' },
      ],
    });
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    const [mail] = mailTo('anna@e1.example');
    if (!mail) throw new Error('no mail for anna');
    expect(mail.messageId).toBe(`<${actionId}@kredo>`);
    expect(mail.replyTo?.text).toBe('debiteuren@acme.example');
    // From: the administration's sender name at KREDO_MAIL_FROM's address.
    expect(mail.from?.value).toEqual([{ name: 'Acme Credit Control', address: 'credit@acme.example' }]);
    expect(mail.headers.get('content-language')).toBe('nl');
    expect(mail.subject).toBe('Herinnering: openstaande facturen Acme Credit Control');
    // Intl writes a no-break space between the euro sign and the amount.
    const text = (mail.text ?? '').replace(/\u00a0/g, ' ');
    expect(text).toContain('Geachte Anna de Vries,');
    expect(text).toContain('E1-F1');
    expect(text).toContain('€ 1.000,00');
    expect(text).toContain('E1-F2');
    expect(text).toContain('€ 300,50');
    expect(text).toContain('Creditnota CN-7');
    expect(text).toContain('€ -90,00');
    // 1,000.00 + 300.50 − 90.00, in Dutch notation; pay-by = the step's date + 7 days.
    expect(text).toContain('Te betalen: € 1.210,50');
    expect(text).toContain('uiterlijk 14 december 2026');
    expect(text).toContain('NL91 ABNA 0417 1643 00');
    expect(text).toContain('Questions? Call 020 123 4567 about First reminder (nl)');
    const payLink = text.match(/Nu betalen: (\S+)/)?.[1];
    expect(payLink).toMatch(/^https:\/\/www\.mollie\.com\/checkout\//);
    expect(mail.html).toContain(`href="${payLink}"`);
    expect(mail.html).toContain('<td style="padding:4px 8px;border-bottom:1px solid #ddd">E1-F1</td>');

    const row = await actionRow(db.orm, acme.tenantId, actionId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();
    expect(row.delivery).toMatchObject({
      channel: 'email',
      messageId: `<${actionId}@kredo>`,
      to: 'anna@e1.example',
      template: 'default',
      payLink: { url: payLink },
      links: [{ label: 'Nu betalen', url: payLink }],
    });
    const [event] = await rowsAs<{
      payload: { action: { id: string; kind: string }; channel: string; messageId: string };
    }>(
      db.orm,
      acme.tenantId,
      `select payload from outbox_event where name = 'dunning.message.sent' and payload -> 'action' ->> 'id' = $1`,
      [actionId],
    );
    expect(event?.payload).toMatchObject({
      action: { id: actionId, kind: 'email' },
      channel: 'email',
      messageId: `<${actionId}@kredo>`,
    });
    const problems = row.delivery?.problems as { code: string; message: string }[];
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('broken on purpose');
  });

  it("uses the step's own template for the language, and the debtor's address without a contact", async () => {
    const { actionId } = await emailAction(
      'E2',
      { email: 'ap@e2.example' },
      { language: 'en', stepIndex: 2, stepName: 'Tweede herinnering' },
    );
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    const [mail] = mailTo('ap@e2.example');
    expect(mail?.subject).toBe('Account E2: €1,210.50');
    expect(mail?.text?.trim()).toBe('Hello Debtor E2, please pay €1,210.50.');
    expect(mail?.html).toContain('<p>Hello Debtor E2, please pay €1,210.50.</p>');
  });

  it('is retried after a 4xx with the error on the action, and sent once the server takes it', async () => {
    busy = true;
    const { actionId } = await emailAction('E3', { email: 'busy@e3.example' });
    const first = await deliver(actionId).catch((error) => error);
    expect(first).toBeInstanceOf(RetryDelivery);
    expect(await actionRow(db.orm, acme.tenantId, actionId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: { code: 'smtp_unavailable', message: expect.stringContaining('450') },
    });
    const { payLink } = (await actionRow(db.orm, acme.tenantId, actionId)).delivery as {
      payLink: { url: string };
    };
    busy = false;
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    // The second attempt reused the first one's pay link: one link per action.
    expect(await actionRow(db.orm, acme.tenantId, actionId)).toMatchObject({
      status: 'sent',
      attempts: 2,
      delivery: { payLink },
    });
    expect(mailTo('busy@e3.example')).toHaveLength(1);
    expect(mailTo('busy@e3.example')[0]?.text).toContain(payLink.url);
  });

  it('fails on a 5xx, visibly on the action, with a task for the collector; and on no address', async () => {
    const { actionId } = await emailAction('E4', { email: 'refuse@e4.example' });
    expect(await deliver(actionId)).toMatchObject({ status: 'failed', error: { code: 'smtp_rejected' } });
    expect(await actionRow(db.orm, acme.tenantId, actionId)).toMatchObject({
      status: 'failed',
      last_error: { code: 'smtp_rejected', message: expect.stringContaining('550') },
    });
    const [task] = await tasksOf(db.orm, acme.tenantId, actionId);
    expect(task).toMatchObject({ kind: 'dunning_failed', assignee: 'usr_jan', status: 'open' });
    expect(task?.body).toContain('E4-F1');

    const none = await emailAction('E5', {});
    expect(await deliver(none.actionId)).toMatchObject({
      status: 'failed',
      error: { code: 'no_email_address' },
    });
    expect(await tasksOf(db.orm, acme.tenantId, none.actionId)).toHaveLength(1);
  });

  it('sends the reminder as a letter to a debtor with a postal address and no e-mail, unless the step says task', async () => {
    const address = {
      type: 'postal',
      line1: 'Postbus 12',
      postalCode: '3500 AA',
      city: 'Utrecht',
      country: 'NL',
    };
    const runId = await insertRun(db.orm, acme.tenantId, acme.administrationId);
    const { actionId } = await emailAction('E10', { addresses: [address] }, { runId });
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    expect(await actionRow(db.orm, acme.tenantId, actionId)).toMatchObject({
      status: 'sent',
      delivery: {
        channel: 'letter',
        printBatch: runId,
        addressLines: ['Debtor E10', 'Postbus 12', '3500 AA  Utrecht', 'NL'],
        fallback: { from: 'email', reason: 'no_email_address' },
      },
    });
    expect(await tasksOf(db.orm, acme.tenantId, actionId)).toHaveLength(0);
    // It is in the run's print batch and downloads as a letter, with its invoices and the EPC payload.
    const batch = await readAsTenant(db.orm, acme.tenantId, (em) => readRunLetters(em, runId));
    expect(batch.map((a) => a.id)).toEqual([actionId]);
    const pdf = await actionLetterPdf(db.orm, acme.tenantId, actionId);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('E10-F1');
    expect(text).toContain('Postbus 12');

    const taskStrategy = await insertStrategy(db.orm, acme.tenantId, acme.administrationId, [
      { name: 'Alleen e-mail', action: 'email', offsetDays: 7, from: 'due_date', fallback: 'task' },
    ]);
    const strict = await emailAction('E11', { addresses: [address] }, { strategyId: taskStrategy });
    expect(await deliver(strict.actionId)).toMatchObject({
      status: 'failed',
      error: { code: 'no_email_address' },
    });
    expect(await tasksOf(db.orm, acme.tenantId, strict.actionId)).toHaveLength(1);
  });

  it('records a retryable failure as failed on the last attempt', async () => {
    busy = true;
    const { actionId } = await emailAction('E6', { email: 'busy@e6.example' });
    expect(await deliver(actionId, true)).toMatchObject({
      status: 'failed',
      error: { code: 'smtp_unavailable' },
    });
    busy = false;
  });

  it('sends an action a crash left `sending` once, and a duplicate job for a sent action sends nothing', async () => {
    const { actionId } = await emailAction('E7', { email: 'ap@e7.example' }, { status: 'sending' });
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    expect(await deliver(actionId)).toEqual({ status: 'not_pending' });
    expect(mailTo('ap@e7.example')).toHaveLength(1);
    // The pay link was made once for the action, whatever the attempts.
    const row = await actionRow(db.orm, acme.tenantId, actionId);
    expect(row.attempts).toBe(1);
  });

  it('skips an action whose invoices were all paid before it went', async () => {
    const { debtorId, actionId, invoiceIds } = await emailAction('E8', { email: 'ap@e8.example' });
    const payment = await acme.api('POST', '/api/v1/payments', {
      administrationId: acme.administrationId,
      debtorId,
      externalId: 'PAY-E8',
      valueDate: '2026-12-01',
      amount: 130_050,
      currency: 'EUR',
      allocations: [
        { invoiceId: invoiceIds[0], amount: 100_000 },
        { invoiceId: invoiceIds[1], amount: 30_050 },
      ],
    });
    expect(payment.status).toBe(201);
    expect(await deliver(actionId)).toEqual({ status: 'skipped' });
    expect(mailTo('ap@e8.example')).toHaveLength(0);
  });

  it('goes out through the job queue when a run commits (LISTEN kredo_dunning)', async () => {
    const worker = await startJobWorker({
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
      pollInterval: 100,
      jobs: [
        deliveryJobs(
          { orm: db.orm, config, runtime: runtime as PluginRuntime, publicUrl: () => '' },
          { deliveryDeps: deps() },
        ),
      ],
    });
    try {
      const { actionId } = await emailAction('E9', { email: 'ap@e9.example' });
      await withTenantClient(db.orm, acme.tenantId, (c) =>
        c.query('select pg_notify($1, $2)', [DUNNING_CHANNEL, acme.tenantId]),
      );
      await until(
        () => actionRow(db.orm, acme.tenantId, actionId),
        (row) => row.status === 'sent',
      );
      expect(mailTo('ap@e9.example')).toHaveLength(1);
    } finally {
      await worker.stop();
    }
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
