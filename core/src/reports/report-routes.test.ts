import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { insightLedger } from '../insight/test-insight-ledger.ts';

const { newTenant, caller, server, tokenFor } = await createTestApi();
const acme = await newTenant('Reports BV');
const other = await newTenant('Elsewhere BV');
const ledger = insightLedger(acme.api, acme.administrationId);

// Aged by hand on 30 June 2026 (days past due = 30 June − due date).
const alice = await ledger.debtor('Alice');
await ledger.invoice(alice, 100_000, '2026-06-01', '2026-07-10'); // not due
await ledger.invoice(alice, 50_000, '2026-05-01', '2026-06-29'); // 1 day: 1–30
await ledger.invoice(alice, 40_000, '2026-04-01', '2026-05-30'); // 31 days: 31–60
await ledger.invoice(alice, 25_000, '2026-03-01', '2026-03-31'); // 91 days: 91+
await ledger.invoice(alice, -5_000, '2026-06-10', '2026-06-10'); // a credit note
await ledger.invoice(alice, 12_345, '2026-05-01', '2026-06-01', 'USD'); // 29 days: 1–30
const stranger = await insightLedger(other.api, other.administrationId).debtor('Stranger');
await insightLedger(other.api, other.administrationId).invoice(stranger, 999_999, '2026-01-01', '2026-01-31');

const url = (query: string) => `/api/v1/reports/ageing?asOf=2026-06-30&${query}`;
const token = await tokenFor(acme.tenantId);

