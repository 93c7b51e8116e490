import { describe, expect, it } from 'vitest';
import { validateManifest } from './manifest.ts';
import { secretOrigins } from './secret-origins.ts';

const manifest = (config: unknown[], origins = ['https://api.mollie.com', 'https://files.mollie.com']) => ({
  id: 'com.mollie.paylink',
  name: 'Mollie pay links',
  version: '1.0.0',
  publisher: { id: 'com.mollie', name: 'Mollie B.V.' },
  requirements: { core: '^0.1.0' },
  http: { origins },
  config,
});

const secret = (fields: Record<string, unknown> = {}) => ({
  key: 'apiKey',
  type: 'string',
  label: 'API key',
  secret: true,
  ...fields,
});

function errorsOf(input: unknown) {
  const result = validateManifest(input);
  return result.ok ? [] : result.errors;
}

describe('secrets bound to origins', () => {
  it('accepts a secret bound to some of the declared origins, and reads the binding back', () => {
    const bound = manifest([
      secret({ origins: ['https://api.mollie.com'] }),
      { key: 'a', type: 'string', label: 'A' },
    ]);
    const result = validateManifest(bound);
    expect(result.ok).toBe(true);
    if (result.ok) expect(secretOrigins(result.manifest)).toEqual({ apiKey: ['https://api.mollie.com'] });
  });

  it('requires origins on every secret, naming the field', () => {
    expect(errorsOf(manifest([secret()]))).toEqual([
      {
        path: 'config[0].origins',
        message: 'is required on a secret: the origins of http.origins it may be sent to',
      },
    ]);
  });

  it('takes only declared origins, each once, at least one', () => {
    const errors = errorsOf(
      manifest([
        secret({ origins: ['https://api.mollie.com', 'https://evil.example.com', 'https://api.mollie.com'] }),
        secret({ key: 'other', origins: [] }),
        secret({ key: 'third', origins: 'https://api.mollie.com' }),
      ]),
    );
    expect(errors).toEqual([
      {
        path: 'config[0].origins[1]',
        message: 'must be one of https://api.mollie.com, https://files.mollie.com',
      },
      { path: 'config[0].origins[2]', message: 'repeats "https://api.mollie.com"' },
      { path: 'config[1].origins', message: 'must list at least one of http.origins' },
      { path: 'config[2].origins', message: 'must be an array' },
    ]);
  });

  it('says so when the manifest declares no origins at all', () => {
    const { http: _http, ...withoutHttp } = manifest([secret({ origins: ['https://api.mollie.com'] })]);
    expect(errorsOf(withoutHttp)).toEqual([
      { path: 'config[0].origins[0]', message: 'must be one of http.origins, which declares none' },
    ]);
  });

  it('refuses origins on a setting that is not a secret', () => {
    expect(
      errorsOf(manifest([{ key: 'a', type: 'string', label: 'A', origins: ['https://api.mollie.com'] }])),
    ).toEqual([{ path: 'config[0].origins', message: 'is only allowed on secret fields' }]);
  });
});
