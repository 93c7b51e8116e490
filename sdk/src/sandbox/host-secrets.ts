import { HostFunctionError } from './host-error.ts';

const placeholder = /\{\{\s*secrets\.([A-Za-z0-9_-]+)\s*\}\}/g;

/** An installation's secrets: their values, and the origins each may be sent to. */
export interface BoundSecrets {
  values: Readonly<Record<string, string>>;
  /** By secret name: the manifest origins it is bound to (`config[].origins`, as the tenant granted them). */
  origins: Readonly<Record<string, readonly string[]>>;
}

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
 * Fills `{{secrets.NAME}}` placeholders in text bound for `origin`, encoded for where they stand.
 * `origin` is the manifest origin the plugin asked for, judged before any development routing. A
 * secret not bound to it is `secret_origin_denied`; an unknown name is `unknown_secret`. Errors name
 * the secret and the origin, never a value.
 */
export function fillSecrets(
  text: string,
  secrets: BoundSecrets,
  origin: string,
  encoding: SecretEncoding = 'raw',
): string {
  return text.replace(placeholder, (_match, name: string) => {
    const configured = Object.hasOwn(secrets.values, name);
    const bound = Object.hasOwn(secrets.origins, name) ? (secrets.origins[name] ?? []) : undefined;
    if (!configured && bound === undefined) {
      throw new HostFunctionError('unknown_secret', `no secret named ${name} is configured`);
    }
    if (!bound?.includes(origin)) {
      const where = bound && bound.length > 0 ? `only to ${bound.join(', ')}` : 'to no origin';
      throw new HostFunctionError(
        'secret_origin_denied',
        `the secret ${name} may not be sent to ${origin}: its manifest binds it ${where}`,
      );
    }
    if (!configured) throw new HostFunctionError('unknown_secret', `no secret named ${name} is configured`);
    return encoders[encoding](secrets.values[name] as string);
  });
}
