// "How it was computed": the lines a reminder prints under the charges, in the debtor's language.
import { currencyDecimals } from '@kredo/sdk';
import { LANGUAGE_LOCALES } from '../shared/languages.ts';
import type { WikCosts } from './compensation.ts';
import type { ChargesResult, InvoiceCharges } from './compute-charges.ts';
import type { InterestPeriod } from './interest.ts';

export const CHARGE_LANGUAGES = ['en', 'nl', 'de', 'fr'] as const;
export type ChargeLanguage = (typeof CHARGE_LANGUAGES)[number];

/** The locale each language writes amounts and dates in (shared/languages.ts). */
export const CHARGE_LOCALES: Record<ChargeLanguage, string> = LANGUAGE_LOCALES;

/** The sentences, each taking values already formatted for the language. */
interface Phrases {
  invoice(number: string, due: string, principal: string): string;
  credit(amount: string, principal: string): string;
  interestKind: Record<'statutory_commercial' | 'statutory' | 'fixed', string>;
  interest(kind: string, amount: string): string;
  consumerRate: string;
  period(from: string, to: string, days: number, rate: string, base: string, amount: string): string;
  compounded(yearEnd: string, amount: string): string;
  euFixed(count: number, each: string, total: string): string;
  wik(principal: string, amount: string): string;
  bracket(percent: string, slice: string, amount: string): string;
  wikLimit(limit: 'minimum' | 'maximum', amount: string): string;
  noNotice: string;
  termRunning(from: string): string;
  currency(code: string): string;
  total(principal: string, interest: string, costs: string, total: string): string;
}

