/**
 * Parses an `application/x-www-form-urlencoded` body. The sandbox has no URLSearchParams, so this
 * is the few lines of it a webhook needs. Undefined when a part is not valid percent-encoding.
 */
export function parseFormBody(body: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    try {
      fields[decode(rawKey)] = decode(rawValue);
    } catch {
      return undefined;
    }
  }
  return fields;
}

function decode(component: string): string {
  return decodeURIComponent(component.replace(/\+/g, ' '));
}
