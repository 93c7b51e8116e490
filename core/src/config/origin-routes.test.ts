import { describe, expect, it } from 'vitest';
import { startKredo } from '../app/kredo-app.ts';
import { ConfigError, loadConfig } from './load-config.ts';

const routes =
  'https://api.mollie.com=http://127.0.0.1:4567, https://connect.creditsafe.com=http://127.0.0.1:4568/';
const allowPrivate = { KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: '1' };

describe('KREDO_PLUGIN_ORIGIN_ROUTES', () => {
  it('is read in test or demo mode, with private networks allowed, as origin to origin', () => {
    for (const mode of ['test', 'demo']) {
      const config = loadConfig({ KREDO_PLUGIN_ORIGIN_ROUTES: routes, KREDO_MODE: mode, ...allowPrivate });
      expect(config.pluginOriginRoutes).toEqual({
        'https://api.mollie.com': 'http://127.0.0.1:4567',
        'https://connect.creditsafe.com': 'http://127.0.0.1:4568',
      });
    }
    expect(loadConfig({}).pluginOriginRoutes).toBeUndefined();
    expect(loadConfig({}).mode).toBe('production');
  });

  it('refuses to start in production mode, saying what it is for', () => {
    expect(() => loadConfig({ KREDO_PLUGIN_ORIGIN_ROUTES: routes, ...allowPrivate })).toThrow(ConfigError);
    expect(() => loadConfig({ KREDO_PLUGIN_ORIGIN_ROUTES: routes, ...allowPrivate })).toThrow(
      /KREDO_PLUGIN_ORIGIN_ROUTES: development and tests only .* pnpm kredo start --demo or KREDO_MODE=test/,
    );
  });

  it('needs private networks allowed, since the fakes are local', () => {
    expect(() => loadConfig({ KREDO_PLUGIN_ORIGIN_ROUTES: routes, KREDO_MODE: 'test' })).toThrow(
      /needs KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS=1/,
    );
  });

  it.each([
    ['https://api.mollie.com', 'is not <manifest origin>=<local origin>'],
    ['https://api.mollie.com=http://127.0.0.1:1=2', 'is not <manifest origin>=<local origin>'],
    ['https://api.mollie.com/v2=http://127.0.0.1:4567', 'is not an http(s) origin'],
    ['https://api.mollie.com=http://127.0.0.1:4567/elsewhere', 'is not an http(s) origin'],
    ['https://api.mollie.com=file:///etc/passwd', 'is not an http(s) origin'],
    ['https://api.mollie.com=http://user:pw@127.0.0.1:4567', 'is not an http(s) origin'],
    [' , ', 'names no route'],
  ])('refuses %j', (value, problem) => {
    expect(() =>
      loadConfig({ KREDO_PLUGIN_ORIGIN_ROUTES: value, KREDO_MODE: 'test', ...allowPrivate }),
    ).toThrow(problem);
  });

  it('KREDO_MODE takes production, demo or test only', () => {
    expect(() => loadConfig({ KREDO_MODE: 'development' })).toThrow(/KREDO_MODE: must be one of/);
  });

  it('startKredo refuses a config given routes after loading, before it opens anything', async () => {
    const config = {
      ...loadConfig({}),
      pluginOriginRoutes: { 'https://api.mollie.com': 'http://127.0.0.1:1' },
    };
    await expect(startKredo(config)).rejects.toThrow(ConfigError);
  });
});
