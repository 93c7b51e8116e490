import type { EntityManager } from '@mikro-orm/postgresql';
import { invalid } from '../shared/errors.ts';

/** A rate the tenant supplies: one unit of `currency` is `rate` units of `toCurrency` from `validFrom` on. */
export interface Rate {
  currency: string;
  toCurrency: string;
  validFrom: string;
  rate: number;
}

/** How an answer's amounts were converted, so it says so: the target, the date and each rate used. */
export interface Conversion {
  to: string;
  on: string;
  rates: { currency: string; rate: number; validFrom: string }[];
}

/** Adds or replaces rates (keyed by currency, target and date), in the caller's transaction. */
export async function putRates(em: EntityManager, tenantId: string, rates: readonly Rate[]): Promise<void> {
  rates.forEach((r, i) => {
    if (r.currency === r.toCurrency) throw invalid(`rates[${i}].toCurrency`, 'must differ from currency');
  });
  for (const r of rates) {
    await em.execute(
      `insert into insight_rate (tenant_id, currency, to_currency, valid_from, rate) values (?, ?, ?, ?, ?)
       on conflict (tenant_id, currency, to_currency, valid_from) do update set rate = excluded.rate`,
      [tenantId, r.currency, r.toCurrency, r.validFrom, String(r.rate)],
    );
  }
}

export async function listRates(em: EntityManager): Promise<Rate[]> {
  const rows = await em.execute<
    { currency: string; to_currency: string; valid_from: string; rate: string }[]
  >(
    `select currency, to_currency, to_char(valid_from, 'YYYY-MM-DD') as valid_from, rate::text as rate
     from insight_rate order by to_currency, currency, valid_from`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    toCurrency: r.to_currency,
    validFrom: r.valid_from,
    rate: Number(r.rate),
  }));
}

/**
 * The rate of each of `currencies` into `to` valid on `on` (the latest from on or before it); `to`
 * itself converts at 1. A currency without one is a 400 naming `convertTo`: Kredo never guesses a rate.
 */
export async function ratesOn(
  em: EntityManager,
  to: string,
  on: string,
  currencies: readonly string[],
): Promise<Conversion> {
  const others = [...new Set(currencies)].filter((c) => c !== to).sort();
  const rows = await em.execute<{ currency: string; rate: string; valid_from: string }[]>(
    `select distinct on (currency) currency, rate::text as rate, to_char(valid_from, 'YYYY-MM-DD') as valid_from
     from insight_rate where to_currency = ? and valid_from <= ?::date and currency = any(?::text[])
     order by currency, valid_from desc`,
    [to, on, `{${others.join(',')}}`],
  );
  const missing = others.filter((c) => !rows.some((r) => r.currency === c));
  if (missing.length)
    throw invalid('convertTo', `no rate from ${missing.join(', ')} to ${to} valid on ${on}`);
  return {
    to,
    on,
    rates: rows.map((r) => ({ currency: r.currency, rate: Number(r.rate), validFrom: r.valid_from })),
  };
}

/** Minor units of `from` as minor units of the conversion's target, rounded half away from zero. */
export function convertMinor(amount: number, from: string, conversion: Conversion): number {
  if (from === conversion.to) return amount;
  const rate = conversion.rates.find((r) => r.currency === from);
  if (!rate) throw new Error(`no rate for ${from} in the conversion`);
  const scale = 10 ** (minorDigits(conversion.to) - minorDigits(from));
  const value = amount * rate.rate * scale;
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** The minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY), as ICU knows them. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}
