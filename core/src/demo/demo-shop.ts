import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The demo's tenant website: where a newcomer sees `<kredo-portal>` as a debtor would. */
export interface DemoShop {
  url: string;
  debtorName: string;
  close(): Promise<void>;
}

/** The shop's backend calling core as the tenant (portal:sessions): a session, the shop's origin. */
export type CallCore = (
  method: string,
  url: string,
  payload: object,
) => Promise<{ status: number; body: unknown }>;

interface ShopOptions {
  callCore: CallCore;
  /** Core's address as the browser reaches it (the script and the API). */
  coreUrl: string;
  debtor: { id: string; name: string };
  /** Where to listen (KREDO_HOST); the page's address uses `coreUrl`'s host name. */
  host: string;
}

/**
 * A fictional tenant's website on an origin of its own (another port), with its own look, embedding
 * the widget for one demo debtor under a strict Content-Security-Policy. Each page load mints a new
 * portal session, as a tenant's backend does for its signed-in customer; when one ends, the page's
 * script reloads it. Its origin becomes the demo tenant's one portal origin (PUT /portal/settings),
 * and the tenant's hosted sign-in by e-mail link is turned on.
 * Undefined when core's address is not one a portal origin may have (http other than localhost).
 */
export async function startDemoShop(options: ShopOptions): Promise<DemoShop | undefined> {
  const shop = createServer((request, response) => {
    void answer(options, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('The demo shop could not get a portal session from Kredo.');
    });
  });
  await new Promise<void>((resolve) => shop.listen(0, options.host, resolve));
  const close = () => new Promise<void>((resolve) => shop.close(() => resolve()));
  const core = new URL(options.coreUrl);
  const url = `${core.protocol}//${core.hostname}:${(shop.address() as AddressInfo).port}`;
  // The demo tenant also lets its debtors sign in on Kredo's own page by e-mail link (the banner says where).
  const registered = await options.callCore('PUT', '/api/v1/portal/settings', {
    origins: [url],
    emailSignIn: true,
  });
  if (registered.status !== 200) {
    await close();
    return undefined;
  }
  return { url: `${url}/`, debtorName: options.debtor.name, close };
}

async function answer(options: ShopOptions, request: IncomingMessage, response: ServerResponse) {
  const path = new URL(request.url ?? '/', 'http://shop').pathname;
  if (path === '/shop.css') return send(response, 'text/css', SHOP_CSS);
  if (path === '/shop.js') return send(response, 'text/javascript', SHOP_JS);
  if (path !== '/') return send(response, 'text/plain', 'Not found', 404);
  const minted = await options.callCore('POST', '/api/v1/portal/sessions', { debtorId: options.debtor.id });
  if (minted.status !== 201) throw new Error(`portal session: ${minted.status}`);
  const { token } = minted.body as { token: string };
  const core = options.coreUrl;
  response.setHeader(
    'content-security-policy',
    `default-src 'none'; script-src 'self' ${core}; connect-src ${core}; style-src 'self'; img-src 'self'`,
  );
  // The session is the customer's: not to be kept by a cache.
  response.setHeader('cache-control', 'no-store');
  return send(response, 'text/html; charset=utf-8', shopPage(core, token, options.debtor.name));
}

function send(response: ServerResponse, type: string, body: string, status = 200) {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shopPage(core: string, session: string, customer: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mijn account · Hofman Kantoorartikelen</title>
<link rel="stylesheet" href="/shop.css">
<script type="module" src="${core}/portal/kredo-portal.js"></script>
<script type="module" src="/shop.js"></script>
</head>
<body>
<header><p class="brand">Hofman <span>Kantoorartikelen</span></p>
<nav aria-label="Hoofdmenu"><a href="/">Assortiment</a> <a href="/">Bestellingen</a> <a href="/" aria-current="page">Mijn account</a></nav></header>
<main>
<h1>Mijn account</h1>
<p>Ingelogd als <strong>${escapeHtml(customer)}</strong>. Hieronder staan uw facturen bij ons.</p>
<kredo-portal session="${session}" api="${core}"></kredo-portal>
</main>
<footer><p>Hofman Kantoorartikelen B.V. · een verzonnen winkel van de Kredo-demo</p></footer>
</body>
</html>`;
}

const SHOP_CSS = `body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #1c1917; background: #fafaf9; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; padding: 1rem 2rem; background: #14532d; color: #ffffff; }
header a { color: #ffffff; margin-left: 1rem; }
.brand { font-size: 1.5rem; font-weight: bold; margin: 0; }
.brand span { font-weight: normal; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
footer { text-align: center; color: #57534e; padding: 2rem; }
kredo-portal { --kredo-font-family: Georgia, serif; --kredo-color-primary: #14532d; --kredo-radius: 2px; padding: 1.5rem; border: 1px solid #d6d3d1; }
`;

// The host's side of the session's end: a reload mints a new one (GET / does).
const SHOP_JS = `document.addEventListener('kredo-session-expired', () => location.reload());
`;
