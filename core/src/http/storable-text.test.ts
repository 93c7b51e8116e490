import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { newId } from '../shared/ids.ts';

const { newTenant } = await createTestApi();
const acme = await newTenant('Text BV');
const adm = acme.administrationId;
const debtor = (
  await acme.api('POST', '/api/v1/debtors', { administrationId: adm, number: 'T-1', name: 'Tee' })
).body.id as string;
const invoice = (
  await acme.api('POST', '/api/v1/invoices', {
    administrationId: adm,
    debtorId: debtor,
    number: 'TI-1',
    issueDate: '2026-01-01',
    amount: 100,
  })
).body.id as string;
const installation = newId('installation');

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';

/** Every write route, with one text field holding `bad` and everything else valid. */
const writes = (bad: string): [string, string, object, string][] => [
  ['POST', '/api/v1/administrations', { code: 'X1', name: bad, country: 'NL' }, 'name'],
  ['PATCH', `/api/v1/administrations/${adm}`, { name: bad }, 'name'],
  ['POST', '/api/v1/debtors', { administrationId: adm, number: 'T-2', name: bad }, 'name'],
  ['PATCH', `/api/v1/debtors/${debtor}`, { addresses: [{ line1: bad }] }, 'addresses.0.line1'],
  [
    'POST',
    '/api/v1/invoices',
    {
      administrationId: adm,
      debtorId: debtor,
      number: 'TI-2',
      issueDate: '2026-01-01',
      amount: 1,
      description: bad,
    },
    'description',
  ],
  ['PATCH', `/api/v1/invoices/${invoice}`, { poNumber: bad }, 'poNumber'],
  [
    'POST',
    '/api/v1/payments',
    { administrationId: adm, amount: 1, valueDate: '2026-01-02', reference: bad },
    'reference',
  ],
  [
    'POST',
    '/api/v1/debtors/bulk',
    { administrationId: adm, debtors: [{ number: 'B-1', name: bad }] },
    'debtors.0.name',
  ],
  [
    'POST',
    '/api/v1/invoices/bulk',
    {
      administrationId: adm,
      invoices: [
        { number: 'BI-1', debtorNumber: 'T-1', issueDate: '2026-01-01', amount: 1, paymentReference: bad },
      ],
    },
    'invoices.0.paymentReference',
  ],
  [
    'POST',
    '/api/v1/plugins/installations',
    { pluginId: bad, version: '1.0.0', grantedScopes: [] },
    'pluginId',
  ],
  [
    'PATCH',
    `/api/v1/plugins/installations/${installation}`,
    { config: { greeting: bad } },
    'config.greeting',
  ],
  ['POST', `/api/v1/plugins/installations/${installation}/upgrade`, { version: bad }, 'version'],
];

describe('text PostgreSQL cannot store, refused at validation on every route', () => {
  it.each(writes(NUL))('%s %s with a NUL answers 400 naming the field', async (method, url, body, field) => {
    const res = await acme.api(method, url, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', field });
    expect(res.body.message).toMatch(/NUL/);
  });

  it.each(writes(SURROGATE))(
    '%s %s with a lone surrogate answers 400 naming the field',
    async (method, url, body, field) => {
      const res = await acme.api(method, url, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_request', field });
    },
  );

  it.each(['/api/v1/debtors', '/api/v1/invoices'])(
    'a search on %s with a NUL answers 400 naming q',
    async (list) => {
      const res = await acme.api('GET', `${list}?q=a%00b`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_request', field: 'q' });
    },
  );

  it('a NUL in a CSV value rejects that row, naming its line and column, and imports the others', async () => {
    const res = await acme.api(
      'POST',
      `/api/v1/imports?administrationId=${adm}&format=debtors`,
      `debtor_number,name,city,address_line1\nC-1,Good BV,,\nC-2,Bad BV,Ut\u0000recht,Street 1\n`,
      { 'content-type': 'text/csv' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: 1 });
    expect(res.body.errors).toEqual([expect.objectContaining({ line: 3, field: 'city' })]);
    expect(res.body.errors[0].message).toMatch(/NUL/);
  });
});
