import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResponseToolkit, ServerRoute } from '@hapi/hapi';
import { failures } from '../http/answer-schemas.ts';
import { DomainError } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';

/** Where `pnpm --filter @kredo/portal run build` puts the widget, from this file in the repository. */
export const PORTAL_DIST = fileURLToPath(new URL('../../../portal/dist/', import.meta.url));

const script = Joi.binary()
  .meta({ 'x-content-type': 'text/javascript' })
  .description('The widget, one ES module');
const HASHED = /^kredo-portal\.[0-9a-f]{10}\.js$/;

interface PortalBuild {
  /** The content-hashed file's name (portal/scripts/build.ts writes it in manifest.json). */
  script: string;
  code: Buffer;
}

/**
 * The widget's script for host pages: under its plain name with a short cache (what tenants embed;
 * a new build reaches them within minutes), and under its content hash cached for a year. Any origin
 * may load it (`Access-Control-Allow-Origin: *`: module scripts are fetched with CORS): the script
 * holds no secret; what it may read is decided per tenant on the API's routes.
 */
export function portalScriptRoutes(dist = PORTAL_DIST): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/portal/kredo-portal.js',
      options: {
        id: 'getPortalScript',
        auth: false,
        description: 'The <kredo-portal> widget, current build (cached 5 minutes)',
        response: {
          status: { 200: script, ...failures({ 404: 'The widget is not built (`portal_not_built`)' }) },
        },
      },
      handler: async (_request, h) => scriptAnswer(h, await readBuild(dist), 'public, max-age=300'),
    },
    {
      method: 'GET',
      path: '/portal/{file}',
      options: {
        id: 'getPortalHashedScript',
        auth: false,
        description: 'The <kredo-portal> widget under its content hash (cached for a year)',
        response: {
          status: {
            200: script,
            ...failures({
              404: 'The widget is not built (`portal_not_built`), or not under that name (`portal_script_not_found`)',
            }),
          },
        },
      },
      handler: async (request, h) => {
        const build = await readBuild(dist);
        const file = request.params.file as string;
        if (build && (!HASHED.test(file) || file !== build.script)) {
          throw new DomainError(
            'portal_script_not_found',
            404,
            `No widget build named ${file}: /portal/kredo-portal.js serves the current one`,
          );
        }
        return scriptAnswer(h, build, 'public, max-age=31536000, immutable');
      },
    },
  ];
}

function scriptAnswer(h: ResponseToolkit, build: PortalBuild | undefined, cacheControl: string) {
  if (!build) {
    throw new DomainError(
      'portal_not_built',
      404,
      'The portal widget is not built: run `pnpm --filter @kredo/portal run build` (npm start does it)',
    );
  }
  return h
    .response(build.code)
    .type('text/javascript; charset=utf-8')
    .header('Cache-Control', cacheControl)
    .header('Access-Control-Allow-Origin', '*')
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('X-Content-Type-Options', 'nosniff');
}

/**
 * The current build, read on each request (a few dozen kB): a rebuild is served at once, without
 * restarting core. Undefined when there is none.
 */
async function readBuild(dist: string): Promise<PortalBuild | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as { script: string };
    if (!HASHED.test(manifest.script)) return undefined;
    return { script: manifest.script, code: await readFile(join(dist, manifest.script)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
