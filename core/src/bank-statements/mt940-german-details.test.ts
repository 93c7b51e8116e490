import { describe, expect, it } from 'vitest';
import { joinDetails, readMt940Details } from './mt940-details.ts';
import type { ParsedStatement } from './parsed-statement.ts';
import { readStatementFile } from './read-statement-file.ts';

// The `:86:` lines of German banks' statements as others' parsers keep them in their tests, each
// marked with where it comes from; jejik/mt940's expected values are the oracle where they hold.
// Read as the MT940 reader reads them: the field's lines joined (joinDetails), then read.
const details = (lines: string[]) => readMt940Details(joinDetails(lines), lines);

describe("German banks' :86: subfields", () => {
  it('OLB: remittance lines joined as cut, SVWZ+, BIC, IBAN, and the name from ?32 and ?33', () => {
    // jejik/mt940 oldenburgischelandesbankmitbindestrich.txt
    const lines = [
      '166?00GUTSCHRIFT?100004770?20SVWZ+Kunden-Nr. 20389020 Ve?21rtrags',
      '-Nr. 1000620785?30ABCDEFGHIJK?31DE41292500000123456789?32Projektg',
      'emeinschaft XXXXXX?33+ XXXXXXGmbH + Co. KG?35EWE Vertrieb GmbH',
    ];
    expect(details(lines)).toEqual({
      endToEndId: null,
      mandateId: null,
      // jejik glues ?33 to a ?32 of 26 characters ("XXXXXX+ XXXXXXGmbH"): a ?32 shorter than its 27
      // ended at a word, so it takes a space.
      counterpartyName: 'Projektgemeinschaft XXXXXX + XXXXXXGmbH + Co. KG',
      counterpartyIban: 'DE41292500000123456789',
      counterpartyBic: 'ABCDEFGHIJK',
      remittanceText: 'Kunden-Nr. 20389020 Vertrags-Nr. 1000620785',
      creditorReference: null,
      creditorReferenceType: null,
      returnReason: null,
    });
  });

  it('Deutsche Bank and Commerzbank: EREF+ and MREF+ end at the next keyword, a `?` cut from its digits', () => {
    // jejik/mt940 deutschebank.txt (commerzbank.txt is the same field): "SVWZ+?" ends a line, "25" opens the next.
    const lines = [
      '109?00SEPA-LASTSCHR. RETOURE CORE?109075/629?20EREF+A1.200080779.',
      '400143254?21.4961336 KREF+SEPA-DA202006?2201221740-34972000-P1 MR',
      'EF+2?230852HW2723821 CRED+DE41EON0?240000129793 OAMT+11,85 SVWZ+?',
      '25SONSTIGE GRUENDE ENDABRECHN?26UNG NR. 500106875 ZU VERTRA?2740',
      '0143254, KUNDENNUM MER 2?2802227779?30CSDBDE71XXX?31DE50712345600',
      '200691329?32TESTER?33EL',
    ];
    expect(details(lines)).toMatchObject({
      // jejik's EREF runs on to the end of the lines; KREF+ ends it.
      endToEndId: 'A1.200080779.400143254.4961336',
      mandateId: '20852HW2723821',
      remittanceText:
        'SONSTIGE GRUENDE ENDABRECHNUNG NR. 500106875 ZU VERTRA400143254, KUNDENNUM MER 202227779',
      counterpartyIban: 'DE50712345600200691329',
      counterpartyBic: 'CSDBDE71XXX',
      counterpartyName: 'TESTER EL',
    });
  });

  it('Deutsche Bank: EREF+NOTPROVIDED is no reference; a continuation line may start with `:` or `?32`', () => {
    // jejik/mt940 bug-core-5401.txt, whose expectations for it jejik leaves commented out.
    const lines = [
      '166?00SEPA-GUTSCHRIFT?109075/611?20EREF+NOTPROVIDED SVWZ+VERTR?21',
      ':KO:NR:401113172APRIL 2021?30DEUTDEDB237?31DE93230707000621787100',
      '?32XXXXXXA MXXXXXX',
    ];
    expect(details(lines)).toMatchObject({
      endToEndId: null,
      remittanceText: 'VERTR:KO:NR:401113172APRIL 2021',
      counterpartyIban: 'DE93230707000621787100',
      counterpartyBic: 'DEUTDEDB237',
      counterpartyName: 'XXXXXXA MXXXXXX',
    });
  });

  it('Sparkasse and Volksbank: subfields joined without spaces, a line break inside a subfield dropped', () => {
    // jejik/mt940 sparkasse.txt and volksbankenraiffeisenbanken.txt, their SVWZ as jejik expects it.
    const sparkasse = [
      '177?00ONLINE-UEBERWEISUNG?109310?20SVWZ+Apple Pay?21DATUM 19.',
      '02.2019, 13.24 UHR?221.TAN 002153?30NTSBDEB1XXX?31DE1234567890123',
      '4567890?32Max Mustermann?34997',
    ];
    expect(details(sparkasse)).toMatchObject({
      remittanceText: 'Apple PayDATUM 19.02.2019, 13.24 UHR1.TAN 002153',
      counterpartyIban: 'DE12345678901234567890',
      counterpartyBic: 'NTSBDEB1XXX',
      counterpartyName: 'Max Mustermann',
    });
    const volksbank = [
      '166?00UEBERWEISUNG?10931?20SVWZ+Musical Emilio CD',
      '?21IBAN: DE835?2200105179219844142 BIC: SBCR',
      '?23DE66 ?30SBCRDE66?31DE83500105179219844142?32Antonio Sueto',
    ];
    expect(details(volksbank)).toMatchObject({
      remittanceText: 'Musical Emilio CDIBAN: DE83500105179219844142 BIC: SBCRDE66',
      counterpartyIban: 'DE83500105179219844142',
      counterpartyBic: 'SBCRDE66',
      counterpartyName: 'Antonio Sueto',
    });
  });

  it('Volksbank: ?60–?62 continue ?20–?29, ABWA+ ends SVWZ+, a full ?32 joins ?33 as cut', () => {
    // mt940-rs tests/data/mt940/special-cases/overly_long_details.sta
    const lines = [
      '105?00Basislastschrift?10931?20EREF+123/123/12345-----L110',
      '?211234567890123 ?22MREF+BYA12345678901',
      '?23CRED+DE99ZZZ00000012345 ?24SVWZ+STEUERNR 123/123/12345',
      '?25     KOERPST 3VJ.17  233,15?26EUR EREF: 123/123/12345----',
      '?27-L1112345678912345 MREF: BY?28A12345678901 CRED: DE99ZZZ0',
      '?290000012345 IBAN: DE00700500?30BYLADEMM',
      '?31DE99700500000000012345?32Finanzamt Muenchen Abteilun',
      '?33g Erhebung?34992?60000000012345 BIC: BYLADEMM ',
      '?61ABWA: Finanzamt Muenchen ?62ABWA+Finanzamt Sentinel ',
    ];
    expect(details(lines)).toMatchObject({
      endToEndId: '123/123/12345-----L1101234567890123',
      mandateId: 'BYA12345678901',
      remittanceText:
        'STEUERNR 123/123/12345     KOERPST 3VJ.17  233,15EUR EREF: 123/123/12345-----L1112345678912345 ' +
        'MREF: BYA12345678901 CRED: DE99ZZZ00000012345 IBAN: DE00700500000000012345 BIC: BYLADEMM ' +
        'ABWA: Finanzamt Muenchen',
      counterpartyIban: 'DE99700500000000012345',
      counterpartyBic: 'BYLADEMM',
      counterpartyName: 'Finanzamt Muenchen Abteilung Erhebung',
    });
  });

  it('Sparkasse before SEPA: no keywords, a bank code and account number that are no BIC or IBAN', () => {
    // fruitl00p/php-mt940 Engine/Spk/sample: ?32 of 10 characters, ?33 a town.
    const lines = [
      '051?00Gutschrift?10931?20FAM. MEIER?21ENGLAND?3066010080?31001233008899?32KUNZ MEIER?3357072 SIEGEN',
    ];
    expect(details(lines)).toMatchObject({
      remittanceText: 'FAM. MEIERENGLAND',
      counterpartyIban: null,
      counterpartyBic: null,
      counterpartyName: 'KUNZ MEIER 57072 SIEGEN',
    });
  });

  it('an RF reference that opens SVWZ+ is the creditor reference when its check digits hold', () => {
    // The OLB field above with the payer's text replaced by ISO 11649's example reference.
    const withRf = (rf: string) => [
      `166?00GUTSCHRIFT?100004770?20SVWZ+${rf} Rechnung 4711?31DE41292500000123456789`,
    ];
    expect(details(withRf('RF18539007547034'))).toMatchObject({
      creditorReference: 'RF18539007547034',
      creditorReferenceType: 'SCOR',
      remittanceText: 'RF18539007547034 Rechnung 4711',
    });
    expect(details(withRf('RF19539007547034'))).toMatchObject({
      creditorReference: null,
      creditorReferenceType: null,
    });
  });

  it('reads the OLB statement through the MT940 reader', () => {
    const file = [
      ':20:STARTUMS',
      ':25:DE12345678900022805304',
      ':28C:1/1',
      ':60F:C210204EUR279998,57',
      ':61:2106170617C1727,00N051NONREF',
      ':86:166?00GUTSCHRIFT?100004770?20SVWZ+Kunden-Nr. 20389020 Ve?21rtrags',
      '-Nr. 1000620785?30ABCDEFGHIJK?31DE41292500000123456789?32Projektg',
      'emeinschaft XXXXXX?33+ XXXXXXGmbH + Co. KG?35EWE Vertrieb GmbH',
      ':62F:C210605EUR0,00',
      '-',
    ].join('\r\n');
    const [statement] = [...readStatementFile(Buffer.from(file), 'mt940').statements] as [ParsedStatement];
    expect(statement.entries[0]).toMatchObject({
      remittanceText: 'Kunden-Nr. 20389020 Vertrags-Nr. 1000620785',
      counterpartyIban: 'DE41292500000123456789',
      counterpartyBic: 'ABCDEFGHIJK',
    });
  });
});
