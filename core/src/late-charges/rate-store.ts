// The tenant's own rates (late_charge_rate) and the table the engine uses: shipped merged with them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import { mergeRates, RATE_KINDS, type RateEntry, type RateKind, type RateTables } from './rate-table.ts';
import { shippedRates } from './statutory-rates.ts';

/** One half-year's rate as the API lists it: where it comes from, and the shipped value a tenant's replaces. */
export interface ListedRate extends RateEntry {
  kind: RateKind;
  source: 'shipped' | 'tenant';
  /** The shipped rate for the half-year, if Kredo ships one (also when the tenant's overrides it). */
  shippedRatePercent: number | null;
  /** What the shipped rate rests on; null for a half-year Kredo does not ship. */
  basis: string | null;
}

interface RateRow {
  kind: RateKind;
  valid_from: string;
  rate: string;
}

const columns = `kind, to_char(valid_from, 'YYYY-MM-DD') as valid_from, rate::text as rate`;

async function tenantRates(em: EntityManager, kind: RateKind): Promise<RateEntry[]> {
  const rows = await em.execute<RateRow[]>(
    `select ${columns} from late_charge_rate where kind = ? order by valid_from`,
    [kind],
  );
  return rows.map((row) => ({ validFrom: row.valid_from, ratePercent: Number(row.rate) }));
}

/** A kind's table as the tenant's charges use it: the shipped rates, overridden and extended by the tenant's. */
export async function readRates(em: EntityManager, kind: RateKind): Promise<RateEntry[]> {
  return mergeRates(shippedRates(kind), await tenantRates(em, kind));
}

/** Both kinds' tables, as `computeCharges` takes them. */
export async function readRateTables(em: EntityManager): Promise<RateTables> {
  const [statutoryCommercial, statutory] = await Promise.all(RATE_KINDS.map((kind) => readRates(em, kind)));
  return { statutory_commercial: statutoryCommercial ?? [], statutory: statutory ?? [] };
}

/** A kind's table with each rate's source, oldest half-year first. */
export async function listRates(em: EntityManager, kind: RateKind): Promise<ListedRate[]> {
  const own = await tenantRates(em, kind);
  const owned = new Set(own.map((rate) => rate.validFrom));
  return mergeRates(shippedRates(kind), own).map((rate) => listed(kind, rate, owned.has(rate.validFrom)));
}

/** Sets the tenant's rate for a half-year (a new row, or the one it had). */
export async function putRate(
  em: EntityManager,
  tenantId: string,
  kind: RateKind,
  validFrom: string,
  ratePercent: number,
): Promise<ListedRate> {
  const [row] = await em.execute<RateRow[]>(
    `insert into late_charge_rate (tenant_id, kind, valid_from, rate) values (?, ?, ?, ?)
     on conflict (tenant_id, kind, valid_from) do update set rate = excluded.rate, updated_at = now()
     returning ${columns}`,
    [tenantId, kind, validFrom, ratePercent],
  );
  if (!row) throw new Error(`late_charge_rate ${kind} ${validFrom} was not written`);
  return listed(kind, { validFrom: row.valid_from, ratePercent: Number(row.rate) }, true);
}

/** Removes the tenant's rate for a half-year: the shipped one, if any, applies again. */
export async function deleteRate(em: EntityManager, kind: RateKind, validFrom: string): Promise<void> {
  const deleted = await em.execute<{ kind: string }[]>(
    'delete from late_charge_rate where kind = ? and valid_from = ? returning kind',
    [kind, validFrom],
  );
  if (deleted.length === 0) throw notFound('Late charge rate', `${kind} ${validFrom}`);
}

function listed(kind: RateKind, rate: RateEntry, own: boolean): ListedRate {
  const ships = shippedRates(kind).find((shipped) => shipped.validFrom === rate.validFrom);
  return {
    kind,
    validFrom: rate.validFrom,
    ratePercent: rate.ratePercent,
    source: own ? 'tenant' : 'shipped',
    shippedRatePercent: ships?.ratePercent ?? null,
    basis: ships?.basis ?? null,
  };
}
