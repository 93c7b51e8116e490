import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf, forEachAdministration, getAdministration } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { receivablesSql } from '../invoices/overdue-rule.ts';
import { addDays } from '../shared/iso-date.ts';
import { expectedReceipts, forecastWeeks } from './forecast.ts';

/**
 * Keeps the forecast made on a day, so that it can be compared afterwards with what arrived
 * (forecast-accuracy.ts), in the caller's transaction:
 * 1. the administration's business date (`asOf`: a test's fixed date) and its currencies (its own and
 *    those of its open invoices);
 * 2. per currency, unless that day's forecast is kept already (the first of the day stands: a rerun,
 *    an hourly job or a retry after a crash writes nothing twice), the expected and disputed amount of
 *    every day from the business date to the end of the 13th week, zeros included, so that a day
 *    without receipts expected is told apart from a day without a forecast.
 * Answers the currencies written.
 */
export async function snapshotForecast(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  options: { asOf?: string } = {},
): Promise<string[]> {
  const administration = await getAdministration(em, administrationId);
  const today = options.asOf ?? (await businessDateOf(em, administrationId));
  const rows = await em.execute<{ currency: string }[]>(
    `select ? as currency union select distinct i.currency from ${receivablesSql('?')} i order by 1`,
    [administration.currency, administrationId],
  );
  const to = (forecastWeeks(today).at(-1) as { end: string }).end;
  const written: string[] = [];
  for (const { currency } of rows) {
    const [kept] = await em.execute<{ found: number }[]>(
      'select 1 as found from forecast_snapshot where administration_id = ? and currency = ? and made_on = ? limit 1',
      [administrationId, currency, today],
    );
    if (kept) continue;
    const { receipts } = await expectedReceipts(em, administrationId, currency, today);
    const days = new Map<string, { expected: number; disputed: number }>();
    for (let day = today; day <= to; day = addDays(day, 1)) days.set(day, { expected: 0, disputed: 0 });
    for (const receipt of receipts) {
      const day = days.get(receipt.on);
      if (!day) continue; // beyond the 13 weeks
      if (receipt.kind === 'disputed') day.disputed += receipt.amount;
      else day.expected += receipt.amount;
    }
    await em.execute(
      `insert into forecast_snapshot (tenant_id, administration_id, currency, made_on, day, expected, disputed)
       select ?, ?, ?, ?::date, d.day, d.expected, d.disputed
       from jsonb_to_recordset(?::jsonb) as d(day date, expected bigint, disputed bigint)
       on conflict do nothing`,
      [
        tenantId,
        administrationId,
        currency,
        today,
        JSON.stringify([...days].map(([day, amounts]) => ({ day, ...amounts }))),
      ],
    );
    written.push(currency);
  }
  return written;
}

/** Today's forecast of every administration of every tenant (or of `only`): the daily job. */
export async function snapshotAllForecasts(orm: Orm, options: { only?: string } = {}): Promise<number> {
  const written = await forEachAdministration(
    orm,
    (em, { tenantId, administrationId }) => snapshotForecast(em, tenantId, administrationId),
    options,
  );
  return written.flat().length;
}
