import type { RequestRoute, Server } from '@hapi/hapi';
import type { Schema } from '../shared/joi.ts';
import { errorAnswer } from './answer-schemas.ts';
import { type JsonSchema, OpenApiSchemas } from './openapi-schema.ts';
import { requiredScopes, routeAnswers } from './route-answers.ts';

/**
 * Builds the OpenAPI 3.0 document from the routes themselves: their ids, joi validation, declared
 * answers (http/route-answers.ts), scopes and descriptions, so the reference cannot drift from what
 * the server checks and answers. Routes tagged `api` are listed.
 */
export function buildOpenApi(server: Server, info: { version: string; serverUrl: string }) {
  const schemas = new OpenApiSchemas();
  schemas.toJson(errorAnswer);
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const route of server.table()) {
    if (!route.settings.tags?.includes('api')) continue;
    const path = route.path.replace(/\{(\w+)\??\}/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method] = operation(route, schemas);
    for (const tag of route.settings.tags) if (tag !== 'api') tags.add(tag);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Kredo API',
      version: info.version,
      description:
        'Credit management: administrations, debtors, invoices, payments, imports and the plugins that extend them. ' +
        'Amounts are integer minor units. Authenticate with a bearer access token; each operation lists the scopes ' +
        'it needs in `x-required-scopes`.',
      license: { name: 'AGPL-3.0-only', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    servers: [{ url: info.serverUrl }],
    tags: [...tags].sort().map((name) => {
      const description = TAGS[name];
      if (!description) throw new Error(`Tag ${name} has no description in http/openapi.ts`);
      return { name, description };
    }),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: sorted(schemas.components),
    },
    security: [{ bearer: [] }],
    paths,
  };
}

/** What each group of routes (a route's tag besides `api`) is about. */
const TAGS: Record<string, string> = {
  administrations:
    "A tenant's ledgers or legal entities, each with its currency, time zone and payment term, and what its reminders need: sender, bank account, logo",
  dunning:
    'Dunning: strategies (action paths) and segments, runs and their preview, the actions they decide and their delivery (letters as PDF), holds, and the statutory interest rates of late-payment charges',
  debtors:
    'Debtors with their contacts and groups, and what plugins did for them: credit checks, pay links, collection cases, cover, messages',
  invoices: 'Invoices and credit notes with their open amounts, and their PDF copies',
  payments: 'Payments and their allocations to invoices and credit notes; reversing and reallocating them',
  reconciliation:
    'The reconciliation queue: bank statement entries that matching could not place with confidence, matched, split, ignored or unmatched by a person',
  imports: 'Files from the ERP: debtor and invoice CSV, UBL 2.1 invoices',
  'bank-statements':
    'Bank statements (CAMT.053 versions 2 to 13, MT940) imported by the bank’s own keys, their entries, and the accounts they belong to',
  marketplace: 'Signed plugin versions, their publishers and signing keys',
  disputes:
    'Disputes about invoices: types with acknowledgement templates, due dates in working days, escalation, resolution',
  insight:
    'KPIs and ageing of the receivables per currency: count-back DSO, best possible DSO, average days delinquent, CEI, overdue share, promises kept, disputes; and their daily snapshots',
  reports:
    'Ageing, KPI and cash-flow forecast reports as CSV, XLSX and PDF (with charts), and schedules that mail them',
  promises:
    'Promises to pay and payment plans (instalments), monitored against the payments; their grace days and limits',
  plugins: "A tenant's installed plugins: settings, upgrades, event deliveries, logs and inbound webhooks",
  tasks:
    "The collectors' action list: tasks with their debtor's overdue position, outcomes, bulk reassignment",
  notes: 'Notes on debtors and their invoices, pinned ones first',
  identity:
    "The tenant's API clients (client credentials for integrations) and its audit log, kept by the identity server",
  forecast:
    'The 13-week cash-flow forecast (expected receipts per day or week) and, afterwards, its accuracy against what arrived',
  portal:
    'The debtor portal: sessions a tenant’s backend mints for one debtor, and what <kredo-portal> does with them',
};

function operation(route: RequestRoute, schemas: OpenApiSchemas) {
  const settings = route.settings;
  if (!settings.id)
    throw new Error(`${route.method.toUpperCase()} ${route.path} has no id (its operationId)`);
  const validate = settings.validate ?? {};
  const scopes = requiredScopes(route);
  const parameters = [
    ...asParameters(schemas, validate.params as Schema | undefined, 'path'),
    ...asParameters(schemas, validate.query as Schema | undefined, 'query'),
    ...asParameters(schemas, validate.headers as Schema | undefined, 'header'),
  ];
  const tag = settings.tags?.find((t) => t !== 'api');
  const body = requestBody(route, schemas);
  return {
    operationId: settings.id,
    summary: settings.description,
    ...(settings.notes ? { description: [settings.notes].flat().join('\n') } : {}),
    ...(tag ? { tags: [tag] } : {}),
    ...(scopes ? { 'x-required-scopes': scopes } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries(
      [...routeAnswers(route)].map(([status, answer]) => [
        String(status),
        {
          description: answer.description,
          ...(answer.failure
            ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
            : answer.schema
              ? { content: content(schemas, answer.schema) }
              : {}),
        },
      ]),
    ),
  };
}

/**
 * A body's media type, JSON unless the schema names another (`x-content-type`, e.g. a PDF; a list when
 * the request chooses, as a report's `format` does), and its schema, without the description the
 * answer already carries.
 */
function content(schemas: OpenApiSchemas, schema: Schema) {
  const { 'x-content-type': type, description: _, ...json } = schemas.toJson(schema);
  const only = json.allOf as JsonSchema[] | undefined;
  const body = only?.length === 1 && Object.keys(json).length === 1 ? (only[0] as JsonSchema) : json;
  const types = Array.isArray(type)
    ? (type as string[])
    : [typeof type === 'string' ? type : 'application/json'];
  return Object.fromEntries(types.map((media) => [media, { schema: body }]));
}

function requestBody(route: RequestRoute, schemas: OpenApiSchemas) {
  const settings = route.settings;
  const payload = settings.validate?.payload as Schema | undefined;
  if (payload && typeof payload.describe === 'function') {
    // An absent body counts as `{}` (http/optional-body.ts): required only when `{}` is refused.
    return {
      required: payload.validate({}).error !== undefined,
      content: { 'application/json': { schema: schemas.toJson(payload) } },
    };
  }
  if (settings.payload?.parse === false) {
    // A raw body: a file, or a provider's request, passed on as sent.
    const allow = settings.payload.allow;
    const schema = { type: 'string', format: 'binary' };
    return {
      required: allow !== undefined,
      content: Object.fromEntries((allow ? [allow].flat() : ['*/*']).map((type) => [type, { schema }])),
    };
  }
  return undefined;
}

function asParameters(
  schemas: OpenApiSchemas,
  schema: Schema | undefined,
  where: 'path' | 'query' | 'header',
) {
  if (!schema || typeof schema.describe !== 'function') return [];
  const json = schemas.toJson(schema);
  return Object.entries(json.properties ?? {}).map(([name, property]: [string, JsonSchema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
