import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '@kredo/identity/testing/browser';
import { afterAll, beforeAll } from 'vitest';

/** A step's time in the widget's browser tests: on a loaded 2-core machine Chromium, axe and core compete. */
export const STEP_TIMEOUT = 60_000;

/**
 * Debian's Chromium for a test file: launched before its tests (installed first where missing:
 * minutes on a fresh machine) and closed after them. Call at the top of the file.
 */
export function useChromium(): () => Awaited<ReturnType<typeof launchChromium>> {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 15 * 60_000);
  afterAll(() => browser?.close());
  return () => {
    if (!browser) throw new Error('Chromium is launched in beforeAll');
    return browser;
  };
}

/**
 * A tenant's website for the widget's browser tests: a plain page on its own origin, under a strict
 * Content-Security-Policy, with its own stylesheet, one script tag for core's widget and the element
 * holding the session in `?session=`.
 */
export async function startHostPage(core: string) {
  const csp = `default-src 'none'; script-src ${core}; connect-src ${core}; style-src 'self'; img-src 'self'`;
  const host = createHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname === '/site.css') {
      response.writeHead(200, { 'content-type': 'text/css' });
      response.end(
        'body { font-family: Georgia, serif; margin: 2rem; } kredo-portal { --kredo-color-primary: #7c2d12; }',
      );
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      response.end(page(core, url.searchParams.get('session') ?? ''));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => host.close(resolve)),
  };
}

/** The tenant's page: its own stylesheet, the script tag, and the element with the session. */
function page(core: string, session: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Acme Supplies: my account</title>
<link rel="stylesheet" href="/site.css">
<script type="module" src="${core}/portal/kredo-portal.js"></script>
</head>
<body>
<main>
<h1>My account</h1>
<kredo-portal session="${session.replace(/[^\w.-]/g, '')}" api="${core}"></kredo-portal>
</main>
</body>
</html>`;
}
