import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Creditsafe Connect v1 (https://connect.creditsafe.com/v1):
 * `POST /v1/authenticate`, `GET /v1/companies` (search) and `GET /v1/companies/{connectId}` (credit
 * report), with bearer tokens that expire, 401 on a bad or expired token and 400 on a search without
 * criteria.
 */
export interface CreditsafeFakeOptions {
  username: string;
  password: string;
  companies: FakeCreditsafeCompany[];
  /** How long a token lives; Creditsafe's last an hour. */
  tokenLifetimeMs?: number;
}

/** A company as the search lists it, plus the rating its report carries. */
export interface FakeCreditsafeCompany {
  /** The Connect id: `NL-X-123456780000`. */
  id: string;
  country: string;
  regNo: string;
  vatNo?: string;
  safeNo?: string;
  name: string;
  address: { simpleValue: string; street?: string; city: string; postCode: string };
  status: string;
  rating: {
    commonValue: string;
    commonDescription: string;
    creditLimit: { currency: string; value: string };
    providerValue?: { minValue: string; maxValue: string; value: string };
    providerDescription?: string;
  };
}

export interface CreditsafeFake {
  /** `http://127.0.0.1:<port>`: route `https://connect.creditsafe.com` here. */
  origin: string;
  /** How many tokens were handed out. */
  readonly authentications: number;
  /** Every request the fake received, in order. */
  requests: {
    method: string;
    path: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }[];
  /** Makes every token handed out so far invalid, as if an hour had passed. */
  expireTokens(): void;
  close(): Promise<void>;
}

const SEARCH_CRITERIA = ['regNo', 'vatNo', 'name', 'id', 'safeNo'];

export async function startCreditsafeFake(options: CreditsafeFakeOptions): Promise<CreditsafeFake> {
  const lifetime = options.tokenLifetimeMs ?? 60 * 60_000;
  const tokens = new Map<string, number>();
  const requests: CreditsafeFake['requests'] = [];
  let authentications = 0;

  function route(
    method: string,
    url: URL,
    headers: IncomingMessage['headers'],
    body: string,
  ): [number, unknown] {
    if (method === 'POST' && url.pathname === '/v1/authenticate') return authenticate(body);
    if (method !== 'GET') return error(405, 'Method not allowed');
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    const expires = token === undefined ? undefined : tokens.get(token);
    if (expires === undefined || expires <= Date.now())
      return error(401, 'Unauthorized', 'Invalid or expired token');
    if (url.pathname === '/v1/companies') return search(url.searchParams);
    const match = /^\/v1\/companies\/([^/]+)$/.exec(url.pathname);
    if (match) return report(decodeURIComponent(match[1] ?? ''), url.searchParams.get('language') ?? 'en');
    return error(404, 'Not found');
  }

  function authenticate(body: string): [number, unknown] {
    let credentials: { username?: unknown; password?: unknown };
    try {
      credentials = JSON.parse(body) as typeof credentials;
    } catch {
      return error(400, 'Invalid request', 'The body is not valid JSON');
    }
    if (credentials.username !== options.username || credentials.password !== options.password) {
      return error(401, 'Invalid operation/Authentication error', 'Invalid username or password');
    }
    authentications += 1;
    // Creditsafe's tokens are JWTs; the fake's only need to be opaque and unique.
    const token = `eyJ${randomBytes(24).toString('base64url')}`;
    tokens.set(token, Date.now() + lifetime);
    return [200, { token }];
  }

  function search(params: URLSearchParams): [number, unknown] {
    const countries = (params.get('countries') ?? '').split(',').filter((c) => c !== '');
    if (countries.length === 0) return error(400, 'Invalid request', 'countries is required');
    if (!SEARCH_CRITERIA.some((key) => (params.get(key) ?? '') !== '')) {
      return error(400, 'Invalid request', `At least one of ${SEARCH_CRITERIA.join(', ')} is required`);
    }
    const name = params.get('name')?.toLowerCase();
    const found = options.companies.filter(
      (company) =>
        countries.includes(company.country) &&
        matches(params.get('regNo'), company.regNo) &&
        matches(params.get('vatNo'), company.vatNo) &&
        matches(params.get('id'), company.id) &&
        matches(params.get('safeNo'), company.safeNo) &&
        (!name || company.name.toLowerCase().includes(name)),
    );
    return [
      200,
      {
        correlationId: randomUUID(),
        totalSize: found.length,
        companies: found.map((company) => ({
          id: company.id,
          country: company.country,
          regNo: company.regNo,
          ...(company.safeNo ? { safeNo: company.safeNo } : {}),
          ...(company.vatNo ? { vatNo: [company.vatNo] } : {}),
          name: company.name,
          address: company.address,
          status: company.status,
          type: 'Ltd',
          officeType: 'headOffice',
        })),
      },
    ];
  }

  function report(id: string, language: string): [number, unknown] {
    const company = options.companies.find((candidate) => candidate.id === id);
    if (!company) return error(404, 'Not found', `No company with id ${id}`);
    return [
      200,
      {
        correlationId: randomUUID(),
        report: {
          companyId: company.id,
          language: language.toUpperCase(),
          companySummary: {
            businessName: company.name,
            country: company.country,
            companyNumber: company.safeNo ?? company.regNo,
            companyRegistrationNumber: company.regNo,
            companyStatus: { status: company.status, description: company.status },
            creditRating: company.rating,
          },
          companyIdentification: {
            basicInformation: {
              registeredCompanyName: company.name,
              companyRegistrationNumber: company.regNo,
              country: company.country,
              ...(company.vatNo ? { vatRegistrationNumber: company.vatNo } : {}),
            },
          },
          contactInformation: {
            mainAddress: { simpleValue: company.address.simpleValue, country: company.country },
          },
          creditScore: { currentCreditRating: company.rating },
        },
      },
    ];
  }

  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => {
        const url = new URL(request.url ?? '/', 'http://fake');
        requests.push({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: { ...request.headers },
          body,
        });
        const [status, payload] = route(request.method ?? 'GET', url, request.headers, body);
        send(response, status, payload);
      })
      .catch(() => send(response, 500, { message: 'fake failed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get authentications() {
      return authentications;
    },
    requests,
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}

function matches(wanted: string | null, actual: string | undefined): boolean {
  return !wanted || wanted.replace(/\s/g, '').toUpperCase() === actual?.replace(/\s/g, '').toUpperCase();
}

function error(status: number, message: string, details?: string): [number, unknown] {
  return [status, { correlationId: randomUUID(), message, ...(details ? { details } : {}) }];
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
