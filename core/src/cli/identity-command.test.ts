import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { cliNodeArgs } from './test-cli.ts';

// `kredo identity partner invite` as an operator runs it: a process on Kredo's database, the
// invitation mailed over real SMTP. Processes are slow to start on a loaded machine (see the other
// CLI tests), hence the timeout.
const CLI_TEST_TIMEOUT_MS = 120_000;

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { db } = await createTestApi();
const smtp = await startTestSmtp();
afterAll(() => smtp.close());
const ISSUER = 'https://id.example.com';

async function kredo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, cliNodeArgs(...args), {
      cwd: join(here, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        KREDO_LOG_LEVEL: 'silent',
        KREDO_SMTP_URL: smtp.url,
        KREDO_MAIL_FROM: 'Kredo <kredo@example.com>',
        KREDO_IDENTITY_PUBLIC_URL: ISSUER,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const invite = ['identity', 'partner', 'invite', '--publisher', 'com.example', '--email', 'ada@example.com'];

describe('kredo identity partner invite', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it("invites a publisher's first partner and mails the invitation; a second time is refused", async () => {
    const first = await kredo(
      ...invite,
      '--name',
      'Ada',
      '--publisher-name',
      'Example B.V.',
      '--language',
      'de',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /Invited ada@example\.com \(usr_[0-9a-f]{24}\) as a partner of com\.example\./,
    );
    expect(first.stdout).toContain('The invitation is mailed');
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('ada@example.com'));
    expect(mail?.subject).toBe('Ihre Einladung zu Kredo');
    expect(mail?.text).toContain(`${ISSUER}/account/invitation/`);
    // The link is in the mail only, never on the terminal.
    expect(first.stdout).not.toContain('/account/invitation/');

    const again = await kredo(...invite, '--name', 'Ada');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--email is already a partner of this publisher');
  });

  it('names the flag that is missing or wrong', async () => {
    const noName = await kredo(...invite);
    expect([noName.code, noName.stderr]).toEqual([2, expect.stringContaining('--name is required')]);
    const badPublisher = await kredo(
      'identity',
      'partner',
      'invite',
      '--publisher',
      'Example',
      '--name',
      'X',
    );
    expect(badPublisher.stderr).toContain('--publisher must be a reversed domain');
  });
});
