import jsQRModule from 'jsqr';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { deliverAction } from './deliver-action.ts';
import {
  actionInvoice,
  actionRow,
  insertAction,
  insertRun,
  insertStrategy,
} from './deliver-test-fixtures.ts';
import { deliveryRoutes } from './delivery-routes.ts';

// jsQR is CommonJS with a `default` export: Node hands it over as the module object, bundlers as the function.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default;

// Letters read back: the PDF's text with unpdf, and its QR code's pixels decoded with jsQR into the
// exact EPC payload a banking app would read.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1' });
let runtime: PluginRuntime | undefined;
const { db, server, newTenant, tokenFor } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return deliveryRoutes({ orm });
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
// A 1×1 PNG logo.
const LOGO =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const patched = await acme.api('PATCH', `/api/v1/administrations/${acme.administrationId}`, {
  senderName: 'Acme Credit Control',
  senderAddress: ['Keizersgracht 1', '1015 CJ Amsterdam'],
  iban: 'NL91 ABNA 0417 1643 00',
  bic: 'ABNANL2A',
  accountHolder: 'Acme B.V.',
  logo: LOGO,
  signature: 'Afdeling debiteurenbeheer',
});
expect(patched.status).toBe(200);
const strategyId = await insertStrategy(db.orm, acme.tenantId, acme.administrationId, [
  {
    name: 'Aanmaning',
    action: 'letter',
    offsetDays: 30,
    from: 'due_date',
    fourteenDayNotice: true,
    payWithinDays: 14,
  },
]);
const runId = await insertRun(db.orm, acme.tenantId, acme.administrationId);

async function letterAction(number: string) {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Bakkerij ${number} B.V.`,
    type: 'b2c',
    addresses: [
      {
        type: 'postal',
        line1: 'Dorpsstraat 12',
        // Beyond Windows-1252: the letter's font prints them as written.
        line2: 'p/a Łukasiewicz & Dvořák',
        postalCode: '3511 AB',
        city: 'Utrecht',
        country: 'NL',
      },
    ],
  });
  const ids = [];
  for (const [suffix, amount, due] of [
    ['F1', 100_000, '2026-10-31'],
    ['F2', 30_050, '2026-11-15'],
  ] as const) {
    const res = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: debtor.body.id,
      number: `${number}-${suffix}`,
      issueDate: '2026-09-01',
      dueDate: due,
      amount,
    });
    ids.push(res.body.id as string);
  }
  const actionId = await insertAction(db.orm, {
    tenantId: acme.tenantId,
    administrationId: acme.administrationId,
    debtorId: debtor.body.id,
    strategyId,
    kind: 'letter',
    stepName: 'Aanmaning',
    language: 'nl',
    runId,
    invoices: [
      actionInvoice(ids[0] as string, `${number}-F1`, 100_000, '2026-10-31', 37),
      actionInvoice(ids[1] as string, `${number}-F2`, 30_050, '2026-11-15', 22),
    ],
    credits: [{ kind: 'credit_note', id: 'inv_x', reference: 'CN-7', amount: -9_000 }],
  });
  return actionId;
}

async function get(url: string) {
  const res = await server.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${await tokenFor(acme.tenantId, ['dunning:read'], 'u')}` },
  });
  return res;
}

/** The QR codes on a page, decoded. */
async function qrCodes(pdf: Uint8Array, page: number): Promise<string[]> {
  const images = await extractImages(pdf, page);
  const decoded: string[] = [];
  for (const image of images) {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let p = 0; p < image.width * image.height; p++) {
      for (let c = 0; c < 3; c++)
        rgba[p * 4 + c] = image.data[p * image.channels + (image.channels === 1 ? 0 : c)] as number;
      rgba[p * 4 + 3] = 255;
    }
    const code = jsQR(rgba, image.width, image.height);
    if (code) decoded.push(code.data);
  }
  return decoded;
}

const deliver = (actionId: string) =>
  deliverAction(
    {
      orm: db.orm,
      runtime: runtime as PluginRuntime,
      publicUrl: () => '',
      filterDeadlineMs: 2000,
      mailer: null,
    },
    { tenantId: acme.tenantId, actionId, lastAttempt: false },
  );
const flat = (text: string) => text.replace(/[\u00a0\s]+/g, ' ');

