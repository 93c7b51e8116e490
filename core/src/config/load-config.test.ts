import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      devAuth: false,
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
      KREDO_DEV_AUTH: 'yes',
      DATABASE_URL: 'postgres://u:p@db/kredo',
    });
    expect(config).toMatchObject({ port: 8080, devAuth: true, databaseUrl: 'postgres://u:p@db/kredo' });
  });

  it('fails at start-up naming every bad variable', () => {
    expect(() =>
      loadConfig({ KREDO_PORT: 'eighty', KREDO_DEV_AUTH: 'maybe', DATABASE_URL: 'mysql://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ KREDO_PORT: 'eighty', KREDO_LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/KREDO_PORT: must be a whole number/);
      expect((error as Error).message).toMatch(/KREDO_LOG_LEVEL: must be one of/);
    }
  });

  it('refuses a development secret that is too short', () => {
    expect(() => loadConfig({ KREDO_DEV_AUTH_SECRET: 'short' })).toThrow(/at least 32/);
  });
});
