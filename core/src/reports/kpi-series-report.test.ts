import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { OPS } from 'unpdf/pdfjs';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import type { CurrencyKpis } from '../insight/index.ts';
import { insightLedger } from '../insight/test-insight-ledger.ts';

const { newTenant, server, tokenFor } = await createTestApi();
const acme = await newTenant('Series BV');
const other = await newTenant('Elsewhere BV');
const ledger = insightLedger(acme.api, acme.administrationId);

// End of June 2026, by hand (each day's KPIs cover the 30 days up to it): 400.00 overdue since May,
// 1,000.00 sold on 1 June, 500.00 on 29 June, 300.00 on 30 June, none paid.
//   28 June: receivables 1,400.00 on sales 1,000.00: DSO 42,   overdue 400 / 1,400
//   29 June: receivables 1,900.00 on sales 1,500.00: DSO 38,   overdue 400 / 1,900
//   30 June: receivables 2,200.00 on sales 1,800.00: DSO 36.7, overdue 400 / 2,200
const alice = await ledger.debtor('Alice');
await ledger.invoice(alice, 40_000, '2026-04-01', '2026-05-01');
await ledger.invoice(alice, 100_000, '2026-06-01', '2026-07-01');
await ledger.invoice(alice, 50_000, '2026-06-29', '2026-07-29');
await ledger.invoice(alice, 30_000, '2026-06-30', '2026-07-30');
const DAYS = ['2026-06-28', '2026-06-29', '2026-06-30'];
for (const day of DAYS) {
  const taken = await acme.api('POST', '/api/v1/insight/snapshots', {
    administrationId: acme.administrationId,
    day,
  });
  expect(taken.status, JSON.stringify(taken.body)).toBe(200);
}
// The other tenant's snapshot of the same day: never in acme's report.
const stranger = await insightLedger(other.api, other.administrationId).debtor('Stranger');
await insightLedger(other.api, other.administrationId).invoice(stranger, 999_999, '2026-06-01', '2026-06-02');
await other.api('POST', '/api/v1/insight/snapshots', {
  administrationId: other.administrationId,
  day: '2026-06-30',
});

const token = await tokenFor(acme.tenantId);
const PERIOD = 'from=2026-06-27&to=2026-06-30';

