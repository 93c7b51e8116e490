import { describe, expect, it } from 'vitest';
import type { InvoiceImportRow } from '../imports/import-rows.ts';
import { toDayNumber, weekday } from './dates.ts';
import {
  generateDebtors,
  generateInvoiceHistory,
  generateInvoices,
  HISTORY_DAYS,
} from './generate-ledger.ts';

const OPTIONS = { seed: 2026, debtorCount: 400, count: 5_000, today: '2026-03-14' };
const TODAY = toDayNumber(OPTIONS.today);
const debtors = Array.from(generateDebtors(OPTIONS));
const invoices = Array.from(generateInvoices(OPTIONS));

/** What a credit manager's ageing report would call each document on `today`. */
function state(invoice: InvoiceImportRow): string {
  if (invoice.documentType === 'credit_note')
    return invoice.openAmount === 0 ? 'credit settled' : 'credit open';
  if (invoice.openAmount === 0) return 'paid';
  const overdue = TODAY - toDayNumber(invoice.dueDate ?? '');
  if (overdue <= 0) return 'not yet due';
  if (overdue <= 30) return 'overdue 1-30';
  if (overdue <= 60) return 'overdue 31-60';
  if (overdue <= 90) return 'overdue 61-90';
  return 'overdue 90+';
}

describe('generateDebtors', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(Array.from(generateDebtors(OPTIONS))).toEqual(debtors);
    const other = Array.from(generateDebtors({ ...OPTIONS, seed: 2027 }));
    expect(other.map((d) => d.name)).not.toEqual(debtors.map((d) => d.name));
  });

  it('numbers debtors uniquely, puts parents before their children and nests one level deep', () => {
    expect(debtors).toHaveLength(OPTIONS.debtorCount);
    expect(new Set(debtors.map((d) => d.number)).size).toBe(debtors.length);
    const seen = new Map<string, (typeof debtors)[number]>();
    const children = new Map<string, number>();
    for (const debtor of debtors) {
      if (debtor.parentNumber !== undefined) {
        const parent = seen.get(debtor.parentNumber);
        expect(parent, `parent of ${debtor.number} comes first`).toBeDefined();
        expect(parent?.parentNumber).toBeUndefined();
        expect(parent?.tags).toContain('holding');
        children.set(debtor.parentNumber, (children.get(debtor.parentNumber) ?? 0) + 1);
      }
      seen.set(debtor.number, debtor);
    }
    expect(children.size).toBeGreaterThan(2);
    for (const count of children.values()) expect(count).toBeGreaterThanOrEqual(2);
  });

  it('covers countries, kinds, languages and tags with country-shaped data', () => {
    const postal = { NL: /^[1-9]\d{3} [A-Z]{2}$/, BE: /^[1-9]\d{3}$/, DE: /^\d{5}$/ };
    const vat = { NL: /^NL\d{9}B\d{2}$/, BE: /^BE0\d{9}$/, DE: /^DE\d{9}$/ };
    for (const debtor of debtors) {
      const address = debtor.addresses[0];
      const country = address?.country as keyof typeof postal;
      expect(debtor.addresses).toHaveLength(1);
      expect(address?.postalCode).toMatch(postal[country]);
      expect(debtor.email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]{2,}$/);
      expect(debtor.phone).toMatch(/^\+(31|32|49)\d{8,11}$/);
      if (debtor.type === 'b2c') {
        expect(debtor.vatNumber).toBeUndefined();
        expect(debtor.contacts).toEqual([]);
        // Text-message channels need a mobile number.
        if (debtor.preferredChannel === 'sms' || debtor.preferredChannel === 'whatsapp') {
          expect(debtor.phone).toMatch(/^\+(316|324|491[5-7])/);
        }
      } else {
        if (debtor.vatNumber !== undefined) expect(debtor.vatNumber).toMatch(vat[country]);
        expect(debtor.contacts).toHaveLength(1);
        expect(debtor.contacts[0]?.email).toMatch(/@/);
      }
    }
    const values = (pick: (d: (typeof debtors)[number]) => string | undefined) => new Set(debtors.map(pick));
    expect(values((d) => d.addresses[0]?.country)).toEqual(new Set(['NL', 'BE', 'DE']));
    expect(values((d) => d.type)).toEqual(new Set(['b2b', 'b2c']));
    expect(values((d) => d.language)).toEqual(new Set(['nl', 'en', 'de', 'fr']));
    expect(
      [...values((d) => d.preferredChannel)].every((c) =>
        ['email', 'letter', 'sms', 'whatsapp', 'phone'].includes(c ?? ''),
      ),
    ).toBe(true);
    const tags = new Set(debtors.flatMap((d) => d.tags));
    for (const tag of ['key-account', 'public-sector', 'international', 'credit-insured', 'holding'])
      expect(tags).toContain(tag);
    expect(debtors.some((d) => d.name.endsWith(' B.V.'))).toBe(true);
    expect(debtors.some((d) => d.name.endsWith(' GmbH'))).toBe(true);
  });
});

