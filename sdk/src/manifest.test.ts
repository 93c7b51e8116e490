import { describe, expect, it } from 'vitest';
import { type PluginManifest, satisfiesCore, validateManifest } from './manifest.ts';

const valid: PluginManifest = {
  id: 'com.mollie.paylink',
  name: 'Mollie pay links',
  version: '1.2.0',
  publisher: { id: 'com.mollie', name: 'Mollie B.V.', url: 'https://www.mollie.com' },
  requirements: { core: '^0.1.0' },
  capabilities: ['payLink'],
  hooks: [
    { name: 'reminder.compose', kind: 'filter', priority: 10 },
    { name: 'payment.received', kind: 'event' },
  ],
  scopes: ['debtors:read', 'invoices:read', 'payments:read', 'payments:write'],
  http: { origins: ['https://api.mollie.com'] },
  config: [
    {
      key: 'apiKey',
      type: 'string',
      label: 'API key',
      required: true,
      secret: true,
      origins: ['https://api.mollie.com'],
    },
    {
      key: 'mode',
      type: 'select',
      label: 'Mode',
      options: [
        { value: 'live', label: 'Live' },
        { value: 'test', label: 'Test' },
      ],
    },
  ],
  webhooks: [{ name: 'payment-status' }],
};

/** The manifest with `patch` applied to a deep copy; a key set to undefined is removed. */
function withPatch(patch: (m: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(valid) as unknown as Record<string, unknown>;
  patch(copy);
  return copy;
}

function errorsOf(input: unknown) {
  const result = validateManifest(input);
  if (result.ok) throw new Error('expected the manifest to be rejected');
  return result.errors;
}

describe('validateManifest', () => {
  it('accepts a complete manifest and returns a copy', () => {
    const result = validateManifest(valid);
    expect(result).toEqual({ ok: true, manifest: valid });
    if (result.ok) expect(result.manifest).not.toBe(valid);
  });

  it('accepts a minimal manifest', () => {
    const minimal = {
      id: 'nl.acme.bureau',
      name: 'Bureau',
      version: '0.1.0',
      publisher: { id: 'nl.acme', name: 'Acme' },
      requirements: { core: '>=0.1.0 <1' },
    };
    expect(validateManifest(minimal).ok).toBe(true);
  });

  it('rejects what is not an object', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(errorsOf([])).toEqual([{ path: '', message: 'must be an object' }]);
  });

  it('names every missing required field', () => {
    expect(errorsOf({}).map((e) => e.path)).toEqual(['id', 'name', 'version', 'publisher', 'requirements']);
    expect(
      errorsOf(
        withPatch((m) => {
          m.publisher = {};
          m.requirements = {};
        }),
      ).map((e) => e.path),
    ).toEqual(['publisher.id', 'publisher.name', 'requirements.core']);
  });

  it('rejects unknown keys at the top level and inside', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.permissions = ['all'];
        m.publisher = { id: 'com.mollie', name: 'X', email: 'a@b' };
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['permissions', 'publisher.email']);
  });

  it.each([
    ['Com.Mollie.Paylink'],
    ['mollie'],
    ['com..mollie'],
    ['com.mollie.'],
    ['1com.mollie'],
    ['com.mollie pay'],
  ])('rejects the id %s', (id) => {
    expect(
      errorsOf(
        withPatch((m) => {
          m.id = id;
        }),
      ).map((e) => e.path),
    ).toEqual(['id']);
  });

  it.each([['v1.0.0'], ['1.0'], ['latest'], [1]])('rejects the version %s', (version) => {
    expect(
      errorsOf(
        withPatch((m) => {
          m.version = version;
        }),
      ),
    ).toEqual([{ path: 'version', message: 'must be a semantic version such as 1.0.0 (no leading v)' }]);
  });

  it.each([[''], ['not a range'], ['^^1'], [5]])('rejects the core range %s', (core) => {
    expect(
      errorsOf(
        withPatch((m) => {
          m.requirements = { core };
        }),
      ).map((e) => e.path),
    ).toEqual(['requirements.core']);
  });

  it('rejects an http publisher url', () => {
    expect(
      errorsOf(
        withPatch((m) => {
          m.publisher = { id: 'com.mollie', name: 'Mollie', url: 'http://mollie.com' };
        }),
      ),
    ).toEqual([{ path: 'publisher.url', message: 'must be an https URL' }]);
  });

  it('rejects unknown and repeated capabilities and scopes', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.capabilities = ['payLink', 'teleport', 'payLink'];
        m.scopes = ['invoices:read', 'debtors:write'];
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['capabilities[1]', 'capabilities[2]', 'scopes[1]']);
    expect(errors[1]?.message).toBe('repeats "payLink"');
  });

  it('checks each hook against the catalogue', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.hooks = [
          { name: 'reminder.compose', kind: 'event' },
          { name: 'invoice.deleted', kind: 'event' },
          { name: 'invoice.overdue', kind: 'event', priority: 1.5 },
          { name: 'invoice.overdue', kind: 'event' },
          { name: 'debtor.created' },
        ];
      }),
    );
    expect(errors).toEqual([
      { path: 'hooks[0].kind', message: 'must be filter: reminder.compose is a filter hook' },
      { path: 'hooks[1].name', message: expect.stringContaining('must be a known hook') },
      { path: 'hooks[2].priority', message: 'must be an integer from -1000 to 1000' },
      { path: 'hooks[3].name', message: 'repeats "invoice.overdue"' },
      { path: 'hooks[4].kind', message: 'is required' },
    ]);
  });

  it('names the exact origin that breaks a rule', () => {
    const origins = [
      'https://api.mollie.com',
      'http://api.mollie.com',
      'https://api.mollie.com/v2',
      'https://user:pw@api.mollie.com',
      'https://127.0.0.1',
      'https://0x7f.1',
      'https://[::1]',
      'https://localhost',
      'https://app.localhost',
      'https://intranet',
      'https://*.mollie.com',
      'https://api.mollie.com/',
      'https://API.mollie.com',
      'https://api.mollie.com?x=1',
      'api.mollie.com',
      'https://api.mollie.com',
      'https://api.mollie.com:8443',
    ];
    const errors = errorsOf(
      withPatch((m) => {
        m.http = { origins };
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => `http.origins[${i}]`),
    );
    const byIndex = (i: number) => errors.find((e) => e.path === `http.origins[${i}]`)?.message;
    expect(byIndex(1)).toBe('must use https');
    expect(byIndex(3)).toBe('must not contain credentials');
    expect(byIndex(5)).toBe('must be a host name, not an IP address');
    expect(byIndex(6)).toBe('must be a host name, not an IP address');
    expect(byIndex(8)).toBe('must not be localhost');
    expect(byIndex(9)).toBe('must be a public DNS name');
    expect(byIndex(15)).toBe('repeats "https://api.mollie.com"');
  });

  it('checks config fields: types, secrets only on strings, options only and always on selects, unique keys', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.config = [
          { key: 'api-key', type: 'string', label: 'API key' },
          { key: 'limit', type: 'number', label: 'Limit', secret: true },
          { key: 'mode', type: 'select', label: 'Mode' },
          { key: 'region', type: 'select', label: 'Region', options: [] },
          { key: 'flag', type: 'boolean', label: 'Flag', options: [{ value: 'a', label: 'A' }] },
          {
            key: 'tier',
            type: 'select',
            label: 'Tier',
            options: [
              { value: 'a', label: 'A' },
              { value: 'a', label: 'B' },
            ],
          },
          { key: 'limit', type: 'date', label: '', required: 'yes' },
        ];
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'config[0].key',
      'config[1].secret',
      'config[2].options',
      'config[3].options',
      'config[4].options',
      'config[5].options[1].value',
      'config[6].type',
      'config[6].label',
      'config[6].required',
      'config[6].key',
    ]);
  });

  it('checks webhook names', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.webhooks = [{ name: 'Payment_Status' }, { name: 'ok' }, { name: 'ok' }, 'x'];
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['webhooks[0].name', 'webhooks[2].name', 'webhooks[3]']);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(
      withPatch((m) => {
        m.id = 'X';
        m.version = 'one';
        m.http = { origins: ['http://a.com'] };
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['id', 'version', 'http.origins[0]', 'config[0].origins[0]']);
  });
});

