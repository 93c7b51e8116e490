import type { DemoErpClient } from './demo-erp-client.ts';
import type { DemoUsers } from './demo-users.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID } from './seed-demo.ts';
import type { RunningDemo } from './start-demo.ts';
import { formatCents } from './write-csv.ts';

/** Where the identity server is: its discovery document. */
export function identityLines(issuer: string): string[] {
  return [`  Identity       ${issuer}/.well-known/openid-configuration   (OpenID Connect discovery)`];
}

/**
 * The demo ERP client and a curl that gets it a token from the identity server: the token every
 * command of the banner uses, as `TOKEN`.
 */
function erpLines(issuer: string, erp: DemoErpClient): string[] {
  return [
    '',
    'Demo ERP integration, an API client with client credentials (the same on every demo start):',
    `  client id      ${erp.clientId}`,
    `  client secret  ${erp.clientSecret}`,
    `  scopes         ${erp.scopes.join(' ')}`,
    'An access token for it from the identity server, for the commands below (a JWT for the API, valid',
    '10 minutes: run this again, or pnpm kredo token, for a fresh one):',
    `  TOKEN=$(curl -s -u '${erp.clientId}:${erp.clientSecret}' -d grant_type=client_credentials --data-urlencode 'scope=${erp.scopes.join(' ')}' ${issuer}/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')`,
  ];
}

/** The scopes the banner's sign-in asks for: what a collector and an admin use day to day. */
const SIGN_IN_SCOPE = 'openid email profile ledger:read dunning:read dunning:write ledger:write';

/**
 * The demo people, and a sign-in through the identity server's pages as the staff console does it
 * (authorization code with PKCE): the console itself is not built, so the code that comes back is
 * exchanged with curl.
 */
export function signInLines(issuer: string, redirectUri: string, users: DemoUsers): string[] {
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: 'kredo-console',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: SIGN_IN_SCOPE,
    code_challenge: users.pkceChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return [
    '',
    "Sign in as a person (the identity server's pages; the demo tenant requires two-step verification):",
    `  open           ${authorize.href}`,
    `  admin          ${users.admin.email}   password ${users.admin.password}`,
    `                 TOTP secret ${users.admin.totpSecret}   (add it to an authenticator app: "enter a setup key")`,
    `  collector      ${users.collector.email}   password ${users.collector.password}   (sets up TOTP at first sign-in)`,
    `  partner        ${users.partner.email}   password ${users.partner.password}   (publisher ${users.partner.publisherId}, no tenant)`,
    `                 TOTP secret ${users.partner.totpSecret}   (publishes plugins: kredo-plugin login, see docs/plugins/cli.md)`,
    `The browser then goes to ${redirectUri}?code=… (the staff console is not built yet); exchange the code within 60 s:`,
    `  curl -d grant_type=authorization_code -d client_id=kredo-console -d code_verifier=${users.pkceVerifier} --data-urlencode redirect_uri=${redirectUri} --data-urlencode code=CODE ${issuer}/token`,
  ];
}

/**
 * What `kredo start --demo` prints once everything is up: where Kredo is, how to get a token, what
 * to try; with the console's redirect URI, how to sign in as a person.
 */
export function demoBanner(demo: RunningDemo, url: string, logFile?: string, redirectUri?: string): string {
  const auth = '-H "Authorization: Bearer $TOKEN"';
  // --json sends {} with its content type: a POST without a JSON body is refused with a 400.
  const post = `curl ${auth} --json '{}'`;
  const enabled = demo.installations.filter((installation) => installation.enabled);
  const lines = [
    `Kredo is running${demo.seeded ? ' with fresh demo data' : ''}.`,
    '',
    `  API            ${url}/api/v1`,
    `  OpenAPI        ${url}/api/v1/openapi.json`,
    `  Health         ${url}/health`,
    ...identityLines(demo.identity.issuer),
    ...(demo.mail ? [`  Mail catcher   ${url}/demo/mail   (the mail Kredo sent, and letters as PDF)`] : []),
    ...(demo.shop
      ? [
          `  Demo shop      ${demo.shop.url}   (a tenant's website with the portal widget, as ${demo.shop.debtorName})`,
        ]
      : []),
    ...(demo.shop && demo.mail && demo.example?.email
      ? [
          `  Portal sign-in ${url}/portal/sign-in/${DEMO_TENANT_ID}   (a debtor's own sign-in by e-mail link: try ${demo.example.email}; the link arrives in the mail catcher)`,
        ]
      : []),
    ...(logFile ? [`  Log            ${logFile}   (warnings and errors also on this terminal)`] : []),
    ...erpLines(demo.identity.issuer, demo.erp),
    ...(redirectUri ? signInLines(demo.identity.issuer, redirectUri, demo.users) : []),
    '',
    'Try:',
    `  curl ${auth} "${url}/api/v1/debtors?limit=5"`,
    "  pnpm kredo plugins list     (the demo tenant's plugins)",
  ];
  if (enabled.length > 0 && demo.example) {
    const { debtorId, name, openInvoices, openAmount, currency } = demo.example;
    const debtor = `${url}/api/v1/debtors/${debtorId}`;
    lines.push(
      '',
      `The reference plugins (${enabled.map((installation) => installation.pluginId).join(', ')}) run`,
      'against local fakes of their providers, which the demo started:',
      ...Object.entries(demo.fakes.routes).map(([origin, fake]) => `  ${origin} → ${fake}`),
      '',
      `A credit check of ${name} at Creditsafe:`,
      `  ${post} "${debtor}/credit-checks"`,
      '',
      `A Mollie pay link for its open ${openInvoices === 1 ? 'invoice' : `${openInvoices} invoices`} (${currency} ${formatCents(openAmount)}):`,
      `  ${post} "${debtor}/pay-links"`,
      'Open the link\'s "url" in a browser and press Pay (the fake Mollie checkout), or pay it with',
      '  curl -X POST <url>',
      "The fake then calls Kredo's Mollie webhook, as Mollie does; the link and its invoices are paid:",
      `  curl ${auth} "${debtor}/pay-links"`,
    );
  } else {
    lines.push(
      '',
      'The reference plugins are not installed: build them (pnpm --filter "./plugins/*" run build).',
    );
  }
  const firstRun = demo.dunning.map((run) => `${run.code}: ${run.actions} actions`).join(', ');
  lines.push(
    '',
    `Dunning: a B2B and a B2C strategy per administration${firstRun ? `; runs as of three, two and one week ago and today decided ${firstRun}` : ''}.`,
    `  curl ${auth} "${url}/api/v1/dunning/actions?limit=5"`,
    `  curl ${auth} "${url}/api/v1/tasks?limit=5"`,
    `  curl ${auth} "${url}/api/v1/dunning/preview?administrationId=${DEMO_ADMINISTRATIONS[0].id}&days=30&limit=5"`,
    `  pnpm kredo dunning run --dry-run   (then without --dry-run; today's steps are taken once)`,
    ...(demo.mail ? [`Reminders and letters as the debtor sees them: ${url}/demo/mail`] : []),
  );
  lines.push(
    '',
    "A fresh token any time: TOKEN=$(pnpm --silent kredo token)   (the demo ERP client's, from the identity server;",
    '  without a global pnpm: TOKEN=$(npm run --silent kredo -- token))',
    'More: docs/getting-started.md',
  );
  return `\n${lines.join('\n')}\n`;
}
