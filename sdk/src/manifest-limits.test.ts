import { describe, expect, it } from 'vitest';
import { validateManifest } from './manifest.ts';
import { MANIFEST_LIMITS } from './manifest-limits.ts';

const base = {
  id: 'com.example.big',
  name: 'Big',
  version: '1.0.0',
  publisher: { id: 'com.example', name: 'Example' },
  requirements: { core: '^0.1.0' },
};

function errorsOf(input: unknown) {
  const result = validateManifest(input);
  return result.ok ? [] : result.errors;
}

const origins = (n: number) => Array.from({ length: n }, (_, i) => `https://api${i}.example.com`);

describe('manifest size limits', () => {
  it('refuses 3,000 origins by the limit, without checking each one', () => {
    expect(errorsOf({ ...base, http: { origins: origins(3000) } })).toEqual([
      {
        path: '',
        message: expect.stringMatching(/^is \d+ bytes as canonical JSON; at most 65536/),
        limit: 'bytes',
      },
      {
        path: 'http.origins',
        message: 'lists 3000 entries; at most 20 are allowed (limit origins)',
        limit: 'origins',
      },
    ]);
  });

  it('accepts every list at its limit', () => {
    const manifest = {
      ...base,
      http: { origins: origins(MANIFEST_LIMITS.origins) },
      config: Array.from({ length: MANIFEST_LIMITS.configFields }, (_, i) => ({
        key: `k${i}`,
        type: 'select',
        label: 'K',
        options: Array.from({ length: i === 0 ? MANIFEST_LIMITS.options : 1 }, (_, j) => ({
          value: `${j}`,
          label: 'V',
        })),
      })),
      webhooks: Array.from({ length: MANIFEST_LIMITS.webhooks }, (_, i) => ({ name: `w${i}` })),
    };
    expect(validateManifest(manifest).ok).toBe(true);
  });

  it.each([
    ['http.origins', { http: { origins: origins(21) } }, 'origins'],
    ['hooks', { hooks: Array(33).fill({ name: 'invoice.overdue', kind: 'event' }) }, 'hooks'],
    ['capabilities', { capabilities: Array(17).fill('payLink') }, 'capabilities'],
    ['scopes', { scopes: Array(33).fill('invoices:read') }, 'scopes'],
    ['config', { config: Array(51).fill({ key: 'a', type: 'string', label: 'A' }) }, 'configFields'],
    ['webhooks', { webhooks: Array(21).fill({ name: 'w' }) }, 'webhooks'],
    [
      'config[0].options',
      {
        config: [
          { key: 'a', type: 'select', label: 'A', options: Array(101).fill({ value: 'v', label: 'V' }) },
        ],
      },
      'options',
    ],
    [
      'config[0].origins',
      {
        config: [
          { key: 'a', type: 'string', label: 'A', secret: true, origins: Array(21).fill('https://x.com') },
        ],
      },
      'secretOrigins',
    ],
  ])('refuses too many %s, naming the limit', (path, fields, limit) => {
    const errors = errorsOf({ ...base, ...fields });
    expect(errors).toEqual([{ path, message: expect.stringContaining(`(limit ${limit})`), limit }]);
  });

  it('refuses a manifest over the byte limit, naming it', () => {
    const errors = errorsOf({ ...base, name: 'x'.repeat(MANIFEST_LIMITS.bytes) });
    expect(errors).toEqual([{ path: '', message: expect.stringContaining('(limit bytes)'), limit: 'bytes' }]);
  });
});
