import type { EventTransaction } from '../events/record-event.ts';
import { claimCharges } from '../late-charges/index.ts';
import type { ClaimedCharges } from './evaluate-types.ts';

/** What of an action telling the debtor its charges the ledger needs. */
export interface SentAction {
  id: string;
  administrationId: string;
  debtorId: string;
  episode: number;
  currency: string;
  charges?: unknown;
}

/**
 * Charges become owed when the debtor is told: called in the transaction that records an action as
 * sent (delivered by e-mail, letter, SMS or WhatsApp, or recorded as sent by hand), it hands the
 * action's charges to late-charges' ledger. An action without charges (or stored before they had
 * their parts) claims nothing.
 */
export async function claimSentCharges(tx: EventTransaction, action: SentAction): Promise<void> {
  const charges = action.charges as ClaimedCharges | null;
  if (!charges || !Array.isArray(charges.invoices) || charges.total === undefined) return;
  await claimCharges(tx, {
    administrationId: action.administrationId,
    debtorId: action.debtorId,
    episode: action.episode,
    actionId: action.id,
    currency: action.currency,
    charges,
  });
}