describe('plugin ids belong to their publisher', () => {
  it('accepts an id under the publisher id, at any depth', () => {
    for (const id of ['com.mollie.paylink', 'com.mollie.pay.links', 'com.mollie.x-1']) {
      expect(validateManifest({ ...valid, id }).ok, id).toBe(true);
    }
  });

  it.each([['com.molliepay.links'], ['com.other.paylink'], ['com.mollie']])(
    'refuses the id %s outside the publisher com.mollie',
    (id) => {
      expect(errorsOf({ ...valid, id })).toEqual([
        {
          path: 'id',
          message:
            'must start with the publisher id and a dot (com.mollie.…): a plugin id belongs to its publisher',
        },
      ]);
    },
  );

  it.each([['mollie'], ['Com.Mollie'], ['com..mollie'], ['com.mollie.'], ['1com.mollie']])(
    'refuses the publisher id %s: a domain, reversed',
    (id) => {
      expect(errorsOf({ ...valid, publisher: { id, name: 'Mollie' } }).map((e) => e.path)).toEqual([
        'publisher.id',
      ]);
    },
  );
});

describe('satisfiesCore', () => {
  it('matches the core version against requirements.core', () => {
    expect(satisfiesCore(valid, '0.1.0')).toBe(true);
    expect(satisfiesCore(valid, '0.1.7')).toBe(true);
    expect(satisfiesCore(valid, '0.2.0')).toBe(false);
    expect(satisfiesCore({ requirements: { core: '>=0.1.0' } }, '0.3.0-beta.1')).toBe(true);
  });

  it('fails fast on a core version that is not semver', () => {
    expect(() => satisfiesCore(valid, 'dev')).toThrow(/not a semver version/);
  });
});

describe('hook scopes', () => {
  it('asks for the scopes to read what a hook hands the plugin', () => {
    const result = validateManifest({ ...valid, scopes: ['invoices:read', 'payments:write'] });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'hooks[0].name',
          message: 'reminder.compose hands the plugin what debtors:read covers: add "debtors:read" to scopes',
        },
        {
          path: 'hooks[1].name',
          message:
            'payment.received hands the plugin what payments:read covers: add "payments:read" to scopes',
        },
      ],
    });
  });
});
