import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { OPS } from 'unpdf/pdfjs';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.ts';
import { sampleReport } from './test-report.ts';

// Each format read back with a reader that is not ours: csv-parse, exceljs, and pdf.js (through unpdf)
// for the PDF's text and for the shapes its charts are drawn with.

describe('CSV', () => {
  it('is RFC 4180 with a column per field, amounts as decimals, awkward text quoted', async () => {
    const file = await renderReport(sampleReport(), 'csv', { table: 'debtors' });
    expect(file.fileName).toBe('sample-debtors-2026-12-18.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8; header=present');
    const text = file.body.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('debtor,oldest_due,currency,open_amount,dso');
    expect(parse(file.body, { columns: true })).toEqual([
      {
        debtor: 'Łódź "Hurt", S.A.\nOddział 2',
        oldest_due: '2026-11-02',
        currency: 'EUR',
        open_amount: '99.00',
        dso: '41.25',
      },
      // A formula from the ERP is defused: a spreadsheet shows it as text.
      {
        debtor: '\'=HYPERLINK("http://evil.example")',
        oldest_due: '',
        currency: 'EUR',
        open_amount: '0.01',
        dso: '',
      },
    ]);
  });

  it('writes the first table by default, each currency with its own decimals, and names a missing one', async () => {
    const file = await renderReport(sampleReport(), 'csv');
    expect(file.fileName).toBe('sample-buckets-2026-12-18.csv');
    const rows: { open_amount: string }[] = parse(file.body, { columns: true });
    expect(rows.map((r) => r.open_amount)).toEqual(['1234.50', '-0.07', '500']);
    const missing = await renderReport(sampleReport(), 'csv', { table: 'nope' }).catch((e) => e);
    expect(missing).toMatchObject({ code: 'invalid_request', status: 400, details: { field: 'table' } });
    expect(missing.message).toBe("table: the sample report's tables are buckets, debtors");
  });
});

