import { currencyDecimals } from '@kredo/sdk';
import type { ActionInvoice, SegmentRef } from './evaluate-types.ts';
import type { StepAction } from './strategy-definition.ts';

/** How a step's action reads in a sentence. */
const ACTION_WORDS: Record<StepAction, string> = {
  email: 'e-mail',
  letter: 'letter',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  phone_call: 'phone call',
  manual_task: 'manual task',
  collection: 'hand-off to collection',
  stop: 'end of the path',
};

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

/** `€ 1,210.00`: minor units as a person reads them (English digits, the currency's decimals). */
export function formatMoney(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? '-' : '';
  const whole = Math.abs(minor);
  const units = Math.floor(whole / 10 ** decimals).toLocaleString('en');
  const cents = decimals > 0 ? `.${String(whole % 10 ** decimals).padStart(decimals, '0')}` : '';
  return `${SYMBOLS[currency] ?? currency} ${sign}${units}${cents}`;
}

/** `15 and 9 days`, `40, 15 and 9 days`; a long list as a range. */
function daysList(invoices: readonly ActionInvoice[]): string {
  const days = invoices.map((invoice) => invoice.daysOverdue);
  if (days.length === 1) return `${days[0]} day${days[0] === 1 ? '' : 's'}`;
  if (days.length > 4) return `${Math.min(...days)} to ${Math.max(...days)} days`;
  return `${days.slice(0, -1).join(', ')} and ${days.at(-1)} days`;
}

export interface SummaryParts {
  stepName: string;
  action: StepAction;
  strategyName: string;
  version: number;
  stepIndex: number;
  invoices: readonly ActionInvoice[];
  totalOpen: number;
  currency: string;
  segment: SegmentRef | null;
  manual: boolean;
}

/**
 * The one sentence a person reads on the timeline: "First reminder (e-mail) under strategy B2B
 * standard v2, step 1, for 2 invoices overdue 15 and 9 days, € 1,210.00; segment 'B2B' matched".
 */
export function actionSummary(p: SummaryParts): string {
  const count = `${p.invoices.length} invoice${p.invoices.length === 1 ? '' : 's'}`;
  const why = p.segment
    ? `segment '${p.segment.name}' matched`
    : "no segment matched: the administration's default strategy";
  const by = p.manual ? ', recorded by hand' : '';
  return (
    `${p.stepName} (${ACTION_WORDS[p.action]}) under strategy ${p.strategyName} v${p.version}, step ${p.stepIndex}${by}, ` +
    `for ${count} overdue ${daysList(p.invoices)}, ${formatMoney(p.totalOpen, p.currency)}; ${why}`
  );
}
