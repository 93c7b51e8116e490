import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InvoiceImportRow, ReadResult } from './import-rows.ts';
import { readUblDocument } from './ubl-invoice.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ownFixture = (name: string) => readFileSync(resolve(here, 'fixtures', name), 'utf8');

function record(result: ReadResult<InvoiceImportRow>): InvoiceImportRow {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.error)}`);
  return result.record;
}

describe('readUblDocument on Kredo’s own fixtures', () => {
  it('reads an invoice whatever prefixes bind the UBL namespaces, ignoring extensions', () => {
    expect(readUblDocument(ownFixture('ubl-invoice.xml'), 7)).toEqual({
      ok: true,
      record: {
        line: 7,
        number: '2024-00017',
        documentType: 'invoice',
        debtorNumber: '0042',
        issueDate: '2024-02-29',
        dueDate: '2024-03-30',
        // PayableAmount, already net of the 2000.00 prepaid.
        amount: 1010000,
        openAmount: 1010000,
        currency: 'EUR',
        poNumber: 'PO-7781',
        paymentReference: '1000 0000 2024 0017',
        description: "Consultancy February & March, phase 2 — Zoë's project",
        buyer: {
          line: 7,
          number: '0042',
          name: 'De Molen Bakkerijen B.V.',
          type: 'b2b',
          vatNumber: 'NL001234567B01',
          cocNumber: '12345678',
          addresses: [
            {
              type: 'billing',
              line1: 'Molenstraat 12',
              line2: 'Achteringang, Unit 3',
              postalCode: '3811 AB',
              city: 'Amersfoort',
              region: 'Utrecht',
              country: 'NL',
            },
          ],
          contacts: [
            { name: 'Els de Vries', email: 'crediteuren@demolen.example', phone: '+31 33 123 4567' },
          ],
          tags: [],
        },
      },
      warnings: [],
    });
  });

  it('reads a credit note negative, with its due date from PaymentMeans and three-decimal dinars', () => {
    const credit = record(readUblDocument(Buffer.from(ownFixture('ubl-credit-note.xml'))));
    expect(credit).toMatchObject({
      line: 1,
      number: 'CN-88',
      documentType: 'credit_note',
      issueDate: '2024-05-02',
      dueDate: '2024-05-16',
      amount: -1234500,
      openAmount: -1234500,
      currency: 'KWD',
      debtorNumber: '0088:5798000000001',
    });
    // No PartyIdentification: the Peppol endpoint, as scheme:id, is the number; no legal name: the trading name.
    expect(credit.buyer).toEqual({
      line: 1,
      number: '0088:5798000000001',
      name: 'Gulf Trading',
      type: 'b2b',
      addresses: [],
      contacts: [],
      tags: [],
    });
  });
});

describe('readUblDocument on bad documents', () => {
  const invoice = ownFixture('ubl-invoice.xml');
  const edit = (from: RegExp | string, to: string) => {
    const edited = invoice.replace(from, to);
    expect(edited).not.toBe(invoice);
    return readUblDocument(edited, 3);
  };

  it.each([
    ['no number', /<bas:ID>2024-00017<\/bas:ID>/, '', 'cbc:ID', 'cbc:ID is required'],
    ['an empty number', '<bas:ID>2024-00017</bas:ID>', '<bas:ID> </bas:ID>', 'cbc:ID', 'cbc:ID is required'],
    ['no issue date', /<bas:IssueDate>.*<\/bas:IssueDate>/, '', 'cbc:IssueDate', 'cbc:IssueDate is required'],
    [
      'an impossible issue date',
      '2024-02-29</bas:IssueDate>',
      '2023-02-29</bas:IssueDate>',
      'cbc:IssueDate',
      'date "2023-02-29" does not exist',
    ],
    [
      'a bad due date',
      '2024-03-30</bas:DueDate>',
      '30-03-24</bas:DueDate>',
      'cbc:DueDate',
      'is not in a known format',
    ],
    [
      'no buyer',
      /<agg:AccountingCustomerParty>[\s\S]*<\/agg:AccountingCustomerParty>/,
      '',
      'cac:AccountingCustomerParty',
      'the document has no buyer',
    ],
    [
      'no amount',
      /<bas:PayableAmount.*<\/bas:PayableAmount>/,
      '',
      'cac:LegalMonetaryTotal/cbc:PayableAmount',
      'cac:LegalMonetaryTotal/cbc:PayableAmount is required',
    ],
    [
      'an amount with cents of cents',
      '10100.00</bas:PayableAmount>',
      '10100.005</bas:PayableAmount>',
      'cac:LegalMonetaryTotal/cbc:PayableAmount',
      'amount "10100.005" has 3 decimals where EUR has 2',
    ],
    [
      'an amount in another currency',
      '<bas:PayableAmount currencyID="EUR">',
      '<bas:PayableAmount currencyID="USD">',
      'cac:LegalMonetaryTotal/cbc:PayableAmount/@currencyID',
      'PayableAmount is in "USD" but the document currency is "EUR"',
    ],
    [
      'an unknown currency',
      /"EUR"/g,
      '"EUX"',
      'cac:LegalMonetaryTotal/cbc:PayableAmount/@currencyID',
      '"EUX" is not an ISO 4217 currency code',
    ],
  ])('rejects a document with %s', (_case, from, to, field, message) => {
    const result = edit(from, to);
    expect(result).toMatchObject({ ok: false, error: { line: 3, field } });
    expect(!result.ok && result.error.message).toContain(message);
  });

  it('names the buyer field that is missing or wrong', () => {
    const anonymous = edit(
      /<agg:AccountingCustomerParty>[\s\S]*<\/agg:AccountingCustomerParty>/,
      '<agg:AccountingCustomerParty><agg:Party><agg:PartyName><bas:Name>X</bas:Name></agg:PartyName></agg:Party></agg:AccountingCustomerParty>',
    );
    expect(anonymous).toMatchObject({
      ok: false,
      error: {
        field: 'cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID',
        message: expect.stringContaining('no identifier'),
      },
    });
    const nameless = edit(
      /<agg:AccountingCustomerParty>[\s\S]*<\/agg:AccountingCustomerParty>/,
      '<agg:AccountingCustomerParty><agg:Party><bas:EndpointID schemeID="0106">1</bas:EndpointID></agg:Party></agg:AccountingCustomerParty>',
    );
    expect(nameless).toMatchObject({
      ok: false,
      error: { field: 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName' },
    });
  });

  it('leaves out an optional buyer field that cannot be read, with a warning naming it', () => {
    const result = edit(
      '<bas:IdentificationCode>NL</bas:IdentificationCode></agg:Country>\n      </agg:PostalAddress>\n      <agg:PartyTaxScheme>',
      '<bas:IdentificationCode>XX</bas:IdentificationCode></agg:Country></agg:PostalAddress><agg:PartyTaxScheme>',
    );
    expect(result).toMatchObject({
      ok: true,
      record: { buyer: { addresses: [expect.objectContaining({ city: 'Amersfoort', country: undefined })] } },
      warnings: [
        {
          line: 3,
          field: 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode',
          message: expect.stringMatching(/"XX" is not an ISO 3166-1 country code.*; left out$/),
        },
      ],
    });
    expect(edit('crediteuren@demolen.example', 'String')).toMatchObject({
      ok: true,
      record: { buyer: { contacts: [{ name: 'Els de Vries', email: undefined, phone: '+31 33 123 4567' }] } },
      warnings: [
        {
          field: 'cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ElectronicMail',
          message: '"String" is not an e-mail address; left out',
        },
      ],
    });
  });

  it('derives the number from the VAT number, then the legal registration number, when the buyer has no other identifier', () => {
    const anonymous = invoice.replace(
      /<bas:EndpointID schemeID="0106">12345678<\/bas:EndpointID>\s*<agg:PartyIdentification>\s*<bas:ID>0042<\/bas:ID>\s*<\/agg:PartyIdentification>/,
      '',
    );
    expect(readUblDocument(anonymous)).toMatchObject({
      ok: true,
      record: {
        debtorNumber: 'VAT:NL001234567B01',
        buyer: { number: 'VAT:NL001234567B01', vatNumber: 'NL001234567B01', cocNumber: '12345678' },
        buyerMatch: { vatNumber: 'NL001234567B01', cocNumber: '12345678' },
      },
    });
    const untaxed = anonymous.replace(/<agg:PartyTaxScheme>[\s\S]*<\/agg:PartyTaxScheme>/, '');
    expect(readUblDocument(untaxed)).toMatchObject({
      ok: true,
      record: { debtorNumber: '0106:12345678', buyerMatch: { cocNumber: '12345678' } },
    });
    // A buyer with a customer number of its own is matched by that number alone.
    expect(readUblDocument(invoice)).not.toHaveProperty('record.buyerMatch');
  });
});
