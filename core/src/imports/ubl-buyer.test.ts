import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';

// UBL documents of Kredo's own making, one per way a buyer can be identified (fixtures/ubl-buyers).
const here = dirname(fileURLToPath(import.meta.url));
const buyerDocument = (name: string) => readFileSync(join(here, 'fixtures/ubl-buyers', name));

const { newTenant } = await createTestApi();
type Tenant = Awaited<ReturnType<typeof newTenant>>;

const importUbl = (tenant: Tenant, xml: Buffer | string) =>
  tenant.api('POST', `/api/v1/imports?administrationId=${tenant.administrationId}&format=ubl`, xml, {
    'content-type': 'application/xml',
  });

async function debtorOfInvoice(tenant: Tenant, invoiceNumber: string) {
  const invoice = (await tenant.api('GET', `/api/v1/invoices?q=${invoiceNumber}`)).body.data[0];
  return (await tenant.api('GET', `/api/v1/debtors/${invoice.debtorId}`)).body;
}

describe('a UBL buyer without PartyIdentification becomes a debtor numbered by its other identifiers', () => {
  it.each([
    ['endpoint-only.xml', 'BUY-ENDPOINT-1', '0088:5790000435968'],
    ['vat-only.xml', 'BUY-VAT-1', 'VAT:NL800012345B01'],
    ['legal-only.xml', 'BUY-LEGAL-1', '0208:0477472701'],
    ['legal-no-scheme.xml', 'BUY-LEGAL-2', 'REG:HRB 12345'],
  ])(
    '%s: invoice %s goes to a new debtor %s, found again when the document is imported again',
    async (file, invoice, number) => {
      const tenant = await newTenant(`Buyer ${file}`);
      const first = await importUbl(tenant, buyerDocument(file));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ created: 1, rejected: 0, debtors: { created: 1 } });
      expect((await debtorOfInvoice(tenant, invoice)).number).toBe(number);

      const again = await importUbl(tenant, buyerDocument(file));
      expect(again.body).toMatchObject({ unchanged: 1, debtors: { created: 0, unchanged: 1 } });
      expect((await tenant.api('GET', '/api/v1/debtors')).body.data).toHaveLength(1);
    },
  );

  it("matches the ERP's debtor that has the buyer's VAT number, however it was written", async () => {
    const tenant = await newTenant('Matched by VAT');
    const erp = await tenant.api('POST', '/api/v1/debtors', {
      administrationId: tenant.administrationId,
      number: 'ERP-7',
      name: 'Alleen BTW B.V. (uit het ERP)',
      vatNumber: 'nl8000 12345 b01',
    });
    const res = await importUbl(tenant, buyerDocument('vat-only.xml'));
    expect(res.body).toMatchObject({ created: 1, debtors: { created: 0, unchanged: 1 }, warnings: [] });
    expect((await debtorOfInvoice(tenant, 'BUY-VAT-1')).id).toBe(erp.body.id);
  });

  it('matches by registration number, but not when two debtors share it: then it says so', async () => {
    const tenant = await newTenant('Branches');
    const branch = (number: string) =>
      tenant.api('POST', '/api/v1/debtors', {
        administrationId: tenant.administrationId,
        number,
        name: `Enkel KBO filiaal ${number}`,
        cocNumber: '0477472701',
      });
    const only = await branch('KBO-1');
    expect((await importUbl(tenant, buyerDocument('legal-only.xml'))).body).toMatchObject({
      debtors: { unchanged: 1 },
    });
    expect((await debtorOfInvoice(tenant, 'BUY-LEGAL-1')).id).toBe(only.body.id);

    await branch('KBO-2');
    const other = buyerDocument('legal-only.xml').toString().replace('BUY-LEGAL-1', 'BUY-LEGAL-3');
    const res = await importUbl(tenant, other);
    expect(res.body).toMatchObject({ created: 1, debtors: { created: 1 } });
    expect(res.body.warnings.join()).toMatch(/registration number belongs to 2 debtors \(KBO-1, KBO-2\)/);
    expect((await debtorOfInvoice(tenant, 'BUY-LEGAL-3')).number).toBe('0208:0477472701');
  });

  it('refuses only a buyer with no identifier at all, naming the field', async () => {
    const tenant = await newTenant('Anonymous buyer');
    const res = await importUbl(tenant, buyerDocument('anonymous.xml'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, rejected: 1 });
    expect(res.body.errors).toEqual([
      {
        line: 1,
        field: 'cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID',
        message: expect.stringContaining('the buyer has no identifier'),
      },
    ]);
  });
});

describe('optional UBL fields that cannot be read', () => {
  it('are left out with a warning each; the document and its buyer are imported', async () => {
    const tenant = await newTenant('Sloppy fields');
    const res = await importUbl(tenant, buyerDocument('bad-optional-fields.xml'));
    expect(res.body).toMatchObject({ created: 1, rejected: 0, debtors: { created: 1 } });
    const party = 'cac:AccountingCustomerParty/cac:Party';
    expect(res.body.warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^${party}/cac:PostalAddress/cac:Country/cbc:IdentificationCode: "XX" .*; left out$`),
      ),
      `${party}/cac:Contact/cbc:ElectronicMail: "String" is not an e-mail address; left out`,
      `${party}/cac:Contact/cbc:Telephone: "n/a" is not a phone number; left out`,
    ]);
    const debtor = await debtorOfInvoice(tenant, 'BUY-BAD-1');
    expect(debtor).toMatchObject({ number: 'K-5150', name: 'Slordige Velden B.V.' });
    expect(debtor.contacts).toEqual([expect.objectContaining({ name: 'Piet Klaassen' })]);
    expect(debtor.contacts[0].email ?? null).toBeNull();
    expect(debtor.addresses[0]).toMatchObject({ line1: 'Dorpsstraat 1', city: 'Ergens' });
  });
});
