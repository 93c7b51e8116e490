import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bundleExports } from './bundle-exports.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { manifestMismatch } from './manifest-match.ts';
import { readJson } from './read-json.ts';
import { savedToken, tokenFile } from './saved-token.ts';

export interface PublishOptions {
  /** The API base, such as `http://localhost:3000/api/v1`. */
  url: string;
  token: string;
  manifestFile: string;
  bundleFile: string;
  signatureFile: string;
}

/**
 * POSTs the signed version to `{url}/marketplace/versions`; resolves to the server's answer. Refuses
 * first, sending nothing, a manifest.json other than the manifest built into the bundle.
 */
export async function publishVersion(options: PublishOptions): Promise<unknown> {
  const manifest = await readJson(options.manifestFile);
  const bundle = await readFile(options.bundleFile).catch((error: Error) => {
    throw new CliError(`cannot read ${options.bundleFile}: ${error.message}`);
  });
  const built = bundleExports(bundle.toString('utf8'), options.bundleFile).manifest;
  const mismatch = manifestMismatch(options.manifestFile, manifest, options.bundleFile, built);
  if (mismatch !== undefined) throw new CliError(`publish refused: ${mismatch}`);
  const body = {
    manifest,
    bundle: bundle.toString('base64'),
    signature: (await readFile(options.signatureFile, 'utf8')).trim(),
  };
  const endpoint = `${options.url.replace(/\/+$/, '')}/marketplace/versions`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(`cannot reach ${endpoint}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): report the text as it is.
  }
  if (!response.ok) {
    const { code, message, field } = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<
      string,
      unknown
    >;
    const detail = [code, field && `field ${field}`].filter(Boolean).join(', ');
    throw new CliError(
      `publish refused (${response.status}${detail ? `, ${detail}` : ''}): ${typeof message === 'string' ? message : text}`,
    );
  }
  return answer;
}

export const publishCommand: Command = {
  name: 'publish',
  usage:
    'publish --url http://…/api/v1 [--token $TOKEN] [--manifest manifest.json] [--bundle dist/plugin.js] [--signature signature.jws]',
  summary:
    'upload the signed version to the marketplace (token from --token, KREDO_TOKEN or kredo-plugin login)',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        manifest: { type: 'string', default: 'manifest.json' },
        bundle: { type: 'string', default: 'dist/plugin.js' },
        signature: { type: 'string', default: 'signature.jws' },
      },
    });
    if (!values.url)
      throw new CliError('publish needs --url <API base, such as http://localhost:3000/api/v1>');
    const token = values.token ?? process.env.KREDO_TOKEN ?? (await savedToken(tokenFile()))?.accessToken;
    if (!token)
      throw new CliError(
        'publish needs a partner token: kredo-plugin login first, or --token <token> (or KREDO_TOKEN) with scope marketplace:publish',
      );
    const answer = await publishVersion({
      url: values.url,
      token,
      manifestFile: values.manifest,
      bundleFile: values.bundle,
      signatureFile: values.signature,
    });
    console.log(JSON.stringify(answer, null, 2));
  },
};
