import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import type { ActionCharges, ActionCredit, ActionInvoice, ActionKind } from './delivery-action.ts';

/**
 * What the delivery tests share: strategies, runs and actions written as the engine writes them (the
 * shapes of the Dunning migration and docs/dunning-contracts), and a real SMTP server that keeps what
 * it receives, parsed by mailparser.
 */

export async function insertStrategy(orm: Orm, tenantId: string, administrationId: string, steps: object[]) {
  const id = newId('strategy');
  await withTenantClient(orm, tenantId, async (client) => {
    await client.query(
      `insert into dunning_strategy (tenant_id, id, administration_id, name, current_version) values ($1, $2, $3, $4, 1)`,
      [tenantId, id, administrationId, `Strategy ${id.slice(-6)}`],
    );
    await client.query(
      `insert into dunning_strategy_version (tenant_id, strategy_id, version, definition) values ($1, $2, 1, $3)`,
      [tenantId, id, JSON.stringify({ defaultLanguage: 'en', steps })],
    );
  });
  return id;
}

export async function insertRun(orm: Orm, tenantId: string, administrationId: string) {
  const id = newId('dunningRun');
  await withTenantClient(orm, tenantId, (client) =>
    client.query(
      `insert into dunning_run (tenant_id, id, administration_id, as_of, dry_run, trigger, status)
       values ($1, $2, $3, '2026-12-07', false, 'api', 'succeeded')`,
      [tenantId, id, administrationId],
    ),
  );
  return id;
}

export interface ActionFields {
  tenantId: string;
  administrationId: string;
  debtorId: string;
  strategyId: string;
  kind: ActionKind;
  /** 1 is the first step, as the runs write it. */
  stepIndex?: number;
  stepName?: string;
  language?: string;
  currency?: string;
  invoices: ActionInvoice[];
  credits?: ActionCredit[];
  charges?: ActionCharges | null;
  runId?: string | null;
  status?: string;
  dueOn?: string;
}

/** A decided action, `pending` unless told, its total the invoices less credits plus charges. */
export async function insertAction(orm: Orm, fields: ActionFields): Promise<string> {
  const id = newId('dunningAction');
  const credits = fields.credits ?? [];
  const total =
    fields.invoices.reduce((s, i) => s + i.openAmount, 0) +
    credits.reduce((s, c) => s + c.amount, 0) +
    (fields.charges?.total ?? 0);
  const stepIndex = fields.stepIndex ?? 1;
  const stepName = fields.stepName ?? 'First reminder';
  const reason = {
    segment: null,
    strategy: { id: fields.strategyId, name: 'Test', version: 1 },
    step: { index: stepIndex, name: stepName, offsetDays: 7, from: 'due_date' },
    trigger: 'run',
    runId: fields.runId ?? null,
    asOf: '2026-12-07',
    episode: 1,
    oldestDueDate: fields.invoices[0]?.dueDate ?? '2026-11-01',
    summary: `${stepName}: ${fields.invoices.length} invoice(s) overdue`,
  };
  await withTenantClient(orm, fields.tenantId, (client) =>
    client.query(
      `insert into dunning_action (tenant_id, id, administration_id, debtor_id, run_id, episode, strategy_id,
         strategy_version, step_index, step_name, kind, idempotency_key, status, due_on, language, currency,
         total_open, invoices, credits, charges, reason)
       values ($1, $2, $3, $4, $5, 1, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        fields.tenantId,
        id,
        fields.administrationId,
        fields.debtorId,
        fields.runId ?? null,
        fields.strategyId,
        stepIndex,
        stepName,
        fields.kind,
        `test:${id}`,
        fields.status ?? 'pending',
        fields.dueOn ?? '2026-12-07',
        fields.language ?? 'en',
        fields.currency ?? 'EUR',
        total,
        JSON.stringify(fields.invoices),
        JSON.stringify(credits),
        fields.charges ? JSON.stringify(fields.charges) : null,
        JSON.stringify(reason),
      ],
    ),
  );
  return id;
}

/** The action row as a test reads it back. */
export async function actionRow(orm: Orm, tenantId: string, id: string) {
  return withTenantClient(orm, tenantId, async (client) => {
    const { rows } = await client.query(
      'select status, attempts, last_error, delivery, sent_at from dunning_action where id = $1',
      [id],
    );
    return rows[0] as {
      status: string;
      attempts: number;
      last_error: { code: string; message: string } | null;
      delivery: Record<string, unknown> | null;
      sent_at: Date | null;
    };
  });
}

/** Rows of a query as the tenant: for tests that look at what delivery wrote elsewhere (tasks). */
export function rowsAs<T>(orm: Orm, tenantId: string, sql: string, params: unknown[]): Promise<T[]> {
  return withTenantClient(orm, tenantId, async (client) => (await client.query(sql, params)).rows as T[]);
}

/** The columns of a task a test looks at. */
export interface TaskSeen {
  kind: string;
  title: string;
  body: string;
  assignee: string | null;
  status: string;
}

/**
 * A real SMTP server on a loopback port that parses what it receives. `refuse` decides per recipient:
 * a response code (450: try later; 550: no such user) or nothing (accept).
 */
export async function startTestSmtp(refuse: (to: string) => number | null = () => null) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      const code = refuse(address.address);
      if (code)
        return callback(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An invoice as an action lists it. */
export function actionInvoice(
  invoiceId: string,
  number: string,
  openAmount: number,
  dueDate: string,
  daysOverdue: number,
): ActionInvoice {
  return {
    invoiceId,
    number,
    issueDate: '2026-09-01',
    dueDate,
    daysOverdue,
    amount: openAmount,
    openAmount,
    currency: 'EUR',
  };
}
