import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureManifest, fixtureProject } from './fixture-project.ts';
import { publishVersion } from './publish.ts';

interface Recorded {
  method?: string;
  url?: string;
  authorization?: string;
  body: unknown;
}

/** A marketplace stand-in that records each request and answers with `status` and `answer`. */
async function fakeMarketplace(status: number, answer: unknown) {
  const requests: Recorded[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    requests.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      body: JSON.parse(text),
    });
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/` };
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A bundle as `kredo-plugin build` leaves it: hooks, and the manifest it was built with. */
const bundle = `globalThis.__kredo = { hooks: {}, manifest: ${JSON.stringify(fixtureManifest)} };\n`;

async function project() {
  const dir = await fixtureProject({
    'manifest.json': JSON.stringify(fixtureManifest),
    'dist/plugin.js': bundle,
    'signature.jws': 'aaa.bbb.ccc\n',
  });
  return {
    manifestFile: path.join(dir, 'manifest.json'),
    bundleFile: path.join(dir, 'dist/plugin.js'),
    signatureFile: path.join(dir, 'signature.jws'),
  };
}

describe('publishVersion', () => {
  it('posts manifest, base64 bundle and signature with the token, and returns the answer', async () => {
    const marketplace = await fakeMarketplace(201, { pluginId: 'com.example.fixture', version: '1.2.0' });
    const answer = await publishVersion({ ...(await project()), url: marketplace.url, token: 'tok' });

    expect(answer).toEqual({ pluginId: 'com.example.fixture', version: '1.2.0' });
    expect(marketplace.requests).toEqual([
      {
        method: 'POST',
        url: '/api/v1/marketplace/versions',
        authorization: 'Bearer tok',
        body: {
          manifest: fixtureManifest,
          bundle: Buffer.from(bundle).toString('base64'),
          signature: 'aaa.bbb.ccc',
        },
      },
    ]);
  });

  it("fails with the server's code and message on a 4xx", async () => {
    const marketplace = await fakeMarketplace(409, {
      statusCode: 409,
      code: 'version_exists',
      message: 'com.example.fixture@1.2.0 is already published',
    });
    await expect(
      publishVersion({ ...(await project()), url: marketplace.url, token: 'tok' }),
    ).rejects.toThrow(
      'publish refused (409, version_exists): com.example.fixture@1.2.0 is already published',
    );
  });
});
