const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Why `value` is not an origin a plugin may declare, or `undefined` when it is one: `https`, a public
 * DNS name (no IP literal, no localhost, no single label), an optional port, and nothing else.
 */
export function checkHttpOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an https origin such as https://api.example.com';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  // The URL parser has normalised IPv4 spellings (0x7f.1, 2130706433) to dotted quads by now.
  if (url.hostname.startsWith('[') || IPV4.test(url.hostname))
    return 'must be a host name, not an IP address';
  if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) return 'must not be localhost';
  const labels = url.hostname.split('.');
  if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) {
    return 'must be a public DNS name';
  }
  if (url.origin !== value) {
    return `must be exactly an origin (scheme, lower-case host, optional port) with no path, query or trailing slash: ${url.origin}`;
  }
  return undefined;
}
