import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AxeCore from 'axe-core';
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

// The callbacks passed to page.evaluate run in Chromium. This package compiles without lib.dom (it
// is Node code), so the little of the DOM they touch is declared here, for this file only.
interface PageElement {
  tagName: string;
  attributes: Iterable<{ name: string }>;
}
declare const document: {
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { effectiveDirective: string; blockedURI: string; documentURI: string }) => void,
  ): void;
  scripts: Iterable<{ src: string }>;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  documentElement: { lang: string };
  activeElement: { id: string } | null;
  styleSheets: Iterable<{ href: string | null; cssRules: { length: number } }>;
};
declare const window: { kredoReportViolation(text: string): void; axe: typeof AxeCore };

/** axe-core's bundle, evaluated into pages through CDP (see `axeViolations`). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A document the browser was answered with (redirects left out): what the person saw. */
export interface SeenDocument {
  url: string;
  status: number;
  csp: string | undefined;
}

/** A page whose Content-Security-Policy violations and documents are recorded as it navigates. */
export interface WatchedPage {
  page: Page;
  /** `securitypolicyviolation` events, and Chromium's console reports of the same. */
  violations: string[];
  documents: SeenDocument[];
  /** Resolves with the next violation reported from now on. */
  nextViolation(): Promise<string>;
  /** Resolves once every document the page was answered with so far is in `documents`. */
  settled(): Promise<void>;
}

/**
 * A new page of `context` that records every CSP violation: a listener added by an init script
 * (injected through CDP before any of the page's own code, so the page's CSP does not apply to it)
 * reports each `securitypolicyviolation` event to Node through a binding; Chromium's console
 * messages about the policy are kept too, in case an event is missed between two documents.
 */
export async function watchPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const waiting: ((text: string) => void)[] = [];
  // Reading a response's headers takes a round trip to the browser, which can end after the page
  // has loaded: what is still being read is kept here, for settled().
  const pending = new Set<Promise<void>>();
  const record = (text: string) => {
    watched.violations.push(text);
    for (const resolve of waiting.splice(0)) resolve(text);
  };
  const watched: WatchedPage = {
    page,
    violations: [],
    documents: [],
    nextViolation: () => new Promise((resolve) => waiting.push(resolve)),
    settled: async () => void (await Promise.all(pending)),
  };

  await page.exposeBinding('kredoReportViolation', (_source, text: string) => record(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.kredoReportViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) record(message.text());
  });
  page.on('response', (response) => {
    if (!isDocumentAnswer(page, response)) return;
    // In order of arrival, whenever its headers come.
    const seen: SeenDocument = { url: response.url(), status: response.status(), csp: undefined };
    watched.documents.push(seen);
    // Headers that cannot be read (the page closed) leave csp undefined, which fails the checks.
    const reading = response.allHeaders().then(
      (headers) => {
        seen.csp = headers['content-security-policy'];
      },
      () => {},
    );
    pending.add(reading);
    void reading.then(() => pending.delete(reading));
  });
  return watched;
}

/** A response that is a document of the page's main frame, not a redirect on the way to one. */
function isDocumentAnswer(page: Page, response: Response): boolean {
  if (response.frame() !== page.mainFrame() || !response.request().isNavigationRequest()) return false;
  return response.status() < 300 || response.status() >= 400;
}

/**
 * Clicks a form's button and waits until the next document is loaded (the post, its 303 and the
 * page it leads to commit one document), whatever page that is: no sleeps, no guessing at URLs. A
 * CSP violation meanwhile (say form-action blocking the redirect back to the client) fails at once,
 * saying what was blocked, rather than after the navigation's timeout.
 */
export async function submitAndWait(watched: WatchedPage, button: Locator): Promise<void> {
  const { page } = watched;
  // The document's answer and its commit, both awaited: their events may come in either order.
  const committed = Promise.all([
    page.waitForEvent('response', { predicate: (response) => isDocumentAnswer(page, response) }),
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
  ]);
  const blocked = watched.nextViolation().then((text) => {
    throw new Error(`blocked by the Content-Security-Policy: ${text}`);
  });
  // The loser of the race settles later (or never): it must not surface as an unhandled rejection.
  committed.catch(() => {});
  blocked.catch(() => {});
  await button.click();
  await Promise.race([committed, blocked]);
  await page.waitForLoadState('load');
  await watched.settled();
}

/** Script and style that a CSP without 'unsafe-inline' would have to block: all should be none. */
export async function inlineCode(page: Page) {
  return page.evaluate(() => ({
    inlineScripts: [...document.scripts].filter((script) => !script.src).length,
    styleElements: document.querySelectorAll('style').length,
    styleAttributes: document.querySelectorAll('[style]').length,
    handlerAttributes: [...document.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes]
        .filter((a) => a.name.startsWith('on'))
        .map((a) => `${element.tagName} ${a.name}`),
    ),
  }));
}

/**
 * What the person's browser made of the page: its language, the element that has the focus (the
 * pages set it with autofocus, no script), and the stylesheets that loaded with their rules (one
 * the CSP blocked would be missing, leaving the page unstyled and axe blind to its contrast).
 */
export async function documentFacts(page: Page) {
  return page.evaluate(() => ({
    language: document.documentElement.lang,
    focusedId: document.activeElement?.id,
    stylesheets: [...document.styleSheets]
      .filter((sheet) => sheet.cssRules.length > 0)
      .map((sheet) => (sheet.href ? new URL(sheet.href).pathname : 'inline')),
  }));
}

/**
 * axe-core's violations on the page as it is now (its default rules: WCAG 2 A/AA and best
 * practices), one line per element. The bundle is evaluated with page.evaluate (CDP's
 * Runtime.evaluate, which the page's CSP does not govern) rather than added as a script tag, which
 * the CSP rightly blocks.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const violations = await page.evaluate(async () => {
    // No context: the whole document.
    const results = await window.axe.run({ resultTypes: ['violations'] });
    return results.violations.flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary}`,
      ),
    );
  });
  return violations;
}

/**
 * What every identity page must pass as Chromium renders it: its status, the CSP (no
 * 'unsafe-inline'), the one heading, no inline script or style, its language, the one stylesheet,
 * zero axe-core violations and no CSP violation reported so far.
 */
export async function expectCleanPage(
  watched: WatchedPage,
  expected: { language: string; title: string; status?: number; stylesheet: string },
): Promise<void> {
  const { page } = watched;
  await watched.settled();
  const seen = watched.documents.at(-1);
  expect(seen?.status).toBe(expected.status ?? 200);
  expect(seen?.csp).toContain("default-src 'none'");
  expect(seen?.csp).not.toContain('unsafe-inline');
  expect(await page.locator('h1').textContent()).toBe(expected.title);
  expect(await inlineCode(page)).toEqual({
    inlineScripts: 0,
    styleElements: 0,
    styleAttributes: 0,
    handlerAttributes: [],
  });
  const facts = await documentFacts(page);
  expect(facts.language).toBe(expected.language);
  expect(facts.stylesheets).toEqual([expected.stylesheet]);
  expect(await axeViolations(page)).toEqual([]);
  expect(watched.violations).toEqual([]);
}
