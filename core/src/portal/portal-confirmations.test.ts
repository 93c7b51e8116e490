import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { createMailer } from '../mail/mailer.ts';
import { addDays } from '../shared/iso-date.ts';
import { until } from '../shared/until.ts';
import { confirmationJobs } from './confirmation-jobs.ts';
import { sendConfirmations } from './send-confirmations.ts';

// A real SMTP server, which parses what it receives (mailparser).
let refuse: number | null = null;
const smtp = await startTestSmtp(() => refuse);
afterAll(smtp.close);
const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Kredo <mail@kredo.example>' });

const { db, server, newTenant, caller } = await createTestApi();
const acme = await newTenant('Acme');
const backend = await caller(acme.tenantId, ['portal:sessions'], 'cli_acme_web');
await acme.api('PATCH', `/api/v1/administrations/${acme.administrationId}`, {
  senderName: 'Acme Debiteuren',
  replyTo: 'debiteuren@acme.example',
});
const [{ today }] = (await tenantEm(db.orm, acme.tenantId).execute<{ today: string }[]>(
  `select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from administration where id = ?`,
  [acme.administrationId],
)) as [{ today: string }];

let counter = 0;
/** A debtor in `language` with two overdue invoices (€ 100 and € 200), and a portal session for it. */
async function debtorInPortal(language: string, email: string | null) {
  const number = `C${++counter}`;
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
    ...(email && { email }),
    language,
  });
  expect(debtor.status).toBe(201);
  const invoices: string[] = [];
  for (const [i, amount] of [100_00, 200_00].entries()) {
    const res = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: debtor.body.id,
      number: `${number}-F${i + 1}`,
      issueDate: addDays(today, -60),
      dueDate: addDays(today, -30 + i),
      amount,
    });
    invoices.push(res.body.id);
  }
  const session = await backend('POST', '/api/v1/portal/sessions', { debtorId: debtor.body.id });
  const token = session.body.token as string;
  const portal = async (url: string, payload: object, key?: string) => {
    const res = await server.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(key && { 'idempotency-key': key }) },
    });
    expect(res.statusCode).toBe(201);
    return res.result as Json;
  };
  return { debtorId: debtor.body.id as string, number, invoices, portal };
}

/** Runs the job as the worker does, and answers the mails the SMTP server got from it. */
async function sendAndReceive(): Promise<ParsedMail[]> {
  const from = smtp.received.length;
  await sendConfirmations({ orm: db.orm, mailer, maxAttempts: 3, only: acme.tenantId });
  return smtp.received.slice(from);
}

const text = (mail: ParsedMail) => (mail.text ?? '').replace(/\u00a0/g, ' ');
const confirmations = (debtorId: string) =>
  tenantEm(db.orm, acme.tenantId).execute<Json[]>(
    'select action, recipient, "to", status, reason, attempts from portal_confirmation where debtor_id = ? order by id',
    [debtorId],
  );

beforeEach(async () => {
  // Whatever an earlier test left queued is sent now, so each test sees only its own mails.
  await sendAndReceive();
});