describe('generateInvoices', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(Array.from(generateInvoices(OPTIONS))).toEqual(invoices);
    const other = Array.from(generateInvoices({ ...OPTIONS, seed: 2027, count: 50 }));
    expect(other.map((i) => i.amount)).not.toEqual(invoices.slice(0, 50).map((i) => i.amount));
  });

  it('shows every state a credit manager sees', () => {
    const counts = new Map<string, number>();
    for (const invoice of invoices) counts.set(state(invoice), (counts.get(state(invoice)) ?? 0) + 1);
    for (const expected of [
      'paid',
      'not yet due',
      'overdue 1-30',
      'overdue 31-60',
      'overdue 61-90',
      'overdue 90+',
      'credit open',
      'credit settled',
    ]) {
      expect(counts.get(expected) ?? 0, expected).toBeGreaterThan(0);
    }
    const partial = invoices.filter((i) => i.openAmount !== 0 && i.openAmount !== i.amount);
    expect(partial.some((i) => i.documentType === 'invoice' && TODAY > toDayNumber(i.dueDate ?? ''))).toBe(
      true,
    );
    // Most history is paid, as in any working ledger.
    expect((counts.get('paid') ?? 0) / invoices.length).toBeGreaterThan(0.5);
    expect((counts.get('paid') ?? 0) / invoices.length).toBeLessThan(0.95);
  });

  it('keeps amounts integral, signed by document type and open amounts within them', () => {
    const creditNotes = invoices.filter((i) => i.documentType === 'credit_note');
    expect(creditNotes.length / invoices.length).toBeGreaterThan(0.03);
    expect(creditNotes.length / invoices.length).toBeLessThan(0.07);
    for (const invoice of invoices) {
      expect(Number.isSafeInteger(invoice.amount)).toBe(true);
      expect(Number.isSafeInteger(invoice.openAmount)).toBe(true);
      if (invoice.documentType === 'credit_note') {
        expect(invoice.amount).toBeLessThan(0);
        expect(invoice.openAmount).toBeGreaterThanOrEqual(invoice.amount);
        expect(invoice.openAmount).toBeLessThanOrEqual(0);
      } else {
        expect(invoice.amount).toBeGreaterThan(0);
        expect(invoice.openAmount).toBeGreaterThanOrEqual(0);
        expect(invoice.openAmount).toBeLessThanOrEqual(invoice.amount);
      }
    }
    // Right-skewed: a few large invoices pull the mean well above the median.
    const amounts = invoices
      .filter((i) => i.amount > 0)
      .map((i) => i.amount)
      .sort((a, b) => a - b);
    const mean = amounts.reduce((sum, a) => sum + a, 0) / amounts.length;
    expect(mean).toBeGreaterThan(1.5 * (amounts[Math.floor(amounts.length / 2)] as number));
  });

  it('numbers documents uniquely per year in issue-date order within the last 14 months', () => {
    expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length);
    let previous = -Infinity;
    for (const invoice of invoices) {
      expect(invoice.number).toMatch(/^\d{4}-\d{6}$/);
      expect(invoice.number.slice(0, 4)).toBe(invoice.issueDate.slice(0, 4));
      const issued = toDayNumber(invoice.issueDate);
      expect(issued).toBeGreaterThanOrEqual(previous);
      expect(issued).toBeLessThanOrEqual(TODAY);
      expect(issued).toBeGreaterThan(TODAY - HISTORY_DAYS - 3);
      previous = issued;
      const term = toDayNumber(invoice.dueDate ?? '') - issued;
      expect(invoice.documentType === 'invoice' ? [14, 30, 60] : [0]).toContain(term);
      expect(invoice.currency).toBe('EUR');
    }
    expect(invoices[0]?.number).toBe('2025-000001');
    expect(invoices.some((i) => i.number === '2026-000001')).toBe(true);
  });

  it('dates the payment of every invoice paid in full, on a workday between its issue and today', () => {
    const history = Array.from(generateInvoiceHistory(OPTIONS));
    expect(history.map((h) => h.invoice)).toEqual(invoices);
    for (const { invoice, paidOn } of history) {
      const paid = invoice.documentType === 'invoice' && invoice.openAmount === 0;
      expect(paidOn !== undefined, invoice.number).toBe(paid);
      if (!paidOn) continue;
      const day = toDayNumber(paidOn);
      expect(day).toBeGreaterThan(toDayNumber(invoice.issueDate));
      expect(day).toBeLessThanOrEqual(TODAY);
      expect([0, 6]).not.toContain(weekday(day));
    }
    // Some paid before the due date, many after it.
    const late = history.filter((h) => h.paidOn && h.paidOn > (h.invoice.dueDate ?? ''));
    const early = history.filter((h) => h.paidOn && h.paidOn < (h.invoice.dueDate ?? ''));
    expect(late.length).toBeGreaterThan(invoices.length / 5);
    expect(early.length).toBeGreaterThan(invoices.length / 10);
  });

  it('refers only to generated debtors and carries valid references', () => {
    const numbers = new Set(debtors.map((d) => d.number));
    expect(invoices.every((i) => numbers.has(i.debtorNumber))).toBe(true);
    const withReference = invoices.filter((i) => i.paymentReference !== undefined);
    expect(withReference.length).toBeGreaterThan(invoices.length / 2);
    expect(new Set(withReference.map((i) => i.paymentReference)).size).toBe(withReference.length);
    for (const invoice of withReference) expect(invoice.paymentReference).toMatch(/^\d{16}$/);
    expect(invoices.some((i) => i.poNumber !== undefined)).toBe(true);
    expect(invoices.some((i) => /[",]/.test(i.description ?? ''))).toBe(true);
  });

  it('writes the administration currency it is given', () => {
    const [first] = generateInvoices({ ...OPTIONS, currency: 'USD', count: 1 });
    expect(first?.currency).toBe('USD');
  });
});

describe('laziness and validation', () => {
  it('returns a million-invoice generator without building it', () => {
    const started = performance.now();
    const generator = generateInvoices({ ...OPTIONS, count: 1_000_000 });
    const firstTen = Array.from({ length: 10 }, () => generator.next().value);
    expect(performance.now() - started).toBeLessThan(500);
    expect(firstTen.every((invoice) => invoice !== undefined)).toBe(true);
    // Even a count no machine could hold works, because nothing is materialised.
    const endless = generateInvoices({ ...OPTIONS, count: Number.MAX_SAFE_INTEGER });
    expect(endless.next().done).toBe(false);
  });

  it('rejects bad options at the call, not at the first record', () => {
    expect(() => generateInvoices({ today: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateInvoices({ currency: 'eur' })).toThrow(RangeError);
    expect(() => generateInvoices({ count: -1 })).toThrow(RangeError);
    expect(() => generateDebtors({ debtorCount: 0 })).toThrow(RangeError);
    expect(() => generateDebtors({ seed: 0.5 })).toThrow(RangeError);
  });
});
