import type { CompanyCandidate, CreditReport, Result } from '@kredo/sdk';
import { createPluginTester, type PluginTester, type PluginTesterOptions } from '@kredo/sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CreditsafeFake, startCreditsafeFake } from '../fake/creditsafe-fake.ts';
import { fixtureCompanies } from '../fake/fixture-companies.ts';

const username = 'kredo@example.com';
const password = 'S3cret!pass';
const CREDITSAFE = 'https://connect.creditsafe.com';

let fake: CreditsafeFake;
let tester: PluginTester;

beforeEach(async () => {
  fake = await startCreditsafeFake({ username, password, companies: fixtureCompanies });
  tester = await start();
});
afterEach(async () => {
  await tester.close();
  await fake.close();
});

function start(options: Partial<PluginTesterOptions> = {}): Promise<PluginTester> {
  return createPluginTester({
    entry: 'src/plugin.ts',
    manifest: 'manifest.json',
    config: { username },
    secrets: { password },
    http: { origins: { [CREDITSAFE]: fake.origin } },
    ...options,
  });
}

async function run<T>(name: string, input: unknown, on = tester): Promise<Result<T>> {
  const answer = await on.run(name, input);
  if (!answer.ok) throw new Error(`sandbox: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as Result<T>;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`plugin failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const search = (input: object, on = tester) =>
  run<CompanyCandidate[]>('capability:creditBureau.searchCompany', { country: 'NL', ...input }, on);
const report = (bureauId: string, on = tester) =>
  run<CreditReport>('capability:creditBureau.getReport', { bureauId, country: 'NL' }, on);

describe('searchCompany', () => {
  it('finds a company by registration number; the password never reaches the plugin', async () => {
    expect(value(await search({ registrationNumber: '12345678' }))).toEqual([
      {
        bureauId: 'NL-X-123456780000',
        name: 'Bakkerij De Gouden Korst B.V.',
        registrationNumber: '12345678',
        address: 'Dorpsstraat 1, 1234AB Utrecht',
      },
    ]);
    expect(tester.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${CREDITSAFE}/v1/authenticate`,
      `GET ${CREDITSAFE}/v1/companies?countries=NL&regNo=12345678`,
    ]);
    expect(tester.requests[0]?.body).toBe(`{"username":"${username}","password":"[redacted]"}`);
    expect(fake.requests[0]?.body).toContain(password);
    expect(JSON.stringify([tester.requests, tester.logs, [...tester.storage]])).not.toContain(password);
  });

  it('searches by name and VAT number, and finds nothing where there is nothing', async () => {
    expect(value(await search({ name: 'bouw' })).map((c) => c.bureauId)).toEqual(['NL-X-876543210000']);
    expect(value(await search({ vatNumber: 'NL123456789B01' }))).toHaveLength(1);
    expect(value(await search({ registrationNumber: '00000000' }))).toEqual([]);
  });

  it('refuses a search without criteria before asking Creditsafe', async () => {
    expect(await search({})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(tester.requests).toEqual([]);
  });
});

describe('getReport', () => {
  it('normalises score, rating and limit', async () => {
    expect(value(await report('NL-X-123456780000'))).toEqual({
      score: 86,
      rating: 'A',
      suggestedLimit: { amount: 12_500_000, currency: 'EUR' },
    });
    // No numeric provider score: the common value's score; the limit to the cent.
    expect(value(await report('NL-X-876543210000'))).toEqual({
      score: 20,
      rating: 'D',
      suggestedLimit: { amount: 150_050, currency: 'EUR' },
    });
  });

  it('fails with company_not_found for an unknown id', async () => {
    expect(await report('NL-X-000000000000')).toMatchObject({
      ok: false,
      error: { code: 'company_not_found' },
    });
  });
});

describe('the Creditsafe token', () => {
  it('is authenticated once and reused across calls', async () => {
    value(await search({ registrationNumber: '12345678' }));
    value(await report('NL-X-123456780000'));
    value(await report('NL-X-876543210000'));
    expect(fake.authentications).toBe(1);
    expect(tester.storage.get('creditsafe-token')).toMatchObject({ token: expect.stringMatching(/^eyJ/) });
  });

  it('is renewed once when Creditsafe refuses it', async () => {
    value(await search({ registrationNumber: '12345678' }));
    fake.expireTokens();
    expect(value(await report('NL-X-123456780000')).rating).toBe('A');
    expect(fake.authentications).toBe(2);
    expect(tester.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'POST /v1/authenticate',
      'GET /v1/companies',
      'GET /v1/companies/NL-X-123456780000',
      'POST /v1/authenticate',
      'GET /v1/companies/NL-X-123456780000',
    ]);
  });

  it('is renewed when the stored one has passed its time', async () => {
    const stale = await start({
      storage: { 'creditsafe-token': { token: 'eyJold', renewAt: Date.now() - 1 } },
    });
    try {
      value(await report('NL-X-123456780000', stale));
      expect(stale.requests[0]?.url).toBe(`${CREDITSAFE}/v1/authenticate`);
    } finally {
      await stale.close();
    }
  });

  it('fails with unauthorized on bad credentials, without retrying', async () => {
    const wrong = await start({ secrets: { password: 'wrong' } });
    try {
      expect(await search({ registrationNumber: '12345678' }, wrong)).toEqual({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringContaining('credentials'), retryable: false },
      });
      expect(wrong.requests).toHaveLength(1);
      expect(wrong.storage.size).toBe(0);
    } finally {
      await wrong.close();
    }
  });
});