describe('letters', () => {
  it('print the sender, the address window, the invoice table, the fourteen-day text and an EPC QR code', async () => {
    const actionId = await letterAction('L1');
    expect(await deliver(actionId)).toEqual({ status: 'sent' });
    const expected =
      'BCD\n002\n1\nSCT\nABNANL2A\nAcme B.V.\nNL91ABNA0417164300\nEUR1210.50\n\n\nL1 L1-F1 L1-F2';
    const row = await actionRow(db.orm, acme.tenantId, actionId);
    expect(row).toMatchObject({
      status: 'sent',
      delivery: { channel: 'letter', printBatch: runId, qr: { epc: expected } },
    });

    const res = await get(`/api/v1/dunning/actions/${actionId}/letter.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = new Uint8Array(res.rawPayload);
    const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
    const letter = flat(text);
    for (const part of [
      'Acme Credit Control',
      'Keizersgracht 1',
      'Bakkerij L1 B.V.',
      'Dorpsstraat 12',
      'p/a Łukasiewicz & Dvořák',
      '3511 AB Utrecht',
      'Betreft: Laatste aanmaning: betaling binnen 14 dagen',
      'Geachte Bakkerij L1 B.V.,',
      'L1-F1',
      '31 oktober 2026',
      '€ 1.000,00',
      'L1-F2',
      '€ 300,50',
      'Creditnota CN-7',
      '€ -90,00',
      'Te betalen',
      '€ 1.210,50',
      'binnen veertien dagen, te rekenen vanaf de dag na ontvangst van deze brief',
      'buitengerechtelijke incassokosten',
      'Afdeling debiteurenbeheer',
      'Scan met uw bankapp om te betalen',
    ]) {
      expect(letter, part).toContain(part);
    }
    expect(await qrCodes(pdf.slice(), 1)).toEqual([expected]);
  });

  it("print a run's letters as one batch in debtor order, each on its own page", async () => {
    await deliver(await letterAction('L3'));
    await deliver(await letterAction('L2'));
    const res = await get(`/api/v1/dunning/runs/${runId}/letters.pdf`);
    expect(res.statusCode).toBe(200);
    const pdf = new Uint8Array(res.rawPayload);
    const { totalPages, text } = await extractText(await getDocumentProxy(pdf.slice()), {
      mergePages: false,
    });
    expect(totalPages).toBe(3);
    expect(text.map((page) => flat(page).match(/Bakkerij (L\d) B\.V\./)?.[1])).toEqual(['L1', 'L2', 'L3']);
    expect(await qrCodes(pdf.slice(), 3)).toEqual([expect.stringContaining('L3 L3-F1 L3-F2')]);
    expect((await get('/api/v1/dunning/runs/drn_00000000000000000000000000/letters.pdf')).statusCode).toBe(
      404,
    );
  });

  it('have no QR code without an IBAN, and say so on the delivery', async () => {
    await acme.api('PATCH', `/api/v1/administrations/${acme.administrationId}`, { iban: null });
    const actionId = await letterAction('L4');
    await deliver(actionId);
    expect((await actionRow(db.orm, acme.tenantId, actionId)).delivery).toMatchObject({
      qr: { missing: 'the administration has no IBAN' },
    });
    const pdf = new Uint8Array((await get(`/api/v1/dunning/actions/${actionId}/letter.pdf`)).rawPayload);
    expect(await qrCodes(pdf, 1)).toEqual([]);
  });

  it('answer 404 for an unknown action and 409 for an action that is not a letter', async () => {
    expect((await get('/api/v1/dunning/actions/dac_00000000000000000000000000/letter.pdf')).statusCode).toBe(
      404,
    );
    const [invoice] = (await acme.api('GET', '/api/v1/invoices?limit=1')).body.data;
    const email = await insertAction(db.orm, {
      tenantId: acme.tenantId,
      administrationId: acme.administrationId,
      debtorId: invoice.debtorId,
      strategyId,
      kind: 'email',
      invoices: [actionInvoice(invoice.id, invoice.number, 100, '2026-10-31', 1)],
    });
    const res = await get(`/api/v1/dunning/actions/${email}/letter.pdf`);
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.payload)).toMatchObject({ code: 'not_a_letter' });
  });
});
