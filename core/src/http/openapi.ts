import type { RequestRoute, Server } from '@hapi/hapi';
import joiToJson from 'joi-to-json';
import type { Schema } from '../shared/joi.ts';

const parse = joiToJson as unknown as (schema: Schema, type: 'open-api') => unknown;

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};

/**
 * Builds the OpenAPI 3.0 document from the routes themselves (their joi validation, scopes and
 * descriptions), so the reference cannot drift from what the server checks.
 */
export function buildOpenApi(server: Server, info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of server.table()) {
    const settings = route.settings;
    if (!settings.tags?.includes('api')) continue;
    const path = route.path.replace(/\{(\w+)\??\}/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Kredo API',
      version: info.version,
      description:
        'Credit management: administrations, debtors, invoices, payments and imports. Amounts are integer minor units. ' +
        'Authenticate with a bearer access token; each operation lists the scopes it needs.',
    },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            statusCode: { type: 'integer' },
            error: { type: 'string' },
            message: { type: 'string', description: 'Names the field or rule that was broken' },
            code: { type: 'string', description: 'Stable machine-readable error code' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

function operation(route: RequestRoute) {
  const settings = route.settings;
  const validate = settings.validate ?? {};
  const auth = settings.auth as unknown as
    | { access?: { scope?: { selection?: string[] } }[] }
    | false
    | undefined;
  const scopes = auth || undefined;
  const required = scopes?.access?.flatMap((a) => a.scope?.selection ?? []) ?? [];
  const parameters = [
    ...asParameters(validate.params as Schema | undefined, 'path'),
    ...asParameters(validate.query as Schema | undefined, 'query'),
    ...asParameters(validate.headers as Schema | undefined, 'header'),
  ];
  const payload = validate.payload as Schema | undefined;
  const tag = settings.tags?.find((t) => t !== 'api');
  return {
    summary: settings.description,
    ...(settings.notes ? { description: [settings.notes].flat().join('\n') } : {}),
    ...(tag ? { tags: [tag] } : {}),
    ...(auth === false ? { security: [] } : { 'x-required-scopes': required }),
    ...(parameters.length ? { parameters } : {}),
    ...(payload && typeof payload.describe === 'function'
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: parse(payload, 'open-api') } },
          },
        }
      : {}),
    responses: {
      [route.method === 'post' ? '201' : '200']: { description: 'Success' },
      '400': { description: 'Invalid input; the message names the field', content: errorContent },
      ...(auth === false
        ? {}
        : {
            '401': { description: 'Missing or invalid token' },
            '403': { description: `Needs scope ${required.join(' or ')}` },
          }),
      '404': { description: 'Not found', content: errorContent },
    },
  };
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function asParameters(schema: Schema | undefined, where: 'path' | 'query' | 'header') {
  if (!schema || typeof schema.describe !== 'function') return [];
  const json = parse(schema, 'open-api') as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}
