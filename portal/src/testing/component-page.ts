import { readFileSync } from 'node:fs';
import { launchChromium } from '@kredo/identity/testing/browser';
import { afterAll } from 'vitest';
import { DIST } from '../../scripts/build.ts';

/**
 * A blank page in Debian's Chromium with the built widget loaded (the test setup built it), for
 * component tests: they make elements with page.evaluate and look at them as a person would.
 * Page errors are kept, for the test to check; the browser closes after the file.
 */
export async function componentPage() {
  const browser = await launchChromium();
  afterAll(() => browser.close());
  const page = await browser.newPage({ locale: 'en-GB' });
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Components</title></head><body><main><h1>Components</h1></main></body></html>',
  );
  await page.addScriptTag({ type: 'module', content: readFileSync(`${DIST}/kredo-portal.js`, 'utf8') });
  await page.waitForFunction(() => customElements.get('kredo-dialog') !== undefined);
  return { page, errors };
}
