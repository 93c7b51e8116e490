import { describe, expect, it } from 'vitest';
import { joinDetails, readMt940Details } from './mt940-details.ts';

// Read as the MT940 reader reads an `:86:`: the field's lines joined (joinDetails), then read.
const details = (lines: string[]) => readMt940Details(joinDetails(lines), lines);

describe("Knab's :86:", () => {
  it('a field of one `REK: iban/NAAM: name` line is the counterparty, with no remittance text', () => {
    // zilverline/mt940 knab_with_iban.txt, jejik/mt940 knab.txt: contra IBAN and owner as they expect.
    expect(details(['REK: NL26ABNA0999999999/NAAM: BEDRIJF VOF'])).toMatchObject({
      counterpartyIban: 'NL26ABNA0999999999',
      counterpartyName: 'BEDRIJF VOF',
      remittanceText: null,
    });
  });

  it('the lines before the `REK:` line are the remittance text', () => {
    // jejik/mt940 knab.txt, ofxstatement-mt940 knab.sta: an invoice payment.
    expect(details(['FACTUUR 201403110, 201403113', 'REK: NL65INGB0123456789/NAAM: PICQER'])).toMatchObject({
      counterpartyIban: 'NL65INGB0123456789',
      counterpartyName: 'PICQER',
      remittanceText: 'FACTUUR 201403110, 201403113',
    });
    // zilverline/mt940 knab_with_iban.txt, second entry.
    expect(
      details([
        'DIT IS EEN OMSCHRIJVING DIE BEST WEL LANG IS',
        'REK: NL76INGB0444444444/NAAM: STICHTING DERDEN JAAP JANSSEN',
      ]),
    ).toMatchObject({
      counterpartyIban: 'NL76INGB0444444444',
      counterpartyName: 'STICHTING DERDEN JAAP JANSSEN',
      remittanceText: 'DIT IS EEN OMSCHRIJVING DIE BEST WEL LANG IS',
    });
    // Only a line that starts with `REK: `: free text that merely mentions it stays remittance text.
    expect(details(['Factuur 2026-001 REK: NL26ABNA0999999999/NAAM: iemand'])).toMatchObject({
      counterpartyName: null,
      remittanceText: 'Factuur 2026-001 REK: NL26ABNA0999999999/NAAM: iemand',
    });
  });

  it("Knab's own account number on its fees is no IBAN, its name still the counterparty", () => {
    // zilverline/mt940 knab_two_blocks.txt
    expect(
      details([
        'AAAAA BDBDNDKDKASDF, BETALINGSKENMERK: 00111111111, REFERENTI',
        'BC0101111111, 22-10-2014 15:01',
        'REK: 90000014/NAAM: KNAB',
      ]),
    ).toMatchObject({
      counterpartyIban: null,
      counterpartyName: 'KNAB',
      remittanceText:
        'AAAAA BDBDNDKDKASDF, BETALINGSKENMERK: 00111111111, REFERENTI BC0101111111, 22-10-2014 15:01',
    });
  });
});
