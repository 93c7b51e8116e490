// What other packages' browser tests use (`@kredo/identity/testing/browser`): Debian's Chromium
// through playwright-core, a page that records CSP violations, axe-core, a local redirect URI.
export { startCallbackServer } from './callback-server.ts';
export { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium, launchChromium } from './chromium.ts';
export {
  axeViolations,
  documentFacts,
  inlineCode,
  type SeenDocument,
  submitAndWait,
  type WatchedPage,
  watchPage,
} from './page-watch.ts';
