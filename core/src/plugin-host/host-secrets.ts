import { HostFunctionError } from './host-error.ts';

const placeholder = /\{\{\s*secrets\.([A-Za-z0-9_-]+)\s*\}\}/g;
const redacted = '[redacted]';

/**
 * Fills `{{secrets.NAME}}` placeholders with the installation's secret values. An unknown name is
 * `unknown_secret`; the error names the placeholder, never a value.
 */
export function fillSecrets(text: string, secrets: Readonly<Record<string, string>>): string {
  return text.replace(placeholder, (_match, name: string) => {
    if (!Object.hasOwn(secrets, name)) {
      throw new HostFunctionError('unknown_secret', `no secret named ${name} is configured`);
    }
    return secrets[name] as string;
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
