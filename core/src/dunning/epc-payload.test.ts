import { describe, expect, it } from 'vitest';
import { epcPayload } from './epc-payload.ts';

const transfer = {
  bic: 'ABNANL2A',
  name: 'Kredo Demo B.V.',
  iban: 'NL91ABNA0417164300',
  amount: 121_050,
  currency: 'EUR',
  remittance: 'D-1001 INV-1 INV-2',
};

describe('EPC069-12 payload', () => {
  it('writes the eleven lines of version 002 with the amount in euros', () => {
    expect(epcPayload(transfer)).toEqual({
      ok: true,
      payload:
        'BCD\n002\n1\nSCT\nABNANL2A\nKredo Demo B.V.\nNL91ABNA0417164300\nEUR1210.50\n\n\nD-1001 INV-1 INV-2',
    });
  });

  it('leaves the BIC out when unknown, cuts the name and text, and keeps them on one line', () => {
    const result = epcPayload({
      ...transfer,
      bic: null,
      name: `A\nB${'x'.repeat(80)}`,
      amount: 5,
      remittance: 'r'.repeat(200),
    });
    if (!result.ok) throw new Error(result.reason);
    const lines = result.payload.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[4]).toBe('');
    expect(lines[5]).toHaveLength(70);
    expect(lines[7]).toBe('EUR0.05');
    expect(lines[10]).toHaveLength(140);
  });

  it('has no code for another currency or nothing to pay', () => {
    expect(epcPayload({ ...transfer, currency: 'USD' })).toMatchObject({ ok: false });
    expect(epcPayload({ ...transfer, amount: 0 })).toMatchObject({ ok: false, reason: 'nothing to pay' });
  });
});
