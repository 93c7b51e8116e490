import type { CurrencyAgeing, Tally } from './ageing.ts';
import type { CurrencyIngredients } from './kpi-ledger.ts';
import { type Conversion, convertMinor } from './rates.ts';

/**
 * Figures in several currencies as one, in the conversion's target: amounts (sums, not each document)
 * converted at the tenant's rates and then added; counts added. What answers say in `conversion`.
 */
export function convertAgeing(
  currencies: readonly CurrencyAgeing[],
  conversion: Conversion,
): CurrencyAgeing[] {
  const first = currencies[0];
  if (!first) return [];
  const tally = (pick: (c: CurrencyAgeing) => Tally): Tally => ({
    amount: currencies.reduce((sum, c) => sum + convertMinor(pick(c).amount, c.currency, conversion), 0),
    count: currencies.reduce((sum, c) => sum + pick(c).count, 0),
  });
  const buckets = first.buckets.map((bucket, i) => ({
    ...bucket,
    ...tally((c) => c.buckets[i] as Tally),
  }));
  const sum = (list: Tally[]): Tally => ({
    amount: list.reduce((s, t) => s + t.amount, 0),
    count: list.reduce((s, t) => s + t.count, 0),
  });
  return [
    {
      currency: conversion.to,
      buckets,
      total: sum(buckets),
      overdue: sum(buckets.slice(1)),
      creditNotes: tally((c) => c.creditNotes),
    },
  ];
}

/** One group's KPI sums in several currencies as sums in the conversion's target. */
export function convertIngredients(
  list: readonly CurrencyIngredients[],
  conversion: Conversion,
): CurrencyIngredients | undefined {
  const first = list[0];
  if (!first) return undefined;
  const total = (pick: (i: CurrencyIngredients) => number) =>
    list.reduce((sum, i) => sum + convertMinor(pick(i), i.currency, conversion), 0);
  return {
    group: first.group,
    currency: conversion.to,
    beginning: total((i) => i.beginning),
    ending: total((i) => i.ending),
    endingCurrent: total((i) => i.endingCurrent),
    creditSales: total((i) => i.creditSales),
    days: first.days,
    months: first.months.map((month, k) => ({
      days: month.days,
      sales: total((i) => i.months[k]?.sales ?? 0),
    })),
  };
}