/** A file as the client receives it: its bytes, status and headers. */
async function download(path: string, headers: Record<string, string> = {}) {
  const res = await server.inject({
    method: 'GET',
    url: path,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
}

describe('GET /api/v1/reports/ageing', () => {
  it('answers CSV per table with its content type and file name, amounts as decimals', async () => {
    const res = await download(url('format=csv'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ageing-ageing-2026-06-30.csv"');
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(rows.map((r) => [r.currency, r.bucket, r.open_amount, r.invoices])).toEqual([
      ['EUR', 'Not due', '1000.00', '1'],
      ['EUR', '1–30 days', '500.00', '1'],
      ['EUR', '31–60 days', '400.00', '1'],
      ['EUR', '61–90 days', '0.00', '0'],
      ['EUR', '91+ days', '250.00', '1'],
      ['USD', 'Not due', '0.00', '0'],
      ['USD', '1–30 days', '123.45', '1'],
      ['USD', '31–60 days', '0.00', '0'],
      ['USD', '61–90 days', '0.00', '0'],
      ['USD', '91+ days', '0.00', '0'],
    ]);
    const totals = await download(url('format=csv&table=totals'));
    expect(parse(totals.body, { columns: true })[0]).toEqual({
      currency: 'EUR',
      open_amount: '2150.00',
      invoices: '4',
      overdue_amount: '1150.00',
      overdue_invoices: '3',
      overdue_share: String((115_000 / 215_000) * 100),
      credit_notes: '-50.00',
    });
  });

  it('answers XLSX with a sheet per table and the administration named', async () => {
    const res = await download(url(`format=xlsx&administrationId=${acme.administrationId}`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="ageing-2026-06-30.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ageing', 'Totals', 'Report']);
    const sheet = workbook.getWorksheet('Ageing') as ExcelJS.Worksheet;
    expect(sheet.getCell('E3').value).toBe(500);
    expect(sheet.getCell('E3').numFmt).toBe('#,##0.00 "EUR"');
    const about = workbook.getWorksheet('Report') as ExcelJS.Worksheet;
    expect(about.getRow(3).values).toEqual([undefined, 'Administration', 'Reports BV (main)']);
  });

  it('answers a PDF with a chart per currency, by default', async () => {
    const res = await download('/api/v1/reports/ageing');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(res.body), { mergePages: true });
    for (const expected of [
      'Ageing of open receivables',
      'Ageing (EUR)',
      'Ageing (USD)',
      '91+ days',
      '123.45',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('9,999.99'); // the other tenant's invoice
  });

  it('converts into one currency at the tenant’s rates when asked, and says so', async () => {
    const rates = await acme.api('PUT', '/api/v1/insight/rates', {
      rates: [{ currency: 'USD', toCurrency: 'EUR', rate: 0.5, validFrom: '2026-01-01' }],
    });
    expect(rates.status, JSON.stringify(rates.body)).toBeLessThan(300);
    const res = await download(url('format=csv&table=totals&convertTo=EUR'));
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.currency).toBe('EUR');
    const pdf = await download(url('format=pdf&convertTo=EUR'));
    const { text } = await extractText(new Uint8Array(pdf.body), { mergePages: true });
    expect(text).toContain('Amounts converted into EUR at the tenant');
    expect(text).not.toContain('Ageing (USD)');
  });

  it('names what is wrong with the query, and needs ledger:read', async () => {
    const bad = await acme.api('GET', url('format=docx'));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_request', field: 'format' });
    const table = await acme.api('GET', url('format=csv&table=nope'));
    expect(table.status).toBe(400);
    expect(table.body.message).toContain("table: the ageing report's tables are ageing, totals");
    const edges = await acme.api('GET', url('edges=60,30'));
    expect(edges.status).toBe(400);
    const unknown = await acme.api('GET', url('administrationId=adm_00000000000000000000000000'));
    expect(unknown.status).toBe(404);
    const elsewhere = await acme.api('GET', url(`administrationId=${other.administrationId}`));
    expect(elsewhere.status).toBe(404);
    const partner = await caller(acme.tenantId, ['dunning:read']);
    expect((await partner('GET', url('format=csv'))).status).toBe(403);
  });
});

describe('reports in nl, en, de and fr', () => {
  // Written out by hand, not read from the catalogue: a text changed or lost there is caught here.
  const expected = {
    nl: {
      title: 'Ouderdomsanalyse openstaande posten',
      sheets: ['Ouderdom', 'Totalen', 'Rapport'],
      headings: [
        'Valuta',
        'Categorie',
        'Vanaf dag',
        'Tot en met dag',
        'Openstaand bedrag',
        'Facturen',
        'Aandeel van openstaand',
      ],
      buckets: ['Niet vervallen', '1–30 dagen', '91+ dagen'],
      pdf: [
        'Per 30 jun 2026',
        'Administratie: Reports BV (main)',
        'Ouderdom (EUR)',
        'Openstaand bedrag',
        '1.000,00',
        '123,45',
      ],
    },
    en: {
      title: 'Ageing of open receivables',
      sheets: ['Ageing', 'Totals', 'Report'],
      headings: ['Currency', 'Bucket', 'From day', 'To day', 'Open amount', 'Invoices', 'Share of open'],
      buckets: ['Not due', '1–30 days', '91+ days'],
      pdf: [
        'As of 30 Jun 2026',
        'Administration: Reports BV (main)',
        'Ageing (EUR)',
        'Open amount',
        '1,000.00',
        '123.45',
      ],
    },
    de: {
      title: 'Altersstruktur der offenen Forderungen',
      sheets: ['Altersstruktur', 'Summen', 'Bericht'],
      headings: [
        'Währung',
        'Klasse',
        'Ab Tag',
        'Bis Tag',
        'Offener Betrag',
        'Rechnungen',
        'Anteil am Offenen',
      ],
      buckets: ['Nicht fällig', '1–30 Tage', '91+ Tage'],
      pdf: [
        'Stand 30.06.2026',
        'Mandant: Reports BV (main)',
        'Altersstruktur (EUR)',
        'Offener Betrag',
        '1.000,00',
        '123,45',
      ],
    },
    fr: {
      title: 'Balance âgée des créances ouvertes',
      sheets: ['Balance âgée', 'Totaux', 'Rapport'],
      headings: [
        'Devise',
        'Tranche',
        'Du jour',
        'Au jour',
        'Montant ouvert',
        'Factures',
        'Part de l’encours',
      ],
      buckets: ['Non échu', '1–30 jours', '91+ jours'],
      pdf: [
        'Au 30 juin 2026',
        'Administration : Reports BV (main)',
        'Balance âgée (EUR)',
        'Montant ouvert',
        '1 000,00',
        '123,45',
      ],
    },
  };

  it.each(Object.entries(expected))(
    'writes the ageing report in %s: sheets, headings, buckets, chart and figures',
    async (lang, texts) => {
      const xlsx = await download(url(`format=xlsx&lang=${lang}&administrationId=${acme.administrationId}`));
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(texts.sheets);
      const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.getRow(1).values).toEqual([undefined, ...texts.headings]);
      expect([2, 3, 6].map((row) => sheet.getCell(`B${row}`).value)).toEqual(texts.buckets);
      expect(workbook.worksheets[2]?.getCell('A1').value).toBe(texts.title);

      const pdf = await download(url(`lang=${lang}&administrationId=${acme.administrationId}`));
      const { text } = await extractText(new Uint8Array(pdf.body), { mergePages: true });
      // Spaces as pdf.js gives them back: a heading wrapped over two lines, French's narrow no-break space.
      const plain = text.replace(/\s+/g, ' ');
      for (const expectedText of [texts.title, ...texts.headings, ...texts.buckets, ...texts.pdf]) {
        expect(plain).toContain(expectedText);
      }

      // A CSV keeps its keys and plain numbers in every language; the bucket a person reads is translated.
      const csv = await download(url(`format=csv&lang=${lang}`));
      const rows: Record<string, string>[] = parse(csv.body, { columns: true });
      expect(Object.keys(rows[0] ?? {})).toEqual([
        'currency',
        'bucket',
        'from_days',
        'to_days',
        'open_amount',
        'invoices',
        'share',
      ]);
      expect(rows.map((r) => r.bucket).filter((_, i) => [0, 1, 4].includes(i))).toEqual(texts.buckets);
      expect(rows[1]?.open_amount).toBe('500.00');
    },
  );

  it('writes the KPI and forecast reports in the language asked for too', async () => {
    const kpis = await download(
      '/api/v1/reports/kpis?format=xlsx&lang=nl&from=2026-04-01&to=2026-06-30&groupBy=collector',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(kpis.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['KPI’s', 'Afspraken en geschillen', 'Rapport']);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([
      undefined,
      'Groep',
      'Valuta',
      'Saldo aan het begin',
      'Saldo aan het eind',
      'Vervallen aan het eind',
      'Omzet op rekening',
      'DSO',
      'DSO (terugtelmethode)',
      'Best mogelijke DSO',
      'Gem. dagen te laat',
      'CEI',
      'Aandeel vervallen',
    ]);
    expect(workbook.worksheets[0]?.getCell('A2').value).toBe('geen'); // the debtors without a collector
    const about = workbook.getWorksheet('Rapport') as ExcelJS.Worksheet;
    expect(about.getRow(4).values).toEqual([undefined, 'Periode', '1 apr 2026 t/m 30 jun 2026']);
    expect(about.getRow(5).values).toEqual([undefined, 'Per', 'incasseerder']);

    const forecast = await download(
      `/api/v1/reports/forecast?lang=fr&administrationId=${acme.administrationId}`,
    );
    const { text } = await extractText(new Uint8Array(forecast.body), { mergePages: true });
    for (const expected of [
      'Prévision de trésorerie',
      'Encaissements attendus par semaine (EUR)',
      'Encaissements attendus par semaine',
      'Attendu',
      'En litige (à part)',
      'Jours au-delà du terme (administration)',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    expect(text).toMatch(/\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.?/);
  });

  it('writes in the language the Accept-Language header prefers when no lang is given', async () => {
    const sheetsIn = async (headers: Record<string, string>, query = 'format=xlsx') => {
      const res = await download(url(query), headers);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      return {
        sheet: workbook.worksheets[0]?.name,
        language: res.headers['content-language'],
        vary: res.headers.vary,
      };
    };
    // The q-values decide, not the order; a region asks for its language; what we do not write is passed over.
    expect(await sheetsIn({ 'accept-language': 'es-ES, fr;q=0.5, de-AT;q=0.8' })).toEqual({
      sheet: 'Altersstruktur',
      language: 'de',
      vary: 'accept-language',
    });
    expect(await sheetsIn({ 'accept-language': 'nl-BE' })).toMatchObject({
      sheet: 'Ouderdom',
      language: 'nl',
    });
    expect(await sheetsIn({ 'accept-language': 'fr;q=0, es' })).toMatchObject({ language: 'en' });
    expect(await sheetsIn({})).toMatchObject({ sheet: 'Ageing', language: 'en' });
    // `lang` wins over the header, and the answer then does not vary with it.
    expect(await sheetsIn({ 'accept-language': 'de' }, 'format=xlsx&lang=fr')).toEqual({
      sheet: 'Balance âgée',
      language: 'fr',
      vary: undefined,
    });
  });

  it('refuses a language it does not write', async () => {
    const res = await acme.api('GET', url('lang=es'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', field: 'lang' });
  });
});

describe('GET /api/v1/reports/kpis', () => {
  it('holds the KPIs insight computes for the period, per currency', async () => {
    const period = 'from=2026-04-01&to=2026-06-30';
    const kpis = (await acme.api('GET', `/api/v1/insight/kpis/period?${period}`)).body;
    const res = await download(`/api/v1/reports/kpis?format=csv&${period}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="kpis-kpis-2026-06-30.csv"');
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(rows.map((r) => r.currency)).toEqual(kpis.currencies.map((c: { currency: string }) => c.currency));
    const [eur] = kpis.currencies;
    expect(rows[0]).toMatchObject({
      group: 'all',
      ending: (eur.receivables.ending / 100).toFixed(2),
      credit_sales: (eur.creditSales / 100).toFixed(2),
      dso: eur.dso === null ? '' : String(eur.dso),
      count_back_dso: eur.countBackDso === null ? '' : String(eur.countBackDso),
      cei: eur.cei === null ? '' : String(eur.cei),
    });
  });

  it('names the groups of a split report', async () => {
    const res = await download(
      '/api/v1/reports/kpis?format=csv&table=activity&from=2026-04-01&to=2026-06-30&groupBy=debtor',
    );
    const rows: { group: string }[] = parse(res.body, { columns: true });
    expect(rows.map((r) => r.group)).toEqual(['Alice (Alice)']);
    const administrations = await download(
      '/api/v1/reports/kpis?format=csv&from=2026-04-01&to=2026-06-30&groupBy=administration',
    );
    expect(parse(administrations.body, { columns: true })[0]).toMatchObject({ group: 'Reports BV (main)' });
  });

  it('covers the previous month by default, and names a half-given period', async () => {
    const res = await download('/api/v1/reports/kpis?format=pdf');
    expect(res.status).toBe(200);
    const { text } = await extractText(new Uint8Array(res.body), { mergePages: true });
    expect(text).toContain('Credit-management KPIs');
    expect(text).toMatch(/Period: 1 [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}/);
    const half = await acme.api('GET', '/api/v1/reports/kpis?from=2026-01-01');
    expect(half.status).toBe(400);
    expect(half.body.message).toBe('to: give to with from');
  });
});

describe('GET /api/v1/reports/forecast', () => {
  it('holds the forecast’s periods and draws its weeks', async () => {
    const forecast = (await acme.api('GET', `/api/v1/forecast?administrationId=${acme.administrationId}`))
      .body;
    const res = await download(
      `/api/v1/reports/forecast?format=csv&administrationId=${acme.administrationId}`,
    );
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => [r.start, r.expected])).toEqual(
      forecast.periods.map((p: { start: string; expected: number }) => [
        p.start,
        (p.expected / 100).toFixed(2),
      ]),
    );
    const pdf = await download(`/api/v1/reports/forecast?administrationId=${acme.administrationId}`);
    const { text } = await extractText(new Uint8Array(pdf.body), { mergePages: true });
    expect(text).toContain('Expected receipts per week (EUR)');
    expect(text).toContain('Disputed (apart)');
    const [, month, day] = (forecast.periods[0].start as string).split('-').map(Number);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    expect(text).toContain(`${day} ${months[(month as number) - 1]}`);
    const needs = await acme.api('GET', '/api/v1/reports/forecast');
    expect(needs.status).toBe(400);
    expect(needs.body.field).toBe('administrationId');
  });
});
