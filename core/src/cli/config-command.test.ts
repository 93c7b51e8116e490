import { describe, expect, it } from 'vitest';
import { effectiveSettings } from './config-command.ts';

const setting = (env: NodeJS.ProcessEnv, name: string) => effectiveSettings(env).find((s) => s.env === name);

describe('kredo config', () => {
  it('shows what the environment sets, and where each value comes from', () => {
    const env = { KREDO_PORT: '3999', KREDO_CALLER_CWD: '/srv/kredo' };
    expect(setting(env, 'KREDO_PORT')).toMatchObject({ value: '3999', from: 'environment', invalid: false });
    expect(setting(env, 'KREDO_HOST')).toMatchObject({ value: '127.0.0.1', from: 'default' });
    // Defaults as Kredo resolves them: the public URL from host and port, the data directory a path.
    expect(setting(env, 'KREDO_PUBLIC_URL')).toMatchObject({
      value: 'http://127.0.0.1:3999',
      from: 'default',
    });
    expect(setting(env, 'KREDO_DATA_DIR')?.value).toMatch(/^\/.*\.kredo$/);
    // A relative data directory is where the command was typed, not the repository root.
    expect(setting({ ...env, KREDO_DATA_DIR: 'state' }, 'KREDO_DATA_DIR')).toMatchObject({
      value: '/srv/kredo/state',
      from: 'environment',
    });
  });

  it('masks secrets: only that they are set, and a database URL without its password', () => {
    const env = {
      DATABASE_URL: 'postgres://kredo:pa55word@db.internal:5432/kredo',
      KREDO_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(setting(env, 'DATABASE_URL')?.value).toBe('postgres://kredo:***@db.internal:5432/kredo');
    expect(setting(env, 'KREDO_SECRETS_KEY')?.value).toBe('set, hidden');
    expect(JSON.stringify(effectiveSettings(env))).not.toMatch(/pa55word|BwcHBwcH/);
  });

  it('names an invalid value, and still shows the rest', () => {
    const all = effectiveSettings({ KREDO_PORT: 'http', KREDO_HOST: '0.0.0.0' });
    expect(all.find((s) => s.env === 'KREDO_PORT')).toMatchObject({
      value: 'invalid: must be a whole number from 0 to 65535',
      invalid: true,
    });
    expect(all.find((s) => s.env === 'KREDO_HOST')).toMatchObject({ value: '0.0.0.0', from: 'environment' });
    expect(all.filter((s) => s.invalid)).toHaveLength(1);
  });
});
