import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { formatIban, normaliseIban } from './bank-account.ts';
import { sniffLogo } from './logo-image.ts';

describe('IBAN checksum (ISO 13616 mod-97)', () => {
  it('accepts valid IBANs, normalised without spaces, and refuses a changed digit', () => {
    expect(normaliseIban('NL91 ABNA 0417 1643 00')).toEqual({ ok: true, value: 'NL91ABNA0417164300' });
    expect(normaliseIban('de89370400440532013000')).toEqual({ ok: true, value: 'DE89370400440532013000' });
    expect(normaliseIban('BE68 5390 0754 7034')).toEqual({ ok: true, value: 'BE68539007547034' });
    expect(normaliseIban('FR14 2004 1010 0505 0001 3M02 606')).toMatchObject({ ok: true });
    expect(normaliseIban('NL91ABNA0417164301')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('check digit'),
    });
    expect(normaliseIban('NL91')).toMatchObject({ ok: false });
    expect(formatIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
  });
});

describe('logo sniffing', () => {
  it('knows PNG and JPEG by their magic bytes, nothing else', () => {
    expect(sniffLogo(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffLogo(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('image/jpeg');
    expect(sniffLogo(Buffer.from('GIF89a....'))).toBeNull();
    expect(sniffLogo(Buffer.from('<svg></svg>'))).toBeNull();
  });
});

const { newTenant } = await createTestApi();
const acme = await newTenant('Acme');
// A 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('the administration as a sender', () => {
  it('stores sender, bank account, logo, reply-to and signature, and clears them with null', async () => {
    const url = `/api/v1/administrations/${acme.administrationId}`;
    const set = await acme.api('PATCH', url, {
      senderName: 'Acme Credit Control',
      senderAddress: ['Keizersgracht 1', '1015 CJ Amsterdam'],
      iban: 'nl91 abna 0417 1643 00',
      bic: 'abnanl2a',
      accountHolder: 'Acme B.V.',
      logo: PNG,
      replyTo: 'credit@acme.example',
      signature: 'Credit control',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      senderName: 'Acme Credit Control',
      senderAddress: ['Keizersgracht 1', '1015 CJ Amsterdam'],
      iban: 'NL91ABNA0417164300',
      bic: 'ABNANL2A',
      accountHolder: 'Acme B.V.',
      logo: { contentType: 'image/png' },
      replyTo: 'credit@acme.example',
      signature: 'Credit control',
    });
    const read = await acme.api('GET', url);
    expect(read.body).toEqual(set.body);
    const cleared = await acme.api('PATCH', url, { iban: null, logo: null });
    expect(cleared.body).toMatchObject({ iban: null, logo: null, bic: 'ABNANL2A' });
  });

  it('answers 400 naming the field for a bad IBAN, BIC or logo', async () => {
    const url = `/api/v1/administrations/${acme.administrationId}`;
    const iban = await acme.api('PATCH', url, { iban: 'NL91ABNA0417164301' });
    expect(iban.status).toBe(400);
    expect(iban.body).toMatchObject({ code: 'invalid_request', field: 'iban' });
    expect(iban.body.message).toContain('check digit');
    const bic = await acme.api('PATCH', url, { bic: 'ABN' });
    expect(bic.body).toMatchObject({ code: 'invalid_request', field: 'bic' });
    const gif = await acme.api('PATCH', url, { logo: Buffer.from('GIF89a-not-a-logo').toString('base64') });
    expect(gif.body).toMatchObject({ code: 'invalid_request', field: 'logo' });
    const big = Buffer.alloc(201 * 1024);
    Buffer.from('89504e470d0a1a0a', 'hex').copy(big);
    const large = await acme.api('PATCH', url, { logo: big.toString('base64') });
    expect(large.status).toBe(400);
    expect(large.body).toMatchObject({ field: 'logo' });
  });
});
