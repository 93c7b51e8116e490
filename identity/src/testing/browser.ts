/**
 * A browser as far as the sign-in pages need one: a cookie jar (per host and port, by name; expired
 * cookies dropped: two identity servers on one machine, one the other's upstream, keep theirs apart),
 * no automatic redirects, forms posted urlencoded. An X-Forwarded-For of its own plays another IP
 * against a server that trusts the proxy headers.
 */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly headers: Record<string, string> = {}) {}

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects from `url` until a page, or until one leads to `stopAt` (the client's callback). */
  async follow(url: string, stopAt?: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      if (stopAt && current.startsWith(stopAt)) return { response: new Response(null), url: current };
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      current = new URL(location, current).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(cookie && { cookie }) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expires = attributes.find((a) => a.trim().toLowerCase().startsWith('expires='));
      const gone = !value || (expires && new Date(expires.split('=')[1] ?? '').getTime() < Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

/** The value of a hidden input of a page. */
export function hiddenValue(page: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!match?.[1]) throw new Error(`no ${name} on the page:\n${page}`);
  return match[1];
}
