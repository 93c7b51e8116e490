import { describe, expect, it } from 'vitest';
import { child, children, parseUbl, textAt } from './ubl-xml.ts';

const INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

describe('parseUbl', () => {
  it('resolves prefixes by their declarations, including ones declared further down', () => {
    const { kind, root } = parseUbl(`
      <x:Invoice xmlns:x="${INVOICE}" xmlns:b="${CBC}">
        <b:ID>00123</b:ID>
        <agg:PaymentMeans xmlns:agg="${CAC}"><b:PaymentID>first</b:PaymentID></agg:PaymentMeans>
        <PaymentMeans xmlns="${CAC}"><PaymentID xmlns="${CBC}">second</PaymentID></PaymentMeans>
      </x:Invoice>`);
    expect(kind).toBe('Invoice');
    // Identifiers stay text, leading zeros and all.
    expect(textAt(root, 'ID')).toBe('00123');
    expect(children(root, 'PaymentMeans').map((means) => textAt(means, 'PaymentID'))).toEqual([
      'first',
      'second',
    ]);
  });

  it('leaves out elements of other namespaces, even when their local names match', () => {
    const { root } = parseUbl(`
      <Invoice xmlns="${INVOICE}" xmlns:cbc="${CBC}" xmlns:cbc2="urn:example:other">
        <cbc2:ID>wrong</cbc2:ID>
        <cbc:ID>right</cbc:ID>
        <cbc:Note xmlns:cbc="urn:example:rebound">rebound prefix</cbc:Note>
      </Invoice>`);
    expect(children(root, 'ID').map((id) => id.text)).toEqual(['right']);
    expect(child(root, 'Note')).toBeUndefined();
  });

  it('keeps attributes, decodes entities and trims text', () => {
    const { root } = parseUbl(`<Invoice xmlns="${INVOICE}" xmlns:cbc="${CBC}">
      <cbc:PayableAmount currencyID="EUR">  10.00 </cbc:PayableAmount>
      <cbc:Note>Fish &amp; chips &#8364;5 &#x2014; caf&#233;</cbc:Note>
    </Invoice>`);
    expect(child(root, 'PayableAmount')).toMatchObject({ text: '10.00', attributes: { currencyID: 'EUR' } });
    expect(textAt(root, 'Note')).toBe('Fish & chips €5 — café');
  });

  it('treats an empty element as missing in textAt', () => {
    const { root } = parseUbl(
      `<Invoice xmlns="${INVOICE}" xmlns:cbc="${CBC}"><cbc:ID/><cbc:Note></cbc:Note></Invoice>`,
    );
    expect(child(root, 'ID')).toBeDefined();
    expect(textAt(root, 'ID')).toBeUndefined();
    expect(textAt(root, 'Note')).toBeUndefined();
    expect(textAt(root, 'Missing', 'Deeper')).toBeUndefined();
  });

  it('reads a BOM-prefixed document', () => {
    expect(parseUbl(`\uFEFF<?xml version="1.0"?><Invoice xmlns="${INVOICE}"/>`).kind).toBe('Invoice');
  });

  it('knows a CreditNote only in its own namespace', () => {
    const note = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
    expect(parseUbl(`<CreditNote xmlns="${note}"/>`).kind).toBe('CreditNote');
    expect(() => parseUbl(`<CreditNote xmlns="${INVOICE}"/>`)).toThrow(
      expect.objectContaining({ code: 'not_ubl' }),
    );
  });

  it.each([
    ['text that is not XML', 'number;amount\n1;2\n', 'bad_xml', 'the file is not well-formed XML'],
    [
      'XML that is cut off',
      `<Invoice xmlns="${INVOICE}"><cbc:ID xmlns:cbc="${CBC}">1</cbc:ID>`,
      'bad_xml',
      'not well-formed',
    ],
    [
      'a document type definition',
      `<!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice xmlns="${INVOICE}"/>`,
      'bad_xml',
      'DOCTYPE',
    ],
    [
      'an Invoice outside the UBL namespace',
      '<Invoice><ID>1</ID></Invoice>',
      'not_ubl',
      'found <Invoice> in namespace (none)',
    ],
    [
      'a UBL Order',
      '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>',
      'not_ubl',
      'found <Order> in namespace urn:oasis:names:specification:ubl:schema:xsd:Order-2',
    ],
    [
      'a CII invoice',
      '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>',
      'not_ubl',
      'the file is not a UBL 2.1 Invoice or CreditNote',
    ],
    [
      'two root elements',
      `<Invoice xmlns="${INVOICE}"/><Invoice xmlns="${INVOICE}"/>`,
      'not_ubl',
      'found 2 root elements',
    ],
  ])('throws for %s', (_case, xml, code, message) => {
    expect(() => parseUbl(xml)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(message) }),
    );
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Buffer.from(`<Invoice xmlns="${INVOICE}"><!-- Zoë --></Invoice>`, 'latin1');
    expect(() => parseUbl(latin1)).toThrow(expect.objectContaining({ code: 'not_utf8' }));
    expect(parseUbl(Buffer.from(`<Invoice xmlns="${INVOICE}"><!-- Zoë --></Invoice>`)).kind).toBe('Invoice');
  });

  it('opens a document still in its Peppol envelope', () => {
    const { kind, root } = parseUbl(`<?xml version="1.0" encoding="UTF-8"?>
      <StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">
        <StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader>
        <Invoice xmlns="${INVOICE}" xmlns:cbc="${CBC}"><cbc:ID>INV-1</cbc:ID></Invoice>
      </StandardBusinessDocument>`);
    expect(kind).toBe('Invoice');
    expect(textAt(root, 'ID')).toBe('INV-1');
    expect(() =>
      parseUbl(
        `<StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"/>`,
      ),
    ).toThrow('a StandardBusinessDocument without one UBL document in it');
  });
});
