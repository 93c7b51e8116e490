import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { createMailer } from '../mail/mailer.ts';
import { disputeTimeline } from './dispute-timeline.ts';
import { escalateDisputes } from './escalate-disputes.ts';
import { sendAcknowledgements } from './send-acknowledgements.ts';
import { addWorkingDays } from './working-days.ts';

// A real SMTP server: what it receives is read back with mailparser.
const received: Buffer[] = [];
let refuse: number | null = null;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(_address, _session, callback) {
    if (refuse) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: refuse }));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push(Buffer.concat(chunks));
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
const mailer = createMailer({
  smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
  mailFrom: 'Acme Credit <credit@acme.example>',
});

const { db, newTenant, caller } = await createTestApi();
const acme = await newTenant('Acme');
const other = await newTenant('Other');

async function debtorWithInvoices(
  api: typeof acme.api,
  administrationId: string,
  number: string,
  extra: Json = {},
) {
  const debtor = await api('POST', '/api/v1/debtors', {
    administrationId,
    number,
    name: `Bakkerij ${number}`,
    type: 'b2b',
    email: `${number.toLowerCase()}@example.com`,
    language: 'nl',
    collector: 'usr_jan',
    ...extra,
  });
  expect(debtor.status).toBe(201);
  const invoices: string[] = [];
  for (const [index, amount] of [1_210_00, 500_00].entries()) {
    const res = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: `${number}-F${index + 1}`,
      issueDate: '2025-10-01',
      dueDate: `2025-10-3${index}`,
      amount,
    });
    expect(res.status).toBe(201);
    invoices.push(res.body.id);
  }
  return { debtorId: debtor.body.id as string, invoices };
}

const tenantSql = <T extends object>(tenantId: string, sql: string, params: unknown[] = []) =>
  tenantEm(db.orm, tenantId).execute<T[]>(sql, params);

