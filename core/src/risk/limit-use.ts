import type { Money } from '@kredo/sdk';

/**
 * Credit-limit use, pure: what a debtor has open against the limit of its latest bureau assessment.
 * The limit is in one currency and only what is open in that currency is measured against it (open
 * invoices less open credit notes: invoices/open-balances.ts); balances in other currencies are
 * reported beside it, never converted or added.
 */
export interface LimitUse {
  limit: Money;
  open: Money;
  /** `open / limit × 100`, to one decimal; null for a limit of 0. */
  usePercent: number | null;
  /** Open above the limit. */
  exceeded: boolean;
  otherCurrencies: Money[];
}

export function limitUse(limit: Money | null, balances: readonly Money[]): LimitUse | null {
  if (limit === null) return null;
  const open = balances.find((b) => b.currency === limit.currency)?.amount ?? 0;
  return {
    limit,
    open: { amount: open, currency: limit.currency },
    usePercent: limit.amount === 0 ? null : Math.round((open / limit.amount) * 1000) / 10,
    exceeded: open > limit.amount,
    otherCurrencies: balances.filter((b) => b.currency !== limit.currency && b.amount !== 0),
  };
}
