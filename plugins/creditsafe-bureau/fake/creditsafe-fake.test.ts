import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CreditsafeFake, startCreditsafeFake } from './creditsafe-fake.ts';
import { fixtureCompanies } from './fixture-companies.ts';

const credentials = { username: 'kredo@example.com', password: 'S3cret!pass' };
let fake: CreditsafeFake;

beforeEach(async () => {
  fake = await startCreditsafeFake({ ...credentials, companies: fixtureCompanies, tokenLifetimeMs: 60_000 });
});
afterEach(() => fake.close());

async function authenticate(body: unknown = credentials) {
  return fetch(`${fake.origin}/v1/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function token(): Promise<string> {
  return ((await (await authenticate()).json()) as { token: string }).token;
}

function get(path: string, bearer: string) {
  return fetch(`${fake.origin}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
}

describe('creditsafe fake', () => {
  it('hands out a token for the right credentials and 401 for wrong ones', async () => {
    expect(await token()).toMatch(/^eyJ/);
    const wrong = await authenticate({ ...credentials, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: expect.any(String) });
    expect(fake.authentications).toBe(1);
  });

  it('searches by registration number in a country', async () => {
    const response = await get('/v1/companies?countries=NL&regNo=12345678', await token());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      totalSize: 1,
      companies: [
        {
          id: 'NL-X-123456780000',
          country: 'NL',
          regNo: '12345678',
          vatNo: ['NL123456789B01'],
          name: 'Bakkerij De Gouden Korst B.V.',
          address: { simpleValue: 'Dorpsstraat 1, 1234AB Utrecht', city: 'Utrecht', postCode: '1234AB' },
          status: 'Active',
        },
      ],
    });
  });

  it('searches by part of a name and finds nothing in another country', async () => {
    const bearer = await token();
    const byName = (await (await get('/v1/companies?countries=NL&name=bouw', bearer)).json()) as {
      totalSize: number;
    };
    expect(byName.totalSize).toBe(1);
    const elsewhere = (await (await get('/v1/companies?countries=BE&regNo=12345678', bearer)).json()) as {
      companies: unknown[];
    };
    expect(elsewhere.companies).toEqual([]);
  });

  it('answers a search without criteria with 400', async () => {
    expect((await get('/v1/companies?countries=NL', await token())).status).toBe(400);
  });

  it('serves the credit report with the rating in the summary and the credit score', async () => {
    const response = await get('/v1/companies/NL-X-123456780000?language=en', await token());
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      report: Record<string, { creditRating?: unknown; currentCreditRating?: unknown }>;
    };
    expect(body.report.companySummary?.creditRating).toMatchObject({
      commonValue: 'A',
      creditLimit: { currency: 'EUR', value: '125000' },
      providerValue: { minValue: '1', maxValue: '100', value: '86' },
    });
    expect(body.report.creditScore?.currentCreditRating).toEqual(body.report.companySummary?.creditRating);
    expect((await get('/v1/companies/NL-X-000000000000', await token())).status).toBe(404);
  });

  it('refuses a missing, unknown or expired token with 401', async () => {
    const bearer = await token();
    expect((await fetch(`${fake.origin}/v1/companies?countries=NL&regNo=1`)).status).toBe(401);
    expect((await get('/v1/companies?countries=NL&regNo=1', 'eyJforged')).status).toBe(401);
    fake.expireTokens();
    expect((await get('/v1/companies?countries=NL&regNo=1', bearer)).status).toBe(401);
  });
});
