import { HostFunctionError } from './host-error.ts';

const placeholder = /\{\{\s*secrets\.([A-Za-z0-9_-]+)\s*\}\}/g;
/** What stands in for a secret value in everything that goes back to the plugin or into a record. */
export const redacted = '[redacted]';

/**
 * How a secret is written where its placeholder stands: as it is (headers), escaped for a JSON string
 * (a JSON body: a password with a quote must not end the string), or URL-encoded (a form body).
 */
export type SecretEncoding = 'raw' | 'json' | 'form';

const encoders: Record<SecretEncoding, (value: string) => string> = {
  raw: (value) => value,
  json: (value) => JSON.stringify(value).slice(1, -1),
  form: (value) => encodeURIComponent(value),
};

/**
 * The encoding for a request body, from its `content-type` (header names lower-cased): the media type
 * alone, trimmed as the receiving server trims it, so neither surrounding whitespace nor a parameter
 * decides how a secret is written.
 */
export function bodySecretEncoding(headers: Readonly<Record<string, string>>): SecretEncoding {
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (/[/+]json\b/.test(type)) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return 'raw';
}

/**
 * Fills `{{secrets.NAME}}` placeholders with the installation's secret values, encoded for where they
 * stand. An unknown name is `unknown_secret`; the error names the placeholder, never a value.
 */
export function fillSecrets(
  text: string,
  secrets: Readonly<Record<string, string>>,
  encoding: SecretEncoding = 'raw',
): string {
  return text.replace(placeholder, (_match, name: string) => {
    if (!Object.hasOwn(secrets, name)) {
      throw new HostFunctionError('unknown_secret', `no secret named ${name} is configured`);
    }
    return encoders[encoding](secrets[name] as string);
  });
}

/**
 * Removes every secret value from text going back to the plugin: verbatim and in the encodings a
 * server commonly echoes it in (JSON string escaping, URL encoding, base64).
 */
export function createScrubber(secrets: Readonly<Record<string, string>>): (text: string) => string {
  const forms = new Set<string>();
  for (const value of Object.values(secrets)) {
    if (value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
    forms.add(Buffer.from(value).toString('base64').replace(/=+$/, ''));
  }
  // Longest first, so a secret that contains another is removed whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => {
    let scrubbed = text;
    for (const form of ordered) scrubbed = scrubbed.replaceAll(form, redacted);
    return scrubbed;
  };
}
