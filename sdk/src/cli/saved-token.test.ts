import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { savedToken, saveToken, tokenFile } from './saved-token.ts';

describe('the token kredo-plugin login saves', () => {
  it('lives in the configuration directory, not the project, unless KREDO_PLUGIN_TOKEN_FILE says where', () => {
    expect(tokenFile({ XDG_CONFIG_HOME: '/home/ada/.config' })).toBe(
      '/home/ada/.config/kredo-plugin/token.json',
    );
    expect(tokenFile({ KREDO_PLUGIN_TOKEN_FILE: '/tmp/t.json', XDG_CONFIG_HOME: '/x' })).toBe('/tmp/t.json');
  });

  it('is written for its owner only and read back while it has a minute left; an expired one says to log in again', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'kredo-token-')), 'sub', 'token.json');
    expect(await savedToken(file)).toBeUndefined();
    const now = Date.parse('2026-12-07T12:00:00Z');
    const token = {
      issuer: 'http://id/',
      accessToken: 'a.b.c',
      publisher: 'com.example',
      expiresAt: now / 1000 + 3600,
    };
    await saveToken(file, token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await savedToken(file, now)).toEqual(token);
    await expect(savedToken(file, now + 3600_000 - 30_000)).rejects.toThrow('run kredo-plugin login again');
  });
});
