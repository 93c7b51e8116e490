import type { PoolClient } from 'pg';
import type { DebtorType } from '../debtors/debtor-types.ts';
import { dunnedPartiesSql, dunningDebtorsSql } from '../debtors/dunned-party.ts';
import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { openCreditNotesSql, receivablesSql } from '../invoices/overdue-rule.ts';
import { unallocatedPaymentsSql } from '../payments/unallocated-payments.ts';
import { debtorRiskSql } from '../risk/index.ts';
import type { PartyCredit, PartyFacts, PartyInvoice, PartyState } from './evaluate-types.ts';

/**
 * How a run reads the portfolio: set-based, in chunks of parties in id order (a keyset), so memory
 * stays flat whatever the portfolio's size. The run's own connection holds four temporary tables for
 * its lifetime: `dunning_run_taken` (the parties that took a step on the as-of date: left out),
 * `dunning_run_party` (every other debtor and the party it is dunned as), `dunning_run_invoice` (their
 * invoices overdue on the as-of date, written once in party order, so that a chunk reads a contiguous
 * range instead of probing or scanning the invoice table per chunk) and `dunning_run_candidate` (the
 * parties with something overdue, or an open episode). Every query runs inside the caller's tenant
 * transaction on that connection.
 */

export interface PortfolioScope {
  administrationId: string;
  asOf: string;
  currency: string;
}

/**
 * Builds the run's temporary tables. A party that took a step on the as-of date (or later) is left out
 * from the start: it waits until tomorrow whatever it owes (`taken_today`), so a rerun reads none of
 * its invoices. Each table is analyzed before the next statement reads it, so the planner joins by the
 * real sizes (a rerun's few parties by index, a first run's many by hash), whatever the often stale
 * statistics of `dunning_state` say. Answers how many parties the run will evaluate, and how many it left out so.
 */
export async function preparePortfolio(
  client: PoolClient,
  scope: PortfolioScope,
): Promise<{ parties: number; takenToday: number }> {
  await client.query(
    `drop table if exists pg_temp.dunning_run_taken, pg_temp.dunning_run_party, pg_temp.dunning_run_invoice,
       pg_temp.dunning_run_candidate`,
  );
  // For the connection's life (the run's own, closed after it): the sort of the overdue invoices by
  // party, and each chunk's write (its actions' records), happen in memory rather than in temporary files.
  await client.query(`set work_mem = '64MB'`);
  const taken = await client.query(
    `create temporary table dunning_run_taken as
     select s.debtor_id as party_id from dunning_state s
      where s.administration_id = $1 and s.closed_on is null and s.last_step_on >= $2::date`,
    [scope.administrationId, scope.asOf],
  );
  await client.query('analyze pg_temp.dunning_run_taken');
  await client.query(
    `create temporary table dunning_run_party as
     select rp.debtor_id, rp.party_id from ${dunnedPartiesSql('$1::text')} rp
      where not exists (select from pg_temp.dunning_run_taken t where t.party_id = rp.party_id)`,
    [scope.administrationId],
  );
  await client.query('create index on pg_temp.dunning_run_party (party_id)');
  await client.query('analyze pg_temp.dunning_run_party');
  await client.query(
    `create temporary table dunning_run_invoice as
     select rp.party_id, i.id, i.debtor_id, i.number, i.issue_date, i.due_date, i.amount, i.open_amount, i.currency
       from pg_temp.dunning_run_party rp join ${receivablesSql('$1::text')} i on i.debtor_id = rp.debtor_id
      where i.due_date < $2::date
      order by rp.party_id, i.due_date, i.number`,
    [scope.administrationId, scope.asOf],
  );
  await client.query('create index on pg_temp.dunning_run_invoice (party_id)');
  await client.query('analyze pg_temp.dunning_run_invoice');
  const { rowCount } = await client.query(
    `create temporary table dunning_run_candidate as
     select distinct party_id from pg_temp.dunning_run_invoice
     union
     select s.debtor_id from dunning_state s
      where s.administration_id = $1 and s.closed_on is null and (s.last_step_on is null or s.last_step_on < $2::date)`,
    [scope.administrationId, scope.asOf],
  );
  await client.query('create unique index on pg_temp.dunning_run_candidate (party_id)');
  return { parties: rowCount ?? 0, takenToday: taken.rowCount ?? 0 };
}

/**
 * Parties per chunk (one transaction each). Measured at 1,000,000 invoices with the chunks written by
 * COPY (run-write-copy.ts): 1,000 is faster than 500 (more statements and commits) and than 2,000; a
 * chunk holds little in memory, and a crash loses at most one.
 */
