/**
 * KREDO_PLUGIN_ORIGIN_ROUTES: `https://api.mollie.com=http://127.0.0.1:4567,https://connect.creditsafe.com=…`
 * → `{ 'https://api.mollie.com': 'http://127.0.0.1:4567', … }`. Both sides are http(s) origins:
 * scheme, host and port, nothing more, so a route can only swap the server, never the path.
 */
export function parseOriginRoutes(raw: string): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const pair of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [from, to, ...rest] = pair.split('=');
    if (!from || !to || rest.length > 0) throw new Error(`"${pair}" is not <manifest origin>=<local origin>`);
    routes[origin(from.trim())] = origin(to.trim());
  }
  if (Object.keys(routes).length === 0) throw new Error('names no route');
  return routes;
}

function origin(raw: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!url || !bare || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`${raw} is not an http(s) origin (scheme, host and port only)`);
  }
  return url.origin;
}
