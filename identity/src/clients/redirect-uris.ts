import { ApiClientInputError } from './api-clients.ts';

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * An application's redirect URIs: absolute, https, or http on the loopback interface only (a native
 * app's local listener, RFC 8252 section 7.3); no fragment (RFC 6749 section 3.1.2) and no user info.
 * Anything else is refused naming the entry (`redirectUris[i]`). Duplicates collapse.
 */
export function checkRedirectUris(uris: readonly string[]): string[] {
  if (uris.length === 0) throw new ApiClientInputError('redirectUris: at least one');
  if (uris.length > 10) throw new ApiClientInputError('redirectUris: at most 10');
  uris.forEach((uri, i) => {
    const problem = redirectUriProblem(uri);
    if (problem) throw new ApiClientInputError(`redirectUris[${i}]: ${problem}`);
  });
  return [...new Set(uris)];
}

function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > 2000) return 'at most 2000 characters';
  const url = URL.parse(uri);
  if (!url) return 'not an absolute URL';
  if (url.hash || uri.includes('#')) return 'no fragment (#) allowed';
  if (url.username || url.password) return 'no user name or password allowed';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return 'https, or http on a loopback address (127.0.0.1, [::1], localhost) only';
}