const PHRASES: Record<ChargeLanguage, Phrases> = {
  en: {
    invoice: (n, due, p) => `Invoice ${n}, due ${due}: ${p} overdue.`,
    credit: (a, p) => `Credit notes deducted: ${a}; charged on ${p}.`,
    interestKind: {
      statutory_commercial: 'Statutory commercial interest (art. 6:119a Dutch Civil Code)',
      statutory: 'Statutory interest (art. 6:119 Dutch Civil Code)',
      fixed: 'Interest at the agreed rate',
    },
    interest: (k, a) => `${k}: ${a}`,
    consumerRate: 'As you are a consumer, the statutory rate for consumers applies.',
    period: (f, t, d, r, b, a) =>
      `${f} – ${t}: ${d} ${d === 1 ? 'day' : 'days'} × ${r} a year × ${b} / 365 = ${a}`,
    compounded: (y, a) => `On ${y} the year's interest of ${a} is added to the principal.`,
    euFixed: (c, e, t) => `Fixed compensation for recovery costs (Directive 2011/7/EU): ${c} × ${e} = ${t}`,
    wik: (p, a) => `Collection costs on the principal of ${p} (Dutch WIK scale): ${a}`,
    bracket: (pc, s, a) => `${pc} of ${s} = ${a}`,
    wikLimit: (l, a) => `${l === 'minimum' ? 'at least' : 'at most'} ${a}`,
    noNotice: 'No collection costs: no 14-day letter has been sent.',
    termRunning: (f) => `No collection costs yet: they may be charged from ${f}.`,
    currency: (c) => `No compensation for collection costs in ${c}: the statutory amounts are in euros.`,
    total: (p, i, c, t) => `Total: ${p} principal + ${i} interest + ${c} costs = ${t}`,
  },
  nl: {
    invoice: (n, due, p) => `Factuur ${n}, vervallen op ${due}: ${p} te laat.`,
    credit: (a, p) => `Creditnota's afgetrokken: ${a}; berekend over ${p}.`,
    interestKind: {
      statutory_commercial: 'Wettelijke handelsrente (art. 6:119a BW)',
      statutory: 'Wettelijke rente (art. 6:119 BW)',
      fixed: 'Rente tegen het overeengekomen percentage',
    },
    interest: (k, a) => `${k}: ${a}`,
    consumerRate: 'Omdat u consument bent, geldt de wettelijke rente voor consumenten.',
    period: (f, t, d, r, b, a) =>
      `${f} – ${t}: ${d} ${d === 1 ? 'dag' : 'dagen'} × ${r} per jaar × ${b} / 365 = ${a}`,
    compounded: (y, a) => `Op ${y} wordt de rente van dat jaar, ${a}, bij de hoofdsom opgeteld.`,
    euFixed: (c, e, t) =>
      `Vaste vergoeding voor invorderingskosten (Richtlijn 2011/7/EU): ${c} × ${e} = ${t}`,
    wik: (p, a) => `Incassokosten over de hoofdsom van ${p} (staffel Besluit BIK): ${a}`,
    bracket: (pc, s, a) => `${pc} van ${s} = ${a}`,
    wikLimit: (l, a) => `${l === 'minimum' ? 'minimaal' : 'maximaal'} ${a}`,
    noNotice: 'Geen incassokosten: er is geen veertiendagenbrief verstuurd.',
    termRunning: (f) => `Nog geen incassokosten: die mogen vanaf ${f} in rekening worden gebracht.`,
    currency: (c) => `Geen vergoeding voor incassokosten in ${c}: de wettelijke bedragen luiden in euro.`,
    total: (p, i, c, t) => `Totaal: ${p} hoofdsom + ${i} rente + ${c} kosten = ${t}`,
  },
  de: {
    invoice: (n, due, p) => `Rechnung ${n}, fällig am ${due}: ${p} überfällig.`,
    credit: (a, p) => `Gutschriften abgezogen: ${a}; berechnet auf ${p}.`,
    interestKind: {
      statutory_commercial: 'Gesetzliche Handelszinsen (Art. 6:119a niederländisches BGB)',
      statutory: 'Gesetzliche Zinsen (Art. 6:119 niederländisches BGB)',
      fixed: 'Zinsen zum vereinbarten Satz',
    },
    interest: (k, a) => `${k}: ${a}`,
    consumerRate: 'Da Sie Verbraucher sind, gilt der gesetzliche Zinssatz für Verbraucher.',
    period: (f, t, d, r, b, a) =>
      `${f} – ${t}: ${d} ${d === 1 ? 'Tag' : 'Tage'} × ${r} pro Jahr × ${b} / 365 = ${a}`,
    compounded: (y, a) => `Am ${y} werden die Zinsen des Jahres, ${a}, der Hauptforderung zugeschlagen.`,
    euFixed: (c, e, t) => `Pauschale für Beitreibungskosten (Richtlinie 2011/7/EU): ${c} × ${e} = ${t}`,
    wik: (p, a) => `Inkassokosten auf die Hauptforderung von ${p} (niederländische WIK-Staffel): ${a}`,
    bracket: (pc, s, a) => `${pc} von ${s} = ${a}`,
    wikLimit: (l, a) => `${l === 'minimum' ? 'mindestens' : 'höchstens'} ${a}`,
    noNotice: 'Keine Inkassokosten: Es wurde kein 14-Tage-Schreiben versandt.',
    termRunning: (f) => `Noch keine Inkassokosten: Sie dürfen ab dem ${f} berechnet werden.`,
    currency: (c) => `Keine Inkassokosten in ${c}: Die gesetzlichen Beträge lauten auf Euro.`,
    total: (p, i, c, t) => `Gesamt: ${p} Hauptforderung + ${i} Zinsen + ${c} Kosten = ${t}`,
  },
  fr: {
    invoice: (n, due, p) => `Facture ${n}, échue le ${due} : ${p} en retard.`,
    credit: (a, p) => `Avoirs déduits : ${a} ; calculé sur ${p}.`,
    interestKind: {
      statutory_commercial: 'Intérêts légaux commerciaux (art. 6:119a du Code civil néerlandais)',
      statutory: 'Intérêts légaux (art. 6:119 du Code civil néerlandais)',
      fixed: 'Intérêts au taux convenu',
    },
    interest: (k, a) => `${k} : ${a}`,
    consumerRate: 'Comme vous êtes consommateur, le taux légal des consommateurs s’applique.',
    period: (f, t, d, r, b, a) =>
      `${f} – ${t} : ${d} ${d === 1 ? 'jour' : 'jours'} × ${r} par an × ${b} / 365 = ${a}`,
    compounded: (y, a) => `Le ${y}, les intérêts de l’année, ${a}, sont ajoutés au principal.`,
    euFixed: (c, e, t) =>
      `Indemnité forfaitaire pour frais de recouvrement (directive 2011/7/UE) : ${c} × ${e} = ${t}`,
    wik: (p, a) => `Frais de recouvrement sur le principal de ${p} (barème néerlandais WIK) : ${a}`,
    bracket: (pc, s, a) => `${pc} de ${s} = ${a}`,
    wikLimit: (l, a) => `${l === 'minimum' ? 'au moins' : 'au plus'} ${a}`,
    noNotice: 'Pas de frais de recouvrement : aucune lettre de quatorze jours n’a été envoyée.',
    termRunning: (f) => `Pas encore de frais de recouvrement : ils peuvent être facturés à partir du ${f}.`,
    currency: (c) => `Pas de frais de recouvrement en ${c} : les montants légaux sont en euros.`,
    total: (p, i, c, t) => `Total : ${p} de principal + ${i} d’intérêts + ${c} de frais = ${t}`,
  },
};