async function download(query: string) {
  const res = await server.inject({
    method: 'GET',
    url: `/api/v1/reports/kpi-series?${query}`,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.statusCode, res.payload).toBe(200);
  return res.rawPayload;
}

type Point = { x: number; y: number };

/**
 * A line's points evenly spaced along x, and their heights over the zero line (where a value 0 would
 * be, found from the first two points) in proportion to the values.
 */
function expectProportional(points: Point[], values: number[]): void {
  expect(points).toHaveLength(values.length);
  const [first, second] = points as [Point, Point];
  const [a, b] = values as [number, number];
  const slot = second.x - first.x;
  expect(slot).toBeGreaterThan(0);
  const perUnit = (first.y - second.y) / (a - b);
  const zero = first.y - perUnit * a;
  expect(Math.abs(zero - first.y)).toBeGreaterThan(1); // the values stand above the axis
  points.forEach((point, i) => {
    expect(point.x).toBeCloseTo(first.x + i * slot, 3);
    expect(point.y).toBeCloseTo(zero + perUnit * (values[i] as number), 1);
  });
}

describe('GET /api/v1/reports/kpi-series', () => {
  it('holds every snapshot’s figures as the snapshot kept them, and the days without one', async () => {
    const series = (await acme.api('GET', `/api/v1/insight/kpis?${PERIOD}`)).body;
    expect(series.points).toHaveLength(3);
    const rows: Record<string, string>[] = parse(await download(`format=csv&${PERIOD}`), { columns: true });
    const orNone = (value: number | null) => (value === null ? '' : String(value));
    const points: { day: string; kpis: { currencies: CurrencyKpis[] } }[] = series.points;
    expect(rows).toEqual(
      points.flatMap(({ day, kpis }) =>
        kpis.currencies.map((k) => ({
          day,
          administration: 'Series BV (main)',
          group: 'Series BV (main)',
          currency: k.currency,
          ending: (k.receivables.ending / 100).toFixed(2),
          ending_past_due: (k.receivables.endingPastDue / 100).toFixed(2),
          dso: orNone(k.dso),
          count_back_dso: orNone(k.countBackDso),
          best_possible_dso: orNone(k.bestPossibleDso),
          average_days_delinquent: orNone(k.averageDaysDelinquent),
          cei: orNone(k.cei),
          overdue_share: orNone(k.overdueShare),
        })),
      ),
    );
    // And those are the figures computed by hand above.
    expect(rows.map((r) => [r.day, r.ending, r.dso])).toEqual([
      ['2026-06-28', '1400.00', '42'],
      ['2026-06-29', '1900.00', '38'],
      ['2026-06-30', '2200.00', '36.7'],
    ]);
    const missing = parse(await download(`format=csv&table=missing&${PERIOD}`), { columns: true });
    expect(missing).toEqual([]); // 27 June is before the administration's first snapshot
  });

  it('draws DSO and the overdue share as lines whose points stand in proportion to the figures', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await download(`format=pdf&${PERIOD}`)));
    const operators = await (await pdf.getPage(1)).getOperatorList();
    // Each stroked path as its points: a line series is the one path with a point per day.
    const strokes: { x: number; y: number }[][] = [];
    operators.fnArray.forEach((fn, i) => {
      const args = operators.argsArray[i];
      if (fn !== OPS.constructPath || args[0] !== OPS.stroke) return;
      const path = Array.from((args[1] as ArrayLike<number>[])[0] as ArrayLike<number>);
      const points: { x: number; y: number }[] = [];
      for (let at = 0; at < path.length; ) {
        const op = path[at] as number;
        if (op === 0 || op === 1) {
          points.push({ x: path[at + 1] as number, y: path[at + 2] as number });
          at += 3;
        } else at += op === 2 ? 7 : op === 3 ? 5 : 1;
      }
      strokes.push(points);
    });
    // Four days on the x axis (27 June has no snapshot: a gap), so each line has three points.
    const lines = strokes.filter((points) => points.length === 3);
    expect(lines).toHaveLength(2);
    const overdueShares = [400 / 1400, 400 / 1900, 400 / 2200].map((v) => Math.round(v * 1000) / 10);
    expectProportional(lines[0] ?? [], [42, 38, 36.7]);
    expectProportional(lines[1] ?? [], overdueShares);
  });

  it('is written in the language asked for', async () => {
    const { text } = await extractText(new Uint8Array(await download(`format=pdf&lang=de&${PERIOD}`)), {
      mergePages: true,
    });
    for (const expected of [
      'Kennzahlen im Zeitverlauf',
      'Stand 30.06.2026',
      'Zeitraum: 27.06.2026 bis 30.06.2026',
      'DSO im Zeitverlauf (EUR)',
      'Anteil überfällig im Zeitverlauf (EUR)',
      'Kennzahlen pro Tag',
      '36,7',
      '1.400,00',
      '3 Tage wurden später',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('9.999,99');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(`format=xlsx&lang=fr&${PERIOD}`)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Indicateurs par jour',
      'Jours manquants',
      'Rapport',
    ]);
    expect(workbook.getWorksheet('Indicateurs par jour')?.getRow(1).values).toEqual([
      undefined,
      'Jour',
      'Administration',
      'Groupe',
      'Devise',
      'Créances',
      'Échu',
      'DSO',
      'DSO (épuisement)',
      'Meilleur DSO possible',
      'Retard moyen (jours)',
      'CEI',
      'Part échue',
    ]);
  });

  it('names a period it cannot cover', async () => {
    const long = await acme.api('GET', '/api/v1/reports/kpi-series?from=2025-01-01&to=2026-06-30');
    expect(long.status).toBe(400);
    expect(long.body.field).toBe('from');
    const half = await acme.api('GET', '/api/v1/reports/kpi-series?from=2026-06-01');
    expect(half.status).toBe(400);
    expect(half.body.message).toBe('to: give to with from');
  });
});
