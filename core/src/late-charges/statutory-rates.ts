// The Dutch statutory interest rates Kredo ships, per half-year. A tenant's own rows
// (late_charge_rate) override or extend them; docs/dunning.md#late-payment-charges prints this table.
import type { RateEntry, RateKind } from './rate-table.ts';

/** A shipped rate with what it rests on, so the docs and the API can say where it comes from. */
export interface ShippedRate extends RateEntry {
  /** The ECB rate it derives from, or the published figure it repeats. */
  basis: string;
}

const ecb = (ratePercent: number, mro: string, since: string): Omit<ShippedRate, 'validFrom'> => ({
  ratePercent,
  basis: `ECB main refinancing rate ${mro} % (since ${since}) + 8 points`,
});

/**
 * Wettelijke handelsrente, art. 6:119a BW (commercial transactions): the ECB main refinancing rate
 * in force on 1 January / 1 July plus 8 points (art. 6:120 lid 2 BW; +8 since the 2011/7/EU
 * implementation of 16 March 2013, hence no row before 1 July 2013, as the first half of 2013 changed
 * rate mid-way). Published by the government (rijksoverheid.nl, Staatscourant) and De Nederlandsche
 * Bank. The row for 1 January 2026 is derived from the ECB rate alone and is marked so in the docs;
 * later half-years are not shipped: the tenant enters them.
 */
export const STATUTORY_COMMERCIAL_RATES: readonly ShippedRate[] = [
  { validFrom: '2013-07-01', ...ecb(8.5, '0.50', '8 May 2013') },
  { validFrom: '2014-01-01', ...ecb(8.25, '0.25', '13 November 2013') },
  { validFrom: '2014-07-01', ...ecb(8.15, '0.15', '11 June 2014') },
  { validFrom: '2015-01-01', ...ecb(8.05, '0.05', '10 September 2014') },
  { validFrom: '2015-07-01', ...ecb(8.05, '0.05', '10 September 2014') },
  { validFrom: '2016-01-01', ...ecb(8.05, '0.05', '10 September 2014') },
  ...halfYears(2016, 7, 2022, 7).map((validFrom) => ({ validFrom, ...ecb(8, '0.00', '16 March 2016') })),
  { validFrom: '2023-01-01', ...ecb(10.5, '2.50', '21 December 2022') },
  { validFrom: '2023-07-01', ...ecb(12, '4.00', '21 June 2023') },
  { validFrom: '2024-01-01', ...ecb(12.5, '4.50', '20 September 2023') },
  { validFrom: '2024-07-01', ...ecb(12.25, '4.25', '12 June 2024') },
  { validFrom: '2025-01-01', ...ecb(11.15, '3.15', '18 December 2024') },
  { validFrom: '2025-07-01', ...ecb(10.15, '2.15', '11 June 2025') },
  { validFrom: '2026-01-01', ...ecb(10.15, '2.15', '11 June 2025') },
];

/**
 * Wettelijke rente, art. 6:119 BW (non-commercial, so consumers): fixed by the Besluit vaststelling
 * wettelijke rente, changed only on 1 January or 1 July when the ECB rate moved enough. Shipped
 * only as far as the published figures could be checked (to 31 December 2024); 2025 onward the tenant
 * enters them.
 */
export const STATUTORY_RATES: readonly ShippedRate[] = [
  ...halfYears(2013, 7, 2014, 7).map((validFrom) => published(validFrom, 3)),
  ...halfYears(2015, 1, 2022, 7).map((validFrom) => published(validFrom, 2)),
  published('2023-01-01', 4),
  published('2023-07-01', 6),
  published('2024-01-01', 7),
  published('2024-07-01', 7),
];

/** The shipped table of a kind. */
export function shippedRates(kind: RateKind): readonly ShippedRate[] {
  return kind === 'statutory_commercial' ? STATUTORY_COMMERCIAL_RATES : STATUTORY_RATES;
}

function published(validFrom: string, ratePercent: number): ShippedRate {
  return { validFrom, ratePercent, basis: 'Besluit vaststelling wettelijke rente (art. 6:119 BW)' };
}

/** Every half-year start from year/month to year/month inclusive (months 1 or 7). */
function halfYears(fromYear: number, fromMonth: 1 | 7, toYear: number, toMonth: 1 | 7): string[] {
  const starts: string[] = [];
  for (let year = fromYear, month = fromMonth; year < toYear || (year === toYear && month <= toMonth); ) {
    starts.push(`${year}-${month === 1 ? '01' : '07'}-01`);
    if (month === 7) year += 1;
    month = month === 1 ? 7 : 1;
  }
  return starts;
}