export const CHUNK_PARTIES = 1000;

/** The next `limit` parties after `after`, in id order. */
export async function nextParties(client: PoolClient, after: string, limit: number): Promise<string[]> {
  const { rows } = await client.query<{ party_id: string }>(
    'select party_id from pg_temp.dunning_run_candidate where party_id > $1 order by party_id limit $2',
    [after, limit],
  );
  return rows.map((row) => row.party_id);
}

export interface ChunkFacts {
  facts: Map<string, PartyFacts>;
  states: Map<string, PartyState>;
}

export interface ChunkOptions {
  /** Where the debtor → party map comes from: the run's temporary table, or (one-off reads) the fragment. */
  partyMap?: 'run' | 'fragment';
  /** Read invoices due before this date (default the as-of date: the overdue ones); the preview reads ahead. */
  dueBefore?: string;
}

/**
 * Everything the evaluator needs about `parties`, in five queries, inside the caller's tenant
 * transaction (the run's connection, or an EntityManager in `transactional`). Invoices carry
 * `pausedThrough` (the last day a pause holds them, `9999-12-31` until lifted) and `paused` on the as-of date.
 */
export async function readChunk(
  tx: EventTransaction,
  scope: PortfolioScope,
  parties: string[],
  options: ChunkOptions = {},
): Promise<ChunkFacts> {
  const partyMap =
    options.partyMap === 'fragment' ? dunnedPartiesSql('$1::text') : 'pg_temp.dunning_run_party';
  const facts = new Map<string, PartyFacts>();
  const states = new Map<string, PartyState>();
  const debtors = await queryIn<DebtorColumns>(
    tx,
    `select d.id, d.type, d.tags, d.credit_rating, d.credit_score, d.country, d.language,
       r.payment_score, r.credit_limit_use, coalesce(r.credit_limit_exceeded, false) as credit_limit_exceeded, s.episode, s.episode_started_on::text, s.strategy_id, s.strategy_version, s.segment_id, s.last_step,
       s.last_step_on::text, s.next_step, s.next_due_on::text, s.closed_on::text
     from ${dunningDebtorsSql('$1::text')} d
     left join dunning_state s on s.debtor_id = d.id and s.debtor_id = any($2::text[])
     left join ${debtorRiskSql('$1::text')} r on r.debtor_id = d.id
     where d.id = any($2::text[])`,
    [scope.administrationId, parties],
  );
  for (const d of debtors) {
    facts.set(d.id, {
      debtorId: d.id,
      type: d.type,
      tags: Array.isArray(d.tags) ? d.tags : [],
      riskClass: d.credit_rating,
      score: d.credit_score,
      paymentScore: d.payment_score,
      creditLimitUse: d.credit_limit_use,
      creditLimitExceeded: d.credit_limit_exceeded,
      country: d.country,
      language: d.language,
      invoices: [],
      credits: [],
    });
    if (d.episode !== null) states.set(d.id, stateFrom(d));
  }
  // Pauses are few: read the chunk's active ones once and match them to invoices here, rather than
  // ask for each invoice.
  const pauses = await queryIn<PauseColumns>(
    tx,
    `select distinct rp.party_id, p.debtor_id, p.invoice_id, coalesce(p.ends_on, 'infinity'::date)::text as ends_on
     from ${partyMap} rp join dunning_pause p on p.administration_id = $1 and p.debtor_id in (rp.debtor_id, rp.party_id)
     where rp.party_id = any($2::text[]) and p.lifted_at is null and p.starts_on <= $3::date
       and (p.ends_on is null or p.ends_on >= $3::date)`,
    [scope.administrationId, parties, scope.asOf],
  );
  const dueBefore = options.dueBefore ?? scope.asOf;
  const invoices =
    options.partyMap === 'fragment'
      ? await queryIn<InvoiceColumns>(
          tx,
          `select rp.party_id, ${INVOICE_COLUMNS}
           from ${partyMap} rp join ${receivablesSql('$1::text')} i on i.debtor_id = rp.debtor_id
           where rp.party_id = any($2::text[]) and i.due_date < $3::date and i.currency = $4
           order by rp.party_id, i.due_date, i.number`,
          [scope.administrationId, parties, dueBefore, scope.currency],
        )
      : // The run's own table of the overdue invoices, written in party order by preparePortfolio.
        await queryIn<InvoiceColumns>(
          tx,
          `select i.party_id, ${INVOICE_COLUMNS} from pg_temp.dunning_run_invoice i
           where i.party_id = any($1::text[]) and i.due_date < $2::date and i.currency = $3
           order by i.party_id, i.due_date, i.number`,
          [parties, dueBefore, scope.currency],
        );
  const pausesOf = new Map<string, PauseColumns[]>();
  for (const p of pauses) pausesOf.set(p.party_id, [...(pausesOf.get(p.party_id) ?? []), p]);
  for (const i of invoices) {
    const through = pausedThrough(i, pausesOf.get(i.party_id) ?? []);
    facts.get(i.party_id)?.invoices.push(invoiceFrom(i, through, scope.asOf));
  }
  const credits = await queryIn<CreditColumns>(
    tx,
    `select rp.party_id, 'credit_note' as kind, c.id, c.number as reference, c.open_amount::float8 as amount
       from ${partyMap} rp join ${openCreditNotesSql('$1::text')} c on c.debtor_id = rp.debtor_id
      where rp.party_id = any($2::text[]) and c.currency = $3
     union all
     select rp.party_id, 'unallocated_payment', u.id, u.reference, -u.unallocated::float8
       from ${partyMap} rp join ${unallocatedPaymentsSql('$1::text')} u on u.debtor_id = rp.debtor_id
      where rp.party_id = any($2::text[]) and u.currency = $3
     order by 1, 3`,
    [scope.administrationId, parties, scope.currency],
  );
  for (const c of credits) {
    facts.get(c.party_id)?.credits.push({ kind: c.kind, id: c.id, reference: c.reference, amount: c.amount });
  }
  return { facts, states };
}

