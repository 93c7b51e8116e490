// What other packages' tests use to sign a person in through the real pages (`@kredo/identity/testing`).
export { Browser, hiddenValue } from './browser.ts';
export { startDnsServer } from './dns-server.ts';
export { oauthError } from './get-token.ts';
export {
  CONSOLE_CLIENT,
  consoleRelyingParty,
  page,
  REDIRECT_URI,
  signInWithPassword,
  startSignIn,
  submit,
  totpAt,
} from './sign-in-driver.ts';
