import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import {
  cocNumber,
  countryCode,
  currencyCode,
  email,
  key,
  languageCode,
  oneOf,
  phone,
  postalCode,
  readOptional,
  readRequired,
  text,
  vatNumber,
} from './field-checks.ts';

describe('readRequired and readOptional', () => {
  const values = { name: 'Jan', email: '', bad: 'x@' };

  it('return the checked value, or undefined for an empty or absent optional column', () => {
    expect(readRequired(values, 'name', text)).toBe('Jan');
    expect(readOptional(values, 'email', email)).toBeUndefined();
    expect(readOptional(values, 'phone', phone)).toBeUndefined();
  });

  it('name the column in the error', () => {
    expect(() => readRequired(values, 'email', email)).toThrow(
      expect.objectContaining({ code: 'missing_value', field: 'email', message: 'email is required' }),
    );
    expect(() => readOptional(values, 'bad', email)).toThrow(
      expect.objectContaining({
        code: 'invalid_value',
        field: 'bad',
        message: '"x@" is not an e-mail address',
      }),
    );
  });
});

describe('value checks', () => {
  it('limit lengths to what the database and API hold', () => {
    expect(text('x'.repeat(255))).toHaveLength(255);
    expect(() => text('x'.repeat(256))).toThrow('is longer than 255 characters');
    expect(() => key('k'.repeat(65))).toThrow('is longer than 64 characters');
  });

  it('match enumerations regardless of case and separators, with aliases', () => {
    expect(oneOf('E-Mail', ['email', 'letter'])).toBe('email');
    expect(oneOf('Credit Note', ['invoice', 'credit_note'])).toBe('credit_note');
    expect(oneOf('credit', ['invoice', 'credit_note'], { credit: 'credit_note' })).toBe('credit_note');
    expect(() => oneOf('fax', ['email', 'letter'])).toThrow('"fax" is not one of email, letter');
  });

  it('check the shape of e-mail addresses', () => {
    expect(email('debiteuren@bakkerij-de-molen.nl')).toBe('debiteuren@bakkerij-de-molen.nl');
    for (const bad of ['jan', 'jan@', '@x.nl', 'jan@x', 'jan @x.nl', 'jan@x.n', 'a@b@c.nl']) {
      expect(() => email(bad), bad).toThrow(InvalidValueError);
    }
    expect(() => email('a@x.nl; b@x.nl')).toThrow('is not an e-mail address (one address per field)');
  });

  it('accept phone numbers as people write them, with 6 to 17 digits', () => {
    for (const good of ['+31 20 123 4567', '(020) 123-4567', '06-12345678', '+32.2.555.12.12', '23434234']) {
      expect(phone(good)).toBe(good);
    }
    for (const bad of ['12345', 'call me', '+31 20 12a4567', '0031+201234567', '1'.repeat(18)]) {
      expect(() => phone(bad), bad).toThrow('is not a phone number');
    }
  });

  it('normalise and check country, language and currency codes', () => {
    expect(countryCode('nl')).toBe('NL');
    expect(countryCode('XK')).toBe('XK');
    expect(() => countryCode('UK')).toThrow('"UK" is not an ISO 3166-1 country code; use GB');
    expect(() => countryCode('NLD')).toThrow('(two letters: NL, BE, DE …)');
    expect(languageCode('NL')).toBe('nl');
    expect(languageCode('nl-BE')).toBe('nl');
    expect(languageCode('en_GB')).toBe('en');
    expect(() => languageCode('xx')).toThrow('"xx" is not an ISO 639-1 language code');
    expect(() => languageCode('dutch')).toThrow(InvalidValueError);
    expect(currencyCode('eur')).toBe('EUR');
    expect(() => currencyCode('EURO')).toThrow(expect.objectContaining({ code: 'invalid_currency' }));
  });

  it('store VAT numbers without the separators people type', () => {
    expect(vatNumber('NL 0012.34567.B01')).toBe('NL001234567B01');
    expect(vatNumber('be-0123.456.789')).toBe('BE0123456789');
    expect(vatNumber('CHE-123.456.789 MWST')).toBe('CHE123456789MWST');
    expect(() => vatNumber('123456789')).toThrow('is not a VAT number');
    expect(() => vatNumber('NL')).toThrow('is not a VAT number');
  });

  it('check registry numbers and postal codes loosely, since formats differ by country', () => {
    expect(cocNumber('12345678')).toBe('12345678');
    expect(cocNumber('HRB 12345')).toBe('HRB 12345');
    expect(() => cocNumber('#1')).toThrow('is not a company registration number');
    for (const good of ['1012 AB', 'SW1A 1AA', '00-950', '2000', 'D02 X285'])
      expect(postalCode(good)).toBe(good);
    expect(() => postalCode('1012AB Amsterdam')).toThrow('is not a postal code');
  });
});
