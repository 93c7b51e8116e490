import { addDays } from '../shared/iso-date.ts';
import { evaluateParty } from './evaluate-party.ts';
import type { PartyFacts, PartyState, Placement } from './evaluate-types.ts';

/** One action the preview expects, on the day a run would take it. */
export interface PreviewEntry {
  date: string;
  stepIndex: number;
  stepName: string;
  kind: string;
  invoiceCount: number;
  totalOpen: number;
  summary: string;
}

/**
 * What will happen to one party in the `days` days from `from` if nobody pays: the pure evaluator
 * applied day by day over a simulated state, with the party's open invoices joining as they fall due
 * and pauses ending on their last day. `facts.invoices` are its open invoices due before the window
 * ends, each with `pausedThrough`; `place` chooses the strategy as the run does.
 */
export function previewCalendar(
  facts: PartyFacts,
  state: PartyState | null,
  place: (facts: PartyFacts, state: PartyState | undefined) => Placement | null,
  window: { from: string; days: number; currency: string },
): PreviewEntry[] {
  const entries: PreviewEntry[] = [];
  let current = state;
  for (let d = 0; d < window.days; d++) {
    const day = addDays(window.from, d);
    const onDay: PartyFacts = {
      ...facts,
      invoices: facts.invoices
        .filter((invoice) => invoice.dueDate < day)
        .map((invoice) => ({
          ...invoice,
          paused: invoice.pausedThrough != null && invoice.pausedThrough >= day,
        })),
    };
    const context = { asOf: day, currency: window.currency, trigger: 'run' as const, runId: null };
    const decision = evaluateParty(onDay, current, place(onDay, current ?? undefined), context);
    if (decision.type === 'step') {
      const { action } = decision;
      entries.push({
        date: day,
        stepIndex: action.stepIndex,
        stepName: action.stepName,
        kind: action.kind,
        invoiceCount: action.invoices.length,
        totalOpen: action.totalOpen,
        summary: action.reason.summary,
      });
    }
    if (decision.type !== 'none') current = decision.state;
  }
  return entries;
}
