import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { extractText } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withAdministrations } from '../db/administration-scope.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { insightLedger } from '../insight/test-insight-ledger.ts';
import { createMailer } from '../mail/mailer.ts';
import { claimPeriod } from './delivery-store.ts';
import { createSchedule, type ScheduleInput } from './schedule-store.ts';
import { sendScheduledReports } from './send-scheduled-reports.ts';

// Schedules through the API, and the job that mails them through a real SMTP server, whose messages
// are parsed with mailparser and their attachments read back.
let refuse: number | null = null;
const smtp = await startTestSmtp(() => refuse);
afterAll(() => smtp.close());
const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Kredo <reports@kredo.example>' });

const { db, newTenant, caller } = await createTestApi();
const acme = await newTenant('Schedules BV');
const other = await newTenant('Elsewhere BV');
const ledger = insightLedger(acme.api, acme.administrationId);
const alice = await ledger.debtor('Alice');
await ledger.invoice(alice, 100_000, '2026-01-01', '2026-01-31');
await ledger.invoice(alice, 20_000, '2026-01-01', '2099-01-31');

/** Monday 14 December 2026, 08:00 UTC: week 51 is due for a weekly schedule at 7 (UTC). */
const MONDAY = new Date('2026-12-14T08:00:00Z');
const run = (now = MONDAY) =>
  sendScheduledReports({ orm: db.orm, mailer, maxAttempts: 3, now: () => now, only: acme.tenantId });
const em = tenantEm(db.orm, acme.tenantId);

const weekly = {
  name: 'Monday ageing',
  kind: 'ageing',
  format: 'pdf',
  parameters: { administrationId: acme.administrationId },
  cadence: 'weekly',
  timeZone: 'UTC',
  recipients: ['Anna@acme.example', 'bert@acme.example'],
};