/** The explanation of computed charges, one line per fact, in `language`. */
export function explainCharges(
  charges: Omit<ChargesResult, 'explanation'>,
  language: ChargeLanguage,
): string[] {
  const say = PHRASES[language];
  const money = moneyFormat(CHARGE_LOCALES[language], charges.currency);
  const date = dateFormat(CHARGE_LOCALES[language]);
  const percent = (value: number) =>
    new Intl.NumberFormat(CHARGE_LOCALES[language], {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 5,
    }).format(value / 100);
  const lines: string[] = [];
  const basis = charges.interestBasis;
  if (basis.consumerRate) lines.push(say.consumerRate);
  for (const invoice of charges.invoices.filter((i) => i.status === 'charged')) {
    lines.push(say.invoice(invoice.number, date(invoice.dueDate), money(invoice.openAmount)));
    if (invoice.creditApplied > 0)
      lines.push(say.credit(money(invoice.creditApplied), money(invoice.principal)));
    if (basis.kind !== 'none' && invoice.interest.periods.length > 0) {
      lines.push(say.interest(say.interestKind[basis.kind], money(invoice.interest.amount)));
      lines.push(...periodLines(invoice, say, { money, date, percent }));
    }
  }
  const compensation = charges.compensation;
  if (compensation.withheld === 'no_notice') lines.push(say.noNotice);
  if (compensation.withheld === 'notice_term_running')
    lines.push(say.termRunning(date(compensation.chargeableFrom as string)));
  if (compensation.withheld === 'currency') lines.push(say.currency(charges.currency));
  if (compensation.kind === 'eu_fixed' && !compensation.withheld) {
    const count = charges.invoices.filter((i) => i.compensation > 0).length;
    if (count > 0)
      lines.push(say.euFixed(count, money(compensation.amount / count), money(compensation.amount)));
  }
  if (compensation.wik && compensation.wik.principal > 0)
    lines.push(...wikLines(compensation.wik, say, money, percent));
  const { principal, interest, compensation: costs, total } = charges.totals;
  lines.push(say.total(money(principal), money(interest), money(costs), money(total)));
  return lines;
}

function periodLines(
  invoice: InvoiceCharges,
  say: Phrases,
  format: { money: (m: number) => string; date: (d: string) => string; percent: (p: number) => string },
): string[] {
  const lines: string[] = [];
  let yearInterest = 0;
  for (const p of invoice.interest.periods as InterestPeriod[]) {
    lines.push(
      say.period(
        format.date(p.from),
        format.date(p.to),
        p.days,
        format.percent(p.ratePercent),
        format.money(p.base),
        format.money(p.amount),
      ),
    );
    yearInterest += p.amount;
    if (p.compounds) {
      lines.push(say.compounded(format.date(p.to), format.money(yearInterest)));
      yearInterest = 0;
    }
  }
  return lines;
}

function wikLines(
  wik: WikCosts,
  say: Phrases,
  money: (m: number) => string,
  percent: (p: number) => string,
): string[] {
  const lines = [say.wik(money(wik.principal), money(wik.amount))];
  for (const b of wik.brackets) lines.push(say.bracket(percent(b.percent), money(b.slice), money(b.amount)));
  if (wik.limit) lines.push(say.wikLimit(wik.limit, money(wik.amount)));
  return lines;
}

/** Minor units as the language writes money, exactly (the amount is passed as a decimal string). */
export function moneyFormat(locale: string, currency: string): (minor: number) => string {
  const decimals = currencyDecimals(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (minor) => {
    const digits = Math.abs(minor)
      .toString()
      .padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const fraction = decimals > 0 ? `.${digits.slice(-decimals)}` : '';
    return format.format(`${minor < 0 ? '-' : ''}${whole}${fraction}` as `${number}`);
  };
}

function dateFormat(locale: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (iso) => format.format(new Date(`${iso}T00:00:00Z`));
}
