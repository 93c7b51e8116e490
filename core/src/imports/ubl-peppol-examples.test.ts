import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DebtorImportRow, InvoiceImportRow, ReadResult } from './import-rows.ts';
import { readUblDocument } from './ubl-invoice.ts';

// The Peppol specification's own examples live beside the repository, not in it (see their README);
// Kredo's fixtures in ./fixtures cover the same code paths where they are absent.
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedUbl = resolve(repositoryRoot, '../shared/fixtures/ubl');
const haveShared = existsSync(sharedUbl);

function record(result: ReadResult<InvoiceImportRow>): InvoiceImportRow {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.error)}`);
  return result.record;
}

interface Expected {
  file: string;
  number: string;
  documentType: 'invoice' | 'credit_note';
  issueDate: string;
  dueDate: string | null;
  amount: number;
  currency: string;
  buyer: Partial<DebtorImportRow>;
}

const BASE_BUYER: Partial<DebtorImportRow> = {
  number: 'FR23342',
  name: 'Buyer Official Name',
  vatNumber: 'SE4598375937',
  cocNumber: '39937423947',
  addresses: [
    {
      type: 'billing',
      line1: 'Hovedgatan 32',
      line2: 'Po box 878',
      postalCode: '456 34',
      city: 'Stockholm',
      country: 'SE',
    },
  ],
  contacts: [{ name: 'Lisa Johnson', email: 'lj@buyer.se', phone: '23434234' }],
};
const VAT_EXAMPLE_BUYER: Partial<DebtorImportRow> = {
  // No PartyIdentification in these two: the EndpointID, as scheme:id, is the number.
  number: '0184:12345678',
  name: 'The Buyercompany',
  addresses: [
    {
      type: 'billing',
      line1: 'Anystreet 8',
      line2: 'Back door',
      postalCode: '101',
      city: 'Anytown',
      region: 'RegionB',
      country: 'DK',
    },
  ],
  contacts: [],
};

// Values read by hand from each XML file.
const PEPPOL_EXAMPLES: Expected[] = [
  {
    file: 'peppol-base-example.xml',
    number: 'Snippet1',
    documentType: 'invoice',
    issueDate: '2017-11-13',
    dueDate: '2017-12-01',
    amount: 165625,
    currency: 'EUR',
    buyer: BASE_BUYER,
  },
  {
    file: 'peppol-base-creditnote-correction.xml',
    number: 'Snippet1',
    documentType: 'credit_note',
    issueDate: '2017-11-13',
    dueDate: null,
    amount: -165625,
    currency: 'EUR',
    buyer: BASE_BUYER,
  },
  {
    file: 'peppol-base-negative-inv-correction.xml',
    number: 'Correction1',
    documentType: 'invoice',
    issueDate: '2017-11-13',
    dueDate: '2017-12-01',
    amount: -165625,
    currency: 'EUR',
    buyer: BASE_BUYER,
  },
  {
    file: 'peppol-sales-order-example.xml',
    number: 'Snippet1',
    documentType: 'invoice',
    issueDate: '2017-11-13',
    dueDate: '2017-12-01',
    amount: 165625,
    currency: 'EUR',
    buyer: BASE_BUYER,
  },
  {
    file: 'peppol-Allowance-example.xml',
    number: 'Snippet1',
    documentType: 'invoice',
    issueDate: '2017-11-13',
    dueDate: '2017-12-01',
    // TaxInclusiveAmount 7125 less PrepaidAmount 1000.
    amount: 612500,
    currency: 'EUR',
    buyer: {
      ...BASE_BUYER,
      number: '4598375937',
      addresses: [
        {
          type: 'billing',
          line1: 'Hovedgatan 32',
          line2: 'Po box 878',
          postalCode: '456 34',
          city: 'Stockholm',
          region: 'Södermalm',
          country: 'SE',
        },
      ],
    },
  },
  {
    file: 'peppol-vat-category-E.xml',
    number: 'Vat-Z',
    documentType: 'invoice',
    issueDate: '2018-08-30',
    dueDate: null,
    amount: 120000,
    currency: 'GBP',
    buyer: VAT_EXAMPLE_BUYER,
  },
  {
    file: 'peppol-vat-category-Z.xml',
    number: 'Vat-Z',
    documentType: 'invoice',
    issueDate: '2018-08-30',
    dueDate: null,
    amount: 120000,
    currency: 'GBP',
    buyer: VAT_EXAMPLE_BUYER,
  },
];

describe.skipIf(!haveShared)(
  `readUblDocument on the Peppol BIS 3 examples (skipped without ${sharedUbl}, which lives outside the repository)`,
  () => {
    it.each(PEPPOL_EXAMPLES)('reads $file', ({ file, buyer, ...expected }) => {
      const invoice = record(readUblDocument(readFileSync(resolve(sharedUbl, file))));
      expect(invoice).toMatchObject({ ...expected, openAmount: expected.amount, debtorNumber: buyer.number });
      expect(invoice.buyer).toMatchObject({ ...buyer, type: 'b2b', tags: [] });
    });

    it('takes the payment reference, the first document note and no "NA" purchase order', () => {
      const read = (file: string) => record(readUblDocument(readFileSync(resolve(sharedUbl, file))));
      expect(read('peppol-base-example.xml')).toMatchObject({
        paymentReference: 'Snippet1',
        description: undefined,
      });
      expect(read('peppol-base-creditnote-correction.xml').description).toBe(
        'Please note we have a new phone number: 22 22 22 22',
      );
      expect(read('peppol-sales-order-example.xml').poNumber).toBeUndefined();
    });
  },
);