describe('e-mail confirmations of portal actions', () => {
  it('confirms a promise in Dutch, from the administration’s sender, once however often the job runs', async () => {
    const debtor = await debtorInPortal('nl', 'anna@example.com');
    const promisedOn = addDays(today, 10);
    const promise = await debtor.portal('/api/v1/portal/promises', { promisedOn }, 'promise-1');
    await debtor.portal('/api/v1/portal/promises', { promisedOn }, 'promise-1');

    // Two jobs at once (a poll and a wake-up), then a retried one: one mail.
    const [first, second] = await Promise.all([sendAndReceive(), sendAndReceive()]);
    const mails = [...first, ...second, ...(await sendAndReceive())];
    expect(mails).toHaveLength(1);
    const [mail] = mails as [ParsedMail];
    expect(mail.to).toMatchObject({ text: 'anna@example.com' });
    expect(mail.from?.value).toEqual([{ name: 'Acme Debiteuren', address: 'mail@kredo.example' }]);
    expect(mail.replyTo?.text).toBe('debiteuren@acme.example');
    expect(mail.headers.get('content-language')).toBe('nl');
    expect(mail.subject).toMatch(/^Uw betaalbelofte voor \d+ \w+ \d{4}$/);
    expect(text(mail)).toContain('Beste Debtor C1,');
    expect(text(mail)).toContain('uw belofte genoteerd om € 300,00 uiterlijk');
    expect(text(mail)).toContain('- C1-F1: € 100,00\n- C1-F2: € 200,00\n');
    expect(text(mail)).toContain('Met vriendelijke groet,\nAcme Debiteuren');
    expect(await confirmations(debtor.debtorId)).toEqual([
      {
        action: 'promise',
        recipient: 'debtor',
        to: 'anna@example.com',
        status: 'sent',
        reason: null,
        attempts: 1,
      },
    ]);
    const [row] = await tenantEm(db.orm, acme.tenantId).execute<{ id: string; source_id: string }[]>(
      'select id, source_id from portal_confirmation where debtor_id = ?',
      [debtor.debtorId],
    );
    expect(row?.source_id).toBe(promise.id);
    expect(mail.messageId).toBe(`<${row?.id}@kredo>`);
  });

  it('confirms a payment plan in English with its instalments', async () => {
    const debtor = await debtorInPortal('en', 'bob@example.com');
    const firstDueOn = addDays(today, 14);
    await debtor.portal('/api/v1/portal/payment-plans', {
      invoiceIds: debtor.invoices,
      instalments: 3,
      firstDueOn,
    });
    const [mail, ...more] = await sendAndReceive();
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Your payment plan: 3 instalments');
    expect(mail?.headers.get('content-language')).toBe('en');
    expect(text(mail as ParsedMail)).toContain('€300.00 in 3 instalments (monthly), for:\n- C2-F1: €100.00');
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${firstDueOn}T00:00:00Z`),
    );
    expect(text(mail as ParsedMail)).toContain(`The instalments:\n- ${due}: €100.00\n`);
  });

  it('confirms a PO number in German and a question in French', async () => {
    const german = await debtorInPortal('de', 'claus@example.com');
    await german.portal(`/api/v1/portal/invoices/${german.invoices[0]}/po-number`, { poNumber: 'PO-4711' });
    const french = await debtorInPortal('fr', 'dominique@example.com');
    await french.portal('/api/v1/portal/questions', {
      message: 'Pouvez-vous envoyer un duplicata ?',
      invoiceIds: [french.invoices[1]],
    });
    const mails = await sendAndReceive();
    const to = (address: string) => mails.filter((m) => m.to && 'text' in m.to && m.to.text === address);
    const [po] = to('claus@example.com');
    expect(to('claus@example.com')).toHaveLength(1);
    expect(po?.subject).toBe('Bestellnummer PO-4711 für Rechnung C3-F1');
    expect(po?.headers.get('content-language')).toBe('de');
    expect(text(po as ParsedMail)).toContain('Mit freundlichen Grüßen');
    const [question] = to('dominique@example.com');
    expect(to('dominique@example.com')).toHaveLength(1);
    expect(question?.subject).toBe('Nous avons bien reçu votre question');
    expect(text(question as ParsedMail)).toContain('concernant C4-F2');
    expect(text(question as ParsedMail)).toContain('Pouvez-vous envoyer un duplicata ?');
  });

  it('tells the old and the new address of a changed e-mail, in the language just chosen', async () => {
    const debtor = await debtorInPortal('nl', 'old@example.com');
    await debtor.portal('/api/v1/portal/contact', { email: 'new@example.com', language: 'en' });
    const mails = await sendAndReceive();
    expect(mails.map((m) => [m.to && 'text' in m.to ? m.to.text : null, m.subject]).sort()).toEqual([
      ['new@example.com', 'Your contact details were changed'],
      ['old@example.com', 'Your e-mail address was changed'],
    ]);
    const toNew = mails.find((m) => m.subject === 'Your contact details were changed') as ParsedMail;
    expect(text(toNew)).toContain(
      '- e-mail: old@example.com → new@example.com\n- language: Dutch → English\n',
    );
    const toOld = mails.find((m) => m.subject === 'Your e-mail address was changed') as ParsedMail;
    expect(text(toOld)).toContain('was changed to new@example.com');

    // A change that keeps the address tells only that address.
    await debtor.portal('/api/v1/portal/contact', { phone: '+31 20 123 4567' });
    const only = await sendAndReceive();
    expect(only.map((m) => (m.to && 'text' in m.to ? m.to.text : null))).toEqual(['new@example.com']);
  });

  it('sends nothing to a debtor without an address, and says so on its timeline', async () => {
    const debtor = await debtorInPortal('nl', null);
    await debtor.portal('/api/v1/portal/questions', { message: 'Wanneer komt de creditnota?' });
    expect(await sendAndReceive()).toEqual([]);
    expect(await confirmations(debtor.debtorId)).toEqual([
      {
        action: 'question',
        recipient: 'debtor',
        to: null,
        status: 'not_sent',
        reason: 'the debtor has no e-mail address',
        attempts: 0,
      },
    ]);
    const timeline = await acme.api('GET', `/api/v1/debtors/${debtor.debtorId}/timeline`);
    expect(timeline.body.data).toContainEqual(
      expect.objectContaining({
        type: 'portal.confirmation',
        summary: 'No confirmation of the question e-mailed: the debtor has no e-mail address',
      }),
    );
  });

  it('records why nothing went without a mail server, and retries a refusal the server may lift', async () => {
    const debtor = await debtorInPortal('en', 'fay@example.com');
    await debtor.portal('/api/v1/portal/questions', { message: 'First?' });
    const unsent = await sendConfirmations({
      orm: db.orm,
      mailer: null,
      maxAttempts: 3,
      only: acme.tenantId,
    });
    expect(unsent).toMatchObject({ notSent: 1, sent: 0 });
    expect(await confirmations(debtor.debtorId)).toMatchObject([
      { status: 'not_sent', reason: 'no mail server is configured (KREDO_SMTP_URL)' },
    ]);

    refuse = 451;
    await debtor.portal('/api/v1/portal/questions', { message: 'Second?' });
    expect(await sendAndReceive()).toEqual([]);
    expect((await confirmations(debtor.debtorId))[1]).toMatchObject({ status: 'pending', attempts: 1 });
    refuse = null;
    // Not before its backoff; once due, sent once.
    expect(await sendAndReceive()).toEqual([]);
    await tenantEm(db.orm, acme.tenantId).execute(
      `update portal_confirmation set next_attempt_at = now() where debtor_id = ? and status = 'pending'`,
      [debtor.debtorId],
    );
    expect(await sendAndReceive()).toHaveLength(1);
    expect((await confirmations(debtor.debtorId))[1]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('puts each mail on the timeline, and leaves a dispute to its acknowledgement alone', async () => {
    const debtor = await debtorInPortal('en', 'erin@example.com');
    await debtor.portal('/api/v1/portal/disputes', {
      invoiceIds: [debtor.invoices[0]],
      type: 'quality',
      description: 'Damaged.',
    });
    await debtor.portal(`/api/v1/portal/invoices/${debtor.invoices[1]}/po-number`, { poNumber: 'PO-1' });
    expect(await sendAndReceive()).toHaveLength(1);
    expect((await confirmations(debtor.debtorId)).map((c) => c.action)).toEqual(['po_number']);
    const timeline = await acme.api('GET', `/api/v1/debtors/${debtor.debtorId}/timeline`);
    const entries = timeline.body.data.filter((e: Json) => e.type === 'portal.confirmation');
    expect(entries).toEqual([
      expect.objectContaining({
        summary: 'Confirmation of the PO number e-mailed to erin@example.com: sent',
        detail: expect.objectContaining({
          subject: `Purchase order number PO-1 for invoice ${debtor.number}-F2`,
          status: 'sent',
        }),
      }),
    ]);
  });

  it('writes from the tenant’s own text where it has one, after checking that it renders', async () => {
    const misspelt = await acme.api('PUT', '/api/v1/portal/confirmation-templates', {
      templates: { question: { nl: { subject: 'Vraag van {{ debtor.nmae }}', text: 'Dank.' } } },
    });
    expect(misspelt).toMatchObject({ status: 400, body: { field: 'templates.question.nl.subject' } });
    const reader = await caller(acme.tenantId, ['dunning:read']);
    const own = {
      subject: 'Uw vraag aan {{ creditor.name }}',
      text: 'Dag {{ debtor.name }}: {{ question.message }}',
    };
    expect(
      (await reader('PUT', '/api/v1/portal/confirmation-templates', { templates: { question: { nl: own } } }))
        .status,
    ).toBe(403);
    const saved = await acme.api('PUT', '/api/v1/portal/confirmation-templates', {
      templates: { question: { nl: own } },
    });
    expect(saved.status).toBe(200);
    const read = await reader('GET', '/api/v1/portal/confirmation-templates');
    expect(read.body.templates).toEqual({ question: { nl: own } });
    expect(read.body.defaults.question.en.subject).toBe('We have received your question');

    const dutch = await debtorInPortal('nl', 'hanna@example.com');
    await dutch.portal('/api/v1/portal/questions', { message: 'Waar blijft de creditnota?' });
    const english = await debtorInPortal('en', 'ian@example.com');
    await english.portal('/api/v1/portal/questions', { message: 'Where is the credit note?' });
    const mails = await sendAndReceive();
    const subjects = Object.fromEntries(
      mails.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject]),
    );
    expect(subjects).toEqual({
      'hanna@example.com': 'Uw vraag aan Acme Debiteuren',
      'ian@example.com': 'We have received your question',
    });
    const toHanna = mails.find((m) => m.subject === 'Uw vraag aan Acme Debiteuren') as ParsedMail;
    expect(text(toHanna)).toBe(`Dag Debtor ${dutch.number}: Waar blijft de creditnota?\n`);
    await acme.api('PUT', '/api/v1/portal/confirmation-templates', { templates: {} });
  });

  it('is sent by the job worker soon after the action commits, woken by the commit', async () => {
    const config = loadConfig({ KREDO_SMTP_URL: smtp.url, KREDO_MAIL_FROM: 'Kredo <mail@kredo.example>' });
    const worker = await startJobWorker({
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
      pollInterval: 100,
      jobs: [confirmationJobs({ orm: db.orm, config })],
    });
    try {
      const debtor = await debtorInPortal('fr', 'gaston@example.com');
      await debtor.portal('/api/v1/portal/promises', { promisedOn: addDays(today, 5) });
      // Recorded once the SMTP server took it, which is after it arrived there.
      const [row] = await until(
        () => confirmations(debtor.debtorId),
        (rows) => rows[0]?.status === 'sent',
        20_000,
      );
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      const mail = smtp.received.find((m) => m.to && 'text' in m.to && m.to.text === 'gaston@example.com');
      expect(mail?.subject).toMatch(/^Votre promesse de paiement pour le /);
    } finally {
      await worker.stop();
    }
  });
});
