import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/**
 * Debian's Chromium. Playwright's own browser builds are never downloaded (`playwright install`
 * fetches from a CDN this project's machines cannot reach, and would pin a second browser); the
 * distribution's package is what CI and developers get from the package mirror they already use.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless and quiet: no sandbox (tests run as root in containers, where Chromium's sandbox cannot
 * start), no GPU, and nothing that phones home (updates, field trials, first-run pages).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * The path of Chromium, installing Debian's package first when it is missing (`apt-get update`,
 * then `apt-get install -y chromium`), so a browser test passes on a fresh CI machine. Installing
 * needs root; anyone else gets an error that says what to run. Takes minutes the first time: call
 * it from a beforeAll with a long timeout.
 */
export function ensureChromium(path = CHROMIUM_PATH): string {
  if (existsSync(path)) return path;
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
    throw new Error(
      `Chromium is not at ${path}, and this process cannot install it (it needs root on Debian or Ubuntu). ` +
        'Install it with `sudo apt-get update && sudo apt-get install -y chromium`, then run the tests again.',
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // stdout to stderr: vitest's reporter owns stdout; apt's progress still shows why setup takes long.
  const stdio: ['ignore', number, number] = ['ignore', 2, 2];
  execFileSync('apt-get', ['update'], { env, stdio });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { env, stdio });
  if (!existsSync(path)) throw new Error(`apt-get installed chromium, yet ${path} is still missing`);
  return path;
}

/** One headless Debian Chromium driven by playwright-core; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    // A loaded 2-core machine starts Chromium slowly.
    timeout: 120_000,
  });
}

/**
 * One Chromium for a test file, launched before its tests (installing it may take minutes) and
 * closed after; each call of the answer is a fresh browser profile (a context) in `locale`, every
 * step allowed `stepTimeoutMs` (a loaded machine is slow).
 */
export function chromiumForFile(stepTimeoutMs = 60_000) {
  let chromium: Browser | undefined;
  beforeAll(async () => {
    chromium = await launchChromium();
  }, 15 * 60_000);
  afterAll(async () => chromium?.close());
  return async (locale: string) => {
    if (!chromium)
      throw new Error('chromiumForFile: Chromium is not running (call it at the top of the file)');
    const context = await chromium.newContext({ locale });
    context.setDefaultTimeout(stepTimeoutMs);
    context.setDefaultNavigationTimeout(stepTimeoutMs);
    return context;
  };
}