async function schedule(body: object) {
  const res = await acme.api('POST', '/api/v1/report-schedules', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('report schedules', () => {
  it('are created, read, changed and deleted through the API', async () => {
    const res = await acme.api('POST', '/api/v1/report-schedules', { ...weekly, name: 'Kept' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      administrationId: acme.administrationId,
      kind: 'ageing',
      format: 'pdf',
      table: null,
      cadence: 'weekly',
      hour: 7,
      timeZone: 'UTC',
      recipients: ['anna@acme.example', 'bert@acme.example'],
      language: 'en',
      createdBy: 'usr_test',
    });
    const id = res.body.id;
    const changed = await acme.api('PUT', `/api/v1/report-schedules/${id}`, {
      ...weekly,
      name: 'Kept',
      format: 'csv',
      table: 'totals',
      cadence: 'monthly',
      timeZone: undefined,
    });
    expect(changed.status).toBe(200);
    // Without a time zone: the administration's.
    expect(changed.body).toMatchObject({
      format: 'csv',
      table: 'totals',
      cadence: 'monthly',
      timeZone: 'Europe/Amsterdam',
    });
    const viewer = await caller(acme.tenantId, ['ledger:read']);
    const list = await viewer('GET', '/api/v1/report-schedules');
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(id);
    expect((await other.api('GET', `/api/v1/report-schedules/${id}`)).status).toBe(404);
    expect((await viewer('DELETE', `/api/v1/report-schedules/${id}`)).status).toBe(403);
    expect((await acme.api('DELETE', `/api/v1/report-schedules/${id}`)).status).toBe(204);
    expect((await acme.api('GET', `/api/v1/report-schedules/${id}`)).status).toBe(404);
  });

  it('refuse what would not make a report, naming the field; need reports:manage', async () => {
    const refused = async (body: object) => {
      const res = await acme.api('POST', '/api/v1/report-schedules', { ...weekly, ...body });
      return [res.status, res.body.field ?? res.body.details?.field ?? res.body.code];
    };
    expect(await refused({ recipients: ['not an address'] })).toEqual([400, 'recipients.0']);
    expect(await refused({ recipients: [] })).toEqual([400, 'recipients']);
    expect(await refused({ recipients: ['a@x.example', 'A@x.example'] })).toEqual([400, 'recipients.1']);
    expect(await refused({ kind: 'horoscope' })).toEqual([400, 'kind']);
    expect(await refused({ parameters: { edges: '60,30' } })).toEqual([400, 'parameters.edges[1]']);
    expect(await refused({ parameters: { asOf: '2026-01-01' } })).toEqual([400, 'parameters.asOf']);
    expect(await refused({ parameters: { colour: 'red' } })).toEqual([400, 'parameters.colour']);
    expect(await refused({ table: 'totals' })).toEqual([400, 'table']);
    expect(await refused({ format: 'csv', table: 'nope' })).toEqual([400, 'table']);
    expect(await refused({ cadence: 'hourly' })).toEqual([400, 'cadence']);
    expect(await refused({ timeZone: 'Mars/Olympus' })).toEqual([400, 'timeZone']);
    expect(await refused({ language: 'es' })).toEqual([400, 'language']);
    expect(await refused({ parameters: { administrationId: other.administrationId } })).toEqual([
      404,
      'administration_not_found',
    ]);
    const collector = await caller(acme.tenantId, ['ledger:read', 'dunning:write']);
    expect((await collector('POST', '/api/v1/report-schedules', weekly)).status).toBe(403);
  });

  it('keep a member limited to some administrations to schedules of those', async () => {
    // What a limited member's request does (http/administration-limit.ts), at the store.
    const limited = <T>(work: (em: EntityManager) => Promise<T>) =>
      withAdministrations([acme.administrationId], () => work(tenantEm(db.orm, acme.tenantId)));
    const input = { ...weekly, format: 'pdf', cadence: 'weekly', hour: 7 } as ScheduleInput;
    const own = await limited((em) =>
      createSchedule(em, acme.tenantId, 'usr_limited', { ...input, name: 'Own administration' }),
    );
    expect(own.administration_id).toBe(acme.administrationId);
    const whole = await limited((em) =>
      createSchedule(em, acme.tenantId, 'usr_limited', { ...input, name: 'Whole tenant', parameters: {} }),
    ).catch((error) => error);
    expect(whole.code).toBe('42501'); // row-level security: the API answers 403 administration_not_allowed
    await em.execute('delete from report_schedule where id = ?', [own.id]);
  });

  it('mail the report once per period, attached, to every recipient', async () => {
    const id = await schedule(weekly);
    const before = smtp.received.length;
    expect(await run(new Date('2026-12-14T06:59:00Z'))).toMatchObject({ sent: 0 }); // before Monday's hour
    expect(await run()).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
    const mail = smtp.received.at(-1);
    expect(smtp.received.length).toBe(before + 1);
    expect(mail?.messageId).toBe(`<${id}.2026-W51@kredo>`);
    expect(mail?.subject).toBe('Monday ageing: Ageing of open receivables (2026-W51)');
    expect(mail?.from?.value[0]).toEqual({ name: 'Schedules BV', address: 'reports@kredo.example' });
    expect((Array.isArray(mail?.to) ? mail?.to[0] : mail?.to)?.value.map((v) => v.address)).toEqual([
      'anna@acme.example',
      'bert@acme.example',
    ]);
    const [attachment] = mail?.attachments ?? [];
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.filename).toMatch(/^ageing-\d{4}-\d{2}-\d{2}\.pdf$/);
    const { text } = await extractText(new Uint8Array(attachment?.content as Buffer), { mergePages: true });
    expect(text).toContain('Ageing (EUR)');
    expect(text).toContain('Administration: Schedules BV (main)');
    // Again in the same week, later: nothing more. The next Monday: week 52.
    expect(await run(new Date('2026-12-18T12:00:00Z'))).toMatchObject({ sent: 0 });
    expect(smtp.received.length).toBe(before + 1);
    const view = await acme.api('GET', `/api/v1/report-schedules/${id}`);
    expect(view.body.deliveries).toEqual([
      expect.objectContaining({ period: '2026-W51', status: 'sent', attempts: 1, reason: null }),
    ]);
    expect(await run(new Date('2026-12-21T07:00:00Z'))).toMatchObject({ sent: 1 });
    expect(smtp.received.at(-1)?.messageId).toBe(`<${id}.2026-W52@kredo>`);
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
  });

  it('write the report and the mail in the schedule’s language', async () => {
    const id = await schedule({ ...weekly, name: 'Wochenbericht', language: 'de' });
    expect((await acme.api('GET', `/api/v1/report-schedules/${id}`)).body.language).toBe('de');
    await run();
    const mail = smtp.received.find((m) => m.messageId === `<${id}.2026-W51@kredo>`);
    expect(mail?.subject).toBe('Wochenbericht: Altersstruktur der offenen Forderungen (2026-W51)');
    expect(mail?.headers.get('content-language')).toBe('de');
    const lines = mail?.text?.trim().split('\n');
    expect(lines?.[0]).toMatch(/^Altersstruktur der offenen Forderungen, Stand \d{2}\.\d{2}\.\d{4}\.$/);
    expect(lines).toContain('Mandant: Schedules BV (main)');
    expect(lines?.at(-2)).toBe(
      `Sie erhalten diese Nachricht, weil Sie auf der Liste des wöchentlichen Berichtsplans „Wochenbericht“ (${id}) in Kredo stehen.`,
    );
    expect(lines?.at(-1)).toBe('Wer in Kredo die Berichte verwaltet, kann Sie von der Liste nehmen.');
    const [attachment] = mail?.attachments ?? [];
    expect(lines).toContain(`Anhang: ${attachment?.filename}.`);
    const { text } = await extractText(new Uint8Array(attachment?.content as Buffer), { mergePages: true });
    expect(text).toContain('Altersstruktur (EUR)');
    expect(text).toContain('Mandant: Schedules BV (main)');
    expect(text).toContain('1.000,00');
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
  });

  it('schedule the KPI series too, for the month before', async () => {
    const id = await schedule({
      ...weekly,
      name: 'Série mensuelle',
      kind: 'kpi-series',
      format: 'xlsx',
      cadence: 'monthly',
      language: 'fr',
    });
    expect(await run()).toMatchObject({ sent: 1 });
    const mail = smtp.received.find((m) => m.messageId === `<${id}.2026-12@kredo>`);
    expect(mail?.subject).toBe('Série mensuelle: Indicateurs dans le temps (2026-12)');
    expect(mail?.text).toContain('Période : du 1 nov. 2026 au 30 nov. 2026');
    expect(mail?.attachments[0]?.filename).toBe('kpi-series-2026-11-30.xlsx');
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
  });

  it('attach one table as CSV when the format is csv', async () => {
    const id = await schedule({ ...weekly, name: 'Totals', format: 'csv', table: 'totals' });
    await run();
    const mail = smtp.received.find((m) => m.messageId === `<${id}.2026-W51@kredo>`);
    const [attachment] = mail?.attachments ?? [];
    expect(attachment?.contentType).toBe('text/csv');
    expect(parse(attachment?.content as Buffer, { columns: true })).toEqual([
      expect.objectContaining({ currency: 'EUR', open_amount: '1200.00', overdue_amount: '1000.00' }),
    ]);
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
  });

  it('after a crash mid-send, send the period later with the same Message-ID, never while another holds it', async () => {
    const id = await schedule({ ...weekly, name: 'Crash' });
    // A worker claimed week 51 and died before sending: its lease still holds, so nobody sends.
    const claim = {
      tenantId: acme.tenantId,
      scheduleId: id,
      administrationId: acme.administrationId,
      period: '2026-W51',
    };
    expect(await claimPeriod(em, claim)).toBe(1);
    expect(await run()).toMatchObject({ sent: 0 });
    expect(await claimPeriod(em, claim)).toBeNull();
    // The lease runs out: the next run sends it, once.
    await em.execute(
      `update report_delivery set claimed_until = now() - interval '1 second' where schedule_id = ?`,
      [id],
    );
    expect(await run()).toMatchObject({ sent: 1 });
    expect(await run()).toMatchObject({ sent: 0 });
    const sent = smtp.received.filter((m) => m.messageId === `<${id}.2026-W51@kredo>`);
    expect(sent).toHaveLength(1);
    const view = await acme.api('GET', `/api/v1/report-schedules/${id}`);
    expect(view.body.deliveries[0]).toMatchObject({ period: '2026-W51', status: 'sent', attempts: 2 });
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
  });

  it('retry what the server defers, and record what it refuses', async () => {
    const id = await schedule({ ...weekly, name: 'Deferred' });
    refuse = 451;
    expect(await run()).toMatchObject({ sent: 0, retrying: 1 });
    let view = await acme.api('GET', `/api/v1/report-schedules/${id}`);
    expect(view.body.deliveries[0]).toMatchObject({ status: 'sending', attempts: 1 });
    expect(view.body.deliveries[0].reason).toContain('451');
    expect(await run()).toMatchObject({ retrying: 0 }); // waiting its 2 minutes
    refuse = null;
    await em.execute(`update report_delivery set claimed_until = now() where schedule_id = ?`, [id]);
    expect(await run()).toMatchObject({ sent: 1 });
    view = await acme.api('GET', `/api/v1/report-schedules/${id}`);
    expect(view.body.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2, reason: null });

    const refused = await schedule({ ...weekly, name: 'Refused' });
    refuse = 550;
    expect(await run()).toMatchObject({ failed: 1 });
    refuse = null;
    view = await acme.api('GET', `/api/v1/report-schedules/${refused}`);
    expect(view.body.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await run()).toMatchObject({ sent: 0, failed: 0 }); // a failed period is not tried again
    await acme.api('DELETE', `/api/v1/report-schedules/${id}`);
    await acme.api('DELETE', `/api/v1/report-schedules/${refused}`);
  });

  it('record that nothing can be sent without a mail server', async () => {
    const id = await schedule({ ...weekly, name: 'No SMTP' });
    const result = await sendScheduledReports({
      orm: db.orm,
      mailer: null,
      maxAttempts: 3,
      now: () => MONDAY,
      only: acme.tenantId,
    });
    expect(result).toMatchObject({ failed: 1 });
    const view = await acme.api('GET', `/api/v1/report-schedules/${id}`);
    expect(view.body.deliveries[0]).toMatchObject({
      status: 'failed',
      reason: 'no mail server is configured (KREDO_SMTP_URL)',
    });
  });
});
