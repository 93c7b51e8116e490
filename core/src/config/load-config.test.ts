import { describe, expect, it } from 'vitest';
import { ConfigError, checkAuthSettings, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dbPoolMax: 10,
      logLevel: 'info',
    });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.dataDir).toMatch(/\.kredo$/);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads and converts environment variables', () => {
    const config = loadConfig({
      KREDO_PORT: '8080',
      KREDO_WORKER: 'no',
      DATABASE_URL: 'postgres://u:p@db/kredo',
    });
    expect(config).toMatchObject({ port: 8080, worker: false, databaseUrl: 'postgres://u:p@db/kredo' });
  });

  it('fails at start-up naming every bad variable', () => {
    expect(() =>
      loadConfig({ KREDO_PORT: 'eighty', KREDO_WORKER: 'maybe', DATABASE_URL: 'mysql://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ KREDO_PORT: 'eighty', KREDO_LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/KREDO_PORT: must be a whole number/);
      expect((error as Error).message).toMatch(/KREDO_LOG_LEVEL: must be one of/);
    }
  });

  it('stops at the removed development-token settings rather than ignore them', () => {
    expect(() => loadConfig({ KREDO_DEV_AUTH: '1', KREDO_DEV_AUTH_SECRET: 'x'.repeat(40) })).toThrow(
      /KREDO_DEV_AUTH: removed: core accepts only the identity server's access tokens[\s\S]*KREDO_DEV_AUTH_SECRET: removed/,
    );
    expect(loadConfig({ KREDO_DEV_AUTH: '' }).mode).toBe('production');
  });

  it('takes core’s API resource (the tokens’ audience) from the public URL unless named', () => {
    expect(loadConfig({ KREDO_PUBLIC_URL: 'https://kredo.example/' }).apiResource).toBe(
      'https://kredo.example/api/v1',
    );
    const named = loadConfig({
      KREDO_IDENTITY_ISSUER: 'https://id.kredo.example',
      KREDO_API_RESOURCE: 'urn:kredo:api',
    });
    expect(named).toMatchObject({ identityIssuer: 'https://id.kredo.example', apiResource: 'urn:kredo:api' });
    expect(() => loadConfig({ KREDO_IDENTITY_ISSUER: 'id.kredo.example' })).toThrow(/KREDO_IDENTITY_ISSUER/);
  });

  it('needs the identity server in production mode: without it nobody could sign in', () => {
    expect(() => checkAuthSettings({ mode: 'production', identityIssuer: undefined })).toThrow(ConfigError);
    expect(() => checkAuthSettings({ mode: 'production', identityIssuer: 'https://id' })).not.toThrow();
    expect(() => checkAuthSettings({ mode: 'test', identityIssuer: undefined })).not.toThrow();
  });

  it('takes the DNS servers that verify SSO domains as IP addresses with optional ports', () => {
    expect(loadConfig({}).dnsServers).toEqual([]);
    expect(
      loadConfig({ KREDO_DNS_SERVERS: '192.0.2.53, 127.0.0.1:5353,[2001:db8::53]:53' }).dnsServers,
    ).toEqual(['192.0.2.53', '127.0.0.1:5353', '[2001:db8::53]:53']);
    expect(() => loadConfig({ KREDO_DNS_SERVERS: 'dns.example.com' })).toThrow(/KREDO_DNS_SERVERS/);
  });
});