describe('disputes', () => {
  it('opens a dispute before Christmas: due in five working days, paused, assigned, acknowledged by mail', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D1');
    const res = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/disputes`,
      {
        invoiceIds: [invoices[0]],
        type: 'quality',
        description: 'Het brood was beschadigd.',
        openedOn: '2025-12-23',
      },
      { 'idempotency-key': 'dispute-1' },
    );
    expect(res.status).toBe(201);
    // Tue 23 Dec 2025: 24 (1), Christmas and Boxing Day, the weekend, 29 (2), 30 (3), 31 (4), New Year, 2 Jan (5).
    expect(res.body).toMatchObject({
      debtorId,
      invoiceIds: [invoices[0]],
      type: 'quality',
      status: 'open',
      assignee: 'usr_jan',
      language: 'nl',
      openedOn: '2025-12-23',
      dueOn: '2026-01-02',
      acknowledgement: { status: 'pending', to: 'd1@example.com', messageId: `<${res.body.id}.ack@kredo>` },
    });
    expect(res.body.acknowledgement.subject).toBe(
      `Wij hebben uw klacht ${res.body.id} ontvangen (Kwaliteit)`,
    );
    const again = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/disputes`,
      {
        invoiceIds: [invoices[0]],
        type: 'quality',
        description: 'Het brood was beschadigd.',
        openedOn: '2025-12-23',
      },
      { 'idempotency-key': 'dispute-1' },
    );
    expect(again.body.id).toBe(res.body.id);

    const pauses = await tenantSql<Json>(
      acme.tenantId,
      'select invoice_id, kind, ends_on, lifted_at from dunning_pause where source_id = ?',
      [res.body.id],
    );
    expect(pauses).toEqual([{ invoice_id: invoices[0], kind: 'dispute', ends_on: null, lifted_at: null }]);
    const tasks = await tenantSql<Json>(
      acme.tenantId,
      'select kind, assignee from task where source_id = ?',
      [res.body.id],
    );
    expect(tasks).toEqual([{ kind: 'dispute', assignee: 'usr_jan' }]);
    const events = await tenantSql<Json>(
      acme.tenantId,
      `select payload from outbox_event where name = 'dispute.opened'`,
    );
    expect(events.map((e) => e.payload.dispute)).toEqual([
      expect.objectContaining({ id: res.body.id, debtorId, invoiceIds: [invoices[0]], type: 'quality' }),
    ]);

    // After commit, the job sends it: a real SMTP server receives it in Dutch with its Message-ID.
    const run = await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId });
    expect(run).toMatchObject({ sent: 1, failed: 0 });
    const mail = await simpleParser(received.at(-1) as Buffer);
    expect(mail.messageId).toBe(`<${res.body.id}.ack@kredo>`);
    expect(mail.to).toMatchObject({ text: 'd1@example.com' });
    expect(mail.headers.get('content-language')).toBe('nl');
    // Intl writes a no-break space between the euro sign and the amount.
    const text = mail.text?.replace(/\u00a0/g, ' ');
    expect(text).toContain('- factuur D1-F1 van 1 oktober 2025, open € 1.210,00\n');
    expect(text).toContain('U hoort uiterlijk 2 januari 2026 van ons');
    const sent = await acme.api('GET', `/api/v1/disputes/${res.body.id}`);
    expect(sent.body.acknowledgement).toMatchObject({ status: 'sent', attempts: 1 });
    expect(
      await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId }),
    ).toMatchObject({
      sent: 0,
    });
  });

  it('records why no acknowledgement went: no address, no mail server, a refusal', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D2', {
      email: null,
    });
    const open = (invoiceId: string, contact?: Json) =>
      acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
        invoiceIds: [invoiceId],
        type: 'price',
        description: 'Too expensive',
        contact,
      });
    const noAddress = await open(invoices[0] as string);
    expect(noAddress.body.acknowledgement).toMatchObject({
      status: 'not_sent',
      reason: 'the debtor has no e-mail address',
    });
    const refused = await open(invoices[1] as string, {
      name: 'Anna',
      email: 'anna@example.com',
      language: 'de',
    });
    expect(refused.body.acknowledgement).toMatchObject({ status: 'pending', to: 'anna@example.com' });
    expect(refused.body.language).toBe('de');
    refuse = 550;
    expect(
      await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId }),
    ).toMatchObject({
      failed: 1,
    });
    refuse = null;
    const failed = await acme.api('GET', `/api/v1/disputes/${refused.body.id}`);
    expect(failed.body.acknowledgement).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.body.acknowledgement.reason).toMatch(/^SMTP 550/);

    // A refusal worth retrying leaves it pending, with the error, for a later run (2 minutes' backoff).
    const fourth = await debtorWithInvoices(acme.api, acme.administrationId, 'D11');
    const retried = await acme.api('POST', `/api/v1/debtors/${fourth.debtorId}/disputes`, {
      invoiceIds: fourth.invoices,
      type: 'price',
      description: 'Retry me',
    });
    refuse = 451;
    expect(
      await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId }),
    ).toMatchObject({
      retrying: 1,
    });
    refuse = null;
    expect(
      await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId }),
    ).toMatchObject({
      sent: 0,
      retrying: 0,
    });
    const waiting = await acme.api('GET', `/api/v1/disputes/${retried.body.id}`);
    expect(waiting.body.acknowledgement).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.body.acknowledgement.reason).toMatch(/^SMTP 451/);
    await tenantSql(acme.tenantId, `update dispute set ack_next_attempt_at = now() where id = ?`, [
      retried.body.id,
    ]);
    expect(
      await sendAcknowledgements({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId }),
    ).toMatchObject({
      sent: 1,
    });
    expect((await simpleParser(received.at(-1) as Buffer)).messageId).toBe(`<${retried.body.id}.ack@kredo>`);

    const third = await debtorWithInvoices(acme.api, acme.administrationId, 'D3');
    const queued = await acme.api('POST', `/api/v1/debtors/${third.debtorId}/disputes`, {
      invoiceIds: third.invoices,
      type: 'other',
      description: 'Unclear',
    });
    await sendAcknowledgements({ orm: db.orm, mailer: null, maxAttempts: 3, only: acme.tenantId });
    const unsent = await acme.api('GET', `/api/v1/disputes/${queued.body.id}`);
    expect(unsent.body.acknowledgement).toMatchObject({
      status: 'not_sent',
      reason: 'no mail server is configured (KREDO_SMTP_URL)',
    });
  });

  it('escalates a dispute past its due date once, to the type’s or the tenant’s escalation user', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D4');
    const settings = await acme.api('PUT', '/api/v1/dispute-settings', { escalateTo: 'usr_head' });
    expect(settings.body.escalateTo).toBe('usr_head');
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: invoices,
      type: 'not_received',
      description: 'Never delivered',
      assignee: 'usr_piet',
    });
    const dueOn = addWorkingDays(res.body.openedOn, 5, 'NL');
    expect(res.body).toMatchObject({ assignee: 'usr_piet', dueOn });
    // A fixed clock: on the due date it stays, the day after it escalates, and only once (the other
    // disputes of this file escalate along: the count is theirs too).
    await escalateDisputes(db.orm, { asOf: dueOn, only: acme.tenantId });
    expect((await acme.api('GET', `/api/v1/disputes/${res.body.id}`)).body.escalatedAt).toBeNull();
    const dayAfter = new Date(Date.parse(`${dueOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(
      (await escalateDisputes(db.orm, { asOf: dayAfter, only: acme.tenantId })).escalated,
    ).toBeGreaterThan(0);
    expect((await escalateDisputes(db.orm, { asOf: dayAfter, only: acme.tenantId })).escalated).toBe(0);
    const escalated = await acme.api('GET', `/api/v1/disputes/${res.body.id}`);
    expect(escalated.body).toMatchObject({ assignee: 'usr_head', escalatedTo: 'usr_head' });
    expect(escalated.body.escalatedAt).toBeTruthy();
    const tasks = await tenantSql<Json>(
      acme.tenantId,
      `select assignee, to_char(due_on, 'YYYY-MM-DD') as due_on from task where source_id = ? and kind = 'dispute_escalated'`,
      [res.body.id],
    );
    expect(tasks).toEqual([{ assignee: 'usr_head', due_on: dayAfter }]);
  });

  it('resolves a dispute: pauses lifted, event recorded, a task when rejected', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D5');
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: invoices,
      type: 'price',
      description: 'Price differs from the quote',
    });
    const moved = await acme.api('PATCH', `/api/v1/disputes/${res.body.id}`, {
      assignee: 'usr_kim',
      dueOn: '2027-01-15',
    });
    expect(moved.body).toMatchObject({ assignee: 'usr_kim', dueOn: '2027-01-15' });
    const resolved = await acme.api('POST', `/api/v1/disputes/${res.body.id}/resolve`, {
      resolution: 'rejected',
      note: 'The quote says the same price',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'rejected',
      resolvedBy: 'usr_test',
    });
    const pauses = await tenantSql<Json>(
      acme.tenantId,
      'select lifted_because from dunning_pause where source_id = ? order by invoice_id',
      [res.body.id],
    );
    expect(pauses).toEqual([{ lifted_because: 'resolved' }, { lifted_because: 'resolved' }]);
    const tasks = await tenantSql<Json>(
      acme.tenantId,
      `select assignee from task where source_id = ? and kind = 'dunning_resumed'`,
      [res.body.id],
    );
    expect(tasks).toEqual([{ assignee: 'usr_jan' }]);
    // The dispute's own handling task is done with it, saying why; the resumed-dunning task stays open.
    const handling = await tenantSql<Json>(
      acme.tenantId,
      'select kind, status, outcome, completed_by from task where source_id = ? order by kind',
      [res.body.id],
    );
    expect(handling).toEqual([
      {
        kind: 'dispute',
        status: 'done',
        outcome: { result: 'done', note: 'Dispute resolved: rejected' },
        completed_by: 'usr_test',
      },
      { kind: 'dunning_resumed', status: 'open', outcome: null, completed_by: null },
    ]);
    const events = await tenantSql<Json>(
      acme.tenantId,
      `select payload from outbox_event where name = 'dispute.resolved' and payload -> 'dispute' ->> 'id' = ?`,
      [res.body.id],
    );
    expect(events.map((e) => e.payload.resolution)).toEqual(['rejected']);

    const twice = await acme.api('POST', `/api/v1/disputes/${res.body.id}/resolve`, {
      resolution: 'settled',
      note: 'again',
    });
    expect(twice).toMatchObject({ status: 409, body: { code: 'dispute_resolved' } });
    const list = await acme.api('GET', `/api/v1/disputes?status=resolved&debtorId=${debtorId}`);
    expect(list.body.data.map((d: Json) => d.id)).toEqual([res.body.id]);
    expect((await acme.api('GET', '/api/v1/disputes?assignee=usr_kim')).body.data).toHaveLength(1);
  });

  it('refuses bad input naming the field', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D6');
    const foreign = await debtorWithInvoices(acme.api, acme.administrationId, 'D7');
    const post = (payload: Json) => acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, payload);
    const base = { invoiceIds: invoices, type: 'price', description: 'x' };
    expect((await post({ ...base, invoiceIds: [] })).body.field).toBe('invoiceIds');
    expect((await post({ ...base, invoiceIds: foreign.invoices })).body).toMatchObject({
      statusCode: 400,
      field: 'invoiceIds',
    });
    expect((await post({ ...base, type: 'nonsense' })).body.field).toBe('type');
    expect((await post({ ...base, openedOn: '2099-01-01' })).body.field).toBe('openedOn');
    expect((await post({ ...base, contact: { email: 'not-an-address' } })).body.field).toBe('contact.email');
    expect((await acme.api('GET', '/api/v1/disputes/dsp_00000000000000000000000000')).body.code).toBe(
      'dispute_not_found',
    );
  });

  it('hides another tenant’s disputes', async () => {
    const mine = await debtorWithInvoices(other.api, other.administrationId, 'O1');
    const res = await other.api('POST', `/api/v1/debtors/${mine.debtorId}/disputes`, {
      invoiceIds: mine.invoices,
      type: 'other',
      description: 'Other tenant',
    });
    expect(res.status).toBe(201);
    expect((await acme.api('GET', `/api/v1/disputes/${res.body.id}`)).status).toBe(404);
    const list = await acme.api('GET', '/api/v1/disputes?limit=500');
    expect(list.body.data.map((d: Json) => d.id)).not.toContain(res.body.id);
    expect((await other.api('GET', '/api/v1/disputes')).body.data.map((d: Json) => d.id)).toEqual([
      res.body.id,
    ]);
    // Another tenant's debtor is not found, not disputable.
    const cross = await acme.api('POST', `/api/v1/debtors/${mine.debtorId}/disputes`, {
      invoiceIds: mine.invoices,
      type: 'other',
      description: 'x',
    });
    expect(cross.status).toBe(404);
  });

  it('needs dunning:write to open and dunning:read to read', async () => {
    const reader = await caller(acme.tenantId, ['dunning:read']);
    expect((await reader('GET', '/api/v1/disputes')).status).toBe(200);
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D8');
    const denied = await reader('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: invoices,
      type: 'price',
      description: 'x',
    });
    expect(denied.status).toBe(403);
  });

  it('shows openings, escalations and resolutions on the debtor’s timeline, newest first', async () => {
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D9');
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: invoices,
      type: 'already_paid',
      description: 'Paid on 1 November',
    });
    await acme.api('POST', `/api/v1/disputes/${res.body.id}/resolve`, {
      resolution: 'settled',
      note: 'Found it',
    });
    const entries = await readAsTenant(db.orm, acme.tenantId, (em) =>
      disputeTimeline(em, { debtorId, limit: 10 }),
    );
    expect(entries.map((e) => [e.id, e.type])).toEqual([
      [`${res.body.id}:resolved`, 'dispute.resolved'],
      [res.body.id, 'dispute.opened'],
    ]);
    expect(entries[0]).toMatchObject({
      actor: 'usr_test',
      invoiceIds: invoices,
      summary: 'Dispute resolved (settled): Found it',
    });
    const older = await readAsTenant(db.orm, acme.tenantId, (em) =>
      disputeTimeline(em, { debtorId, before: entries[0]?.at, limit: 10 }),
    );
    expect(older.map((e) => e.type)).toEqual(['dispute.opened']);
  });
});

describe('dispute types', () => {
  it('lists the shipped types, and a tenant’s own version replaces one', async () => {
    const list = await acme.api('GET', '/api/v1/dispute-types');
    expect(list.body.data.map((t: Json) => t.code)).toEqual([
      'price',
      'quality',
      'not_received',
      'already_paid',
      'other',
    ]);
    expect(list.body.data[1]).toMatchObject({ names: { nl: 'Kwaliteit' }, dueDays: 5, custom: false });

    const put = await acme.api('PUT', '/api/v1/dispute-types/damaged', {
      names: { en: 'Damaged goods', nl: 'Beschadigd' },
      templates: {
        en: { subject: 'Dispute {{ dispute.reference }}', text: 'Dear {{ debtor.name }}, we look into it.' },
        nl: {
          subject: 'Klacht {{ dispute.reference }}',
          text: 'Beste {{ debtor.name }}, u hoort binnen {{ dispute.dueOn }} van ons.',
        },
      },
      dueDays: 2,
      escalateTo: 'usr_quality',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      code: 'damaged',
      custom: true,
      dueDays: 2,
      escalateTo: 'usr_quality',
      active: true,
    });
    const { debtorId, invoices } = await debtorWithInvoices(acme.api, acme.administrationId, 'D10');
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: [invoices[1]],
      type: 'damaged',
      description: 'Crate broken',
    });
    expect(res.body.acknowledgement.subject).toBe(`Klacht ${res.body.id}`);
    expect(res.body.dueOn).toBe(addWorkingDays(res.body.openedOn, 2, 'NL'));

    await acme.api('PUT', '/api/v1/dispute-types/damaged', {
      ...put.body,
      custom: undefined,
      updatedAt: undefined,
      code: undefined,
      active: false,
    });
    const inactive = await acme.api('POST', `/api/v1/debtors/${debtorId}/disputes`, {
      invoiceIds: [invoices[0]],
      type: 'damaged',
      description: 'Again',
    });
    expect(inactive.body.field).toBe('type');
    expect((await acme.api('GET', '/api/v1/dispute-types/damaged')).body.active).toBe(false);
    expect((await acme.api('GET', '/api/v1/dispute-types/unknown')).body.code).toBe('dispute_type_not_found');
    expect((await other.api('GET', '/api/v1/dispute-types/damaged')).status).toBe(404);
  });

  it('refuses a template that does not render, naming it, and stores nothing', async () => {
    const put = (templates: Json) =>
      acme.api('PUT', '/api/v1/dispute-types/price', { names: { en: 'Price' }, templates });
    const unknown = await put({ en: { subject: 'ok', text: 'Dear {{ debtor.nickname }}' } });
    expect(unknown.body).toMatchObject({ statusCode: 400, field: 'templates.en.text' });
    const syntax = await put({ en: { subject: 'ok', text: 'ok' }, fr: { subject: '{% if %}', text: 'ok' } });
    expect(syntax.body.field).toBe('templates.fr.subject');
    expect((await put({ nl: { subject: 'a', text: 'b' } })).body.field).toBe('templates.en');
    expect((await acme.api('GET', '/api/v1/dispute-types/price')).body.custom).toBe(false);
    const reader = await caller(acme.tenantId, ['dunning:read', 'dunning:write']);
    expect(
      (
        await reader('PUT', '/api/v1/dispute-types/price', {
          names: { en: 'P' },
          templates: { en: { subject: 'a', text: 'b' } },
        })
      ).status,
    ).toBe(403);
  });
});
