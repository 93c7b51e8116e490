import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import type { ActionInvoice, ActionReason } from './evaluate-types.ts';

export type { TimelineEntry };

/**
 * Dunning's part of a debtor's timeline: the actions decided for it (as the dunned party), each with
 * the reason's one sentence, and the pauses placed on it or its invoices. Newest first.
 */
export const dunningTimeline: TimelineSource = async (em: EntityManager, query) => {
  const before = query.before ?? null;
  const actions = await em.execute<
    {
      id: string;
      created_at: Date;
      created_by: string | null;
      kind: string;
      status: string;
      step_index: number;
      strategy_version: number;
      invoices: ActionInvoice[];
      reason: ActionReason;
      total_open: string;
      currency: string;
    }[]
  >(
    `select id, created_at, created_by, kind, status, step_index, strategy_version, invoices, reason, total_open, currency
     from dunning_action where debtor_id = ? and (?::timestamptz is null or created_at < ?::timestamptz)
     order by created_at desc limit ?`,
    [query.debtorId, before, before, query.limit],
  );
  const pauses = await em.execute<
    {
      id: string;
      created_at: Date;
      created_by: string | null;
      kind: string;
      invoice_id: string | null;
      reason: string | null;
      ends_on: string | null;
      lifted_at: Date | null;
      lifted_because: string | null;
    }[]
  >(
    `select id, created_at, created_by, kind, invoice_id, reason, ends_on::text, lifted_at, lifted_because
     from dunning_pause where debtor_id = ? and (?::timestamptz is null or created_at < ?::timestamptz)
     order by created_at desc limit ?`,
    [query.debtorId, before, before, query.limit],
  );
  const entries: TimelineEntry[] = [
    ...actions.map((a) => ({
      id: a.id,
      type: 'dunning.action',
      at: new Date(a.created_at).toISOString(),
      summary: a.reason.summary,
      actor: a.created_by,
      invoiceIds: a.invoices.map((invoice) => invoice.invoiceId),
      detail: {
        kind: a.kind,
        status: a.status,
        stepIndex: a.step_index,
        strategyVersion: a.strategy_version,
        totalOpen: { amount: Number(a.total_open), currency: a.currency },
        reason: a.reason,
      },
    })),
    ...pauses.map((p) => ({
      id: p.id,
      type: 'dunning.pause',
      at: new Date(p.created_at).toISOString(),
      summary:
        `${p.kind === 'hold' ? 'Held' : `Paused (${p.kind})`} ${p.invoice_id ? 'one invoice' : 'the debtor'} out of dunning` +
        `${p.ends_on ? ` until ${p.ends_on}` : ''}${p.reason ? `: ${p.reason}` : ''}` +
        `${p.lifted_at ? ` (lifted: ${p.lifted_because})` : ''}`,
      actor: p.created_by,
      invoiceIds: p.invoice_id ? [p.invoice_id] : [],
      detail: { kind: p.kind, endsOn: p.ends_on, liftedAt: p.lifted_at, liftedBecause: p.lifted_because },
    })),
  ];
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, query.limit);
};