describe('XLSX', () => {
  it('has a sheet per table with a frozen header and typed, formatted cells', async () => {
    const file = await renderReport(sampleReport(), 'xlsx');
    expect(file.fileName).toBe('sample-2026-12-18.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['buckets', 'debtors', 'Report']);
    const buckets = workbook.getWorksheet('buckets') as ExcelJS.Worksheet;
    expect(buckets.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(buckets.getRow(1).values).toEqual([
      undefined,
      'Bucket',
      'Currency',
      'Open amount',
      'Invoices',
      'Share',
    ]);
    const amount = buckets.getCell('C2');
    expect(amount.value).toBe(1234.5);
    expect(amount.numFmt).toBe('#,##0.00 "EUR"');
    expect(buckets.getCell('C4').value).toBe(500);
    expect(buckets.getCell('C4').numFmt).toBe('#,##0 "JPY"');
    expect(buckets.getCell('E3').value).toBe(0.125);
    expect(buckets.getCell('E3').numFmt).toBe('0.0%');
    const debtors = workbook.getWorksheet('debtors') as ExcelJS.Worksheet;
    expect(debtors.getCell('A2').value).toBe('Łódź "Hurt", S.A.\nOddział 2');
    expect(debtors.getCell('B2').value).toEqual(new Date('2026-11-02T00:00:00Z'));
    expect(debtors.getCell('B2').numFmt).toBe('dd mmm yyyy');
    expect(debtors.getCell('B3').value).toBeNull();
    const about = workbook.getWorksheet('Report') as ExcelJS.Worksheet;
    expect(about.getCell('A1').value).toBe('Sample report');
    expect(about.getRow(2).values).toEqual([undefined, 'As of', new Date('2026-12-18T00:00:00Z')]);
    expect(about.getRow(3).values).toEqual([undefined, 'Administration', 'Acme BV']);
  });

  it('names the about sheet and orders dates as the report’s language does', async () => {
    const expected = {
      nl: ['Rapport', 'Per', 'dd-mm-yyyy'],
      en: ['Report', 'As of', 'dd mmm yyyy'],
      de: ['Bericht', 'Stand', 'dd.mm.yyyy'],
      fr: ['Rapport', 'Au', 'dd/mm/yyyy'],
    } as const;
    for (const [language, [sheet, asOf, dates]] of Object.entries(expected)) {
      const file = await renderReport(sampleReport(language as keyof typeof expected), 'xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['buckets', 'debtors', sheet]);
      expect(workbook.getWorksheet(sheet)?.getCell('A2').value).toBe(asOf);
      expect(workbook.getWorksheet(sheet)?.getCell('B2').numFmt).toBe(dates);
      expect(workbook.getWorksheet('debtors')?.getCell('B2').numFmt).toBe(dates);
    }
  });
});

describe('PDF', () => {
  it('has the title, parameters, tables and the charts’ titles, axes, legends and categories as text', async () => {
    const file = await renderReport(sampleReport(), 'pdf');
    expect(file.fileName).toBe('sample-2026-12-18.pdf');
    expect(file.contentType).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(file.body), { mergePages: true });
    for (const expected of [
      'Sample report',
      'As of 18 Dec 2026',
      'Administration: Acme BV',
      'Ageing (EUR)',
      'Forecast by week (EUR)',
      'Not due',
      '90+',
      'W51',
      'Expected',
      'Received',
      '4,000', // the ageing chart's top tick: 400,000 cents
      'Open amounts by age',
      '1,234.50',
      '12.5%',
      'Łódź',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('writes amounts, percentages, days and dates as the report’s language does', async () => {
    const expected = {
      // The ageing chart's top tick (4,000), an amount, a percentage, a DSO and a date.
      nl: ['Per 18 dec 2026', '4.000', '1.234,50', '-0,07', '12,5%', '41,3', '2 nov 2026'],
      en: ['As of 18 Dec 2026', '4,000', '1,234.50', '-0.07', '12.5%', '41.3', '2 Nov 2026'],
      de: ['Stand 18.12.2026', '4.000', '1.234,50', '-0,07', '12,5 %', '41,3', '02.11.2026'],
      fr: ['Au 18 déc. 2026', '4 000', '1 234,50', '-0,07', '12,5 %', '41,3', '2 nov. 2026'],
    } as const;
    for (const [language, texts] of Object.entries(expected)) {
      const file = await renderReport(sampleReport(language as keyof typeof expected), 'pdf');
      const { text } = await extractText(new Uint8Array(file.body), { mergePages: true });
      // pdf.js gives French's narrow no-break space (U+202F) back as a space.
      const plain = text.replace(/[\u202f\u00a0]/g, ' ');
      for (const expectedText of texts) expect(plain, language).toContain(expectedText);
    }
  });

  it('draws the ageing bars as vector shapes whose heights are in proportion to the amounts', async () => {
    const file = await renderReport(sampleReport(), 'pdf');
    const pdf = await getDocumentProxy(new Uint8Array(file.body));
    const operators = await (await pdf.getPage(1)).getOperatorList();
    const filled: number[][] = [];
    operators.fnArray.forEach((fn, i) => {
      const args = operators.argsArray[i];
      if (fn === OPS.constructPath && args[0] === OPS.fill)
        filled.push(Array.from(args[2] as ArrayLike<number>));
    });
    // The first chart's bars: wide shapes standing on one baseline (the legend's swatch is 8 pt wide).
    const bars = filled.filter(([x0, , x1]) => (x1 as number) - (x0 as number) > 20).slice(0, 4);
    const baseline = bars[0]?.[3] as number;
    expect(bars.every((bar) => Math.abs((bar[3] as number) - baseline) < 0.01)).toBe(true);
    const heights = bars.map(([, y0, , y1]) => (y1 as number) - (y0 as number));
    // 400,000 : 200,000 : 100,000 : 50,000 (the empty 61–90 bucket draws nothing).
    expect(heights.map((h) => Math.round((h / (heights[3] as number)) * 100) / 100)).toEqual([8, 4, 2, 1]);
  });
});