const INVOICE_COLUMNS = `i.id, i.debtor_id, i.number, i.issue_date::text, i.due_date::text,
  i.amount::float8 as amount, i.open_amount::float8 as open_amount, i.currency`;

interface DebtorColumns {
  id: string;
  type: DebtorType;
  tags: string[] | null;
  credit_rating: string | null;
  credit_score: number | null;
  payment_score: number | null;
  credit_limit_use: number | null;
  credit_limit_exceeded: boolean;
  country: string | null;
  language: string | null;
  episode: number | null;
  episode_started_on: string;
  strategy_id: string;
  strategy_version: number;
  segment_id: string | null;
  last_step: number | null;
  last_step_on: string | null;
  next_step: number | null;
  next_due_on: string | null;
  closed_on: string | null;
}

interface InvoiceColumns {
  party_id: string;
  id: string;
  debtor_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  amount: number;
  open_amount: number;
  currency: string;
}

interface PauseColumns {
  party_id: string;
  debtor_id: string;
  invoice_id: string | null;
  ends_on: string;
}

interface CreditColumns extends Omit<PartyCredit, 'kind'> {
  party_id: string;
  kind: PartyCredit['kind'];
}

function stateFrom(d: DebtorColumns): PartyState {
  return {
    episode: d.episode as number,
    episodeStartedOn: d.episode_started_on,
    strategyId: d.strategy_id,
    strategyVersion: d.strategy_version,
    segmentId: d.segment_id,
    lastStep: d.last_step,
    lastStepOn: d.last_step_on,
    nextStep: d.next_step,
    nextDueOn: d.next_due_on,
    closedOn: d.closed_on,
  };
}

/** `infinity` as PostgreSQL prints it, as a date that sorts after every other. */
const UNTIL_LIFTED = '9999-12-31';

/**
 * The last day one of its party's active `pauses` holds invoice `i`: one on the invoice, or on its
 * debtor or its party as a whole (`9999-12-31` until lifted); null when none does.
 */
function pausedThrough(i: InvoiceColumns, pauses: readonly PauseColumns[]): string | null {
  let through: string | null = null;
  for (const p of pauses) {
    const holds =
      p.invoice_id === null
        ? p.debtor_id === i.debtor_id || p.debtor_id === i.party_id
        : p.invoice_id === i.id;
    const ends = p.ends_on === 'infinity' ? UNTIL_LIFTED : p.ends_on;
    if (holds && (through === null || ends > through)) through = ends;
  }
  return through;
}

function invoiceFrom(i: InvoiceColumns, pausedThrough: string | null, asOf: string): PartyInvoice {
  return {
    invoiceId: i.id,
    debtorId: i.debtor_id,
    number: i.number,
    issueDate: i.issue_date,
    dueDate: i.due_date,
    amount: i.amount,
    openAmount: i.open_amount,
    currency: i.currency,
    paused: pausedThrough !== null && pausedThrough >= asOf,
    pausedThrough,
  };
}
