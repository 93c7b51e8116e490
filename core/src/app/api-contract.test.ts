import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintFromString, loadConfig as loadLintConfig } from '@redocly/openapi-core';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { apiRouteTable } from '../http/api-route-table.ts';
import { routeAnswers } from '../http/route-answers.ts';
import { startKredo } from './kredo-app.ts';

// The API's contract as Kredo serves it, every module's routes composed as `kredo start` does.
const db = await createTestDatabase();
const app = await startKredo(
  loadConfig({}, { databaseUrl: db.url, port: 0, mode: 'test', worker: false, dbPoolMax: 2 }),
  pino({ level: 'silent' }),
);
afterAll(() => app.stop());

interface Operation {
  operationId: string;
  requestBody?: { required: boolean; content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Document = Parameters<typeof apiRouteTable>[0] & { paths: Record<string, Record<string, Operation>> };
const document = (await app.server.inject('/api/v1/openapi.json')).result as Document;
const operations = Object.values(document.paths).flatMap((byMethod) => Object.values(byMethod));
const apiMd = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

describe('the API contract', () => {
  it('has every route declare an operationId, a success with its schema, and its failures', () => {
    const undeclared = app.server
      .table()
      .filter((route) => {
        const status = route.settings.response?.status ?? {};
        return !route.settings.id || !Object.keys(status).some((code) => Number(code) < 400);
      })
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(undeclared).toEqual([]);
    for (const route of app.server.table()) {
      for (const [status, answer] of routeAnswers(route)) {
        if (status !== 204 && status !== 'default' && !answer.failure) expect(answer.schema).toBeTruthy();
      }
    }
  });

  it('lists every API route in the OpenAPI document, each typed by its schemas', () => {
    const api = app.server.table().filter((route) => route.settings.tags?.includes('api'));
    expect(operations.map((o) => o.operationId).sort()).toEqual(api.map((r) => r.settings.id).sort());
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2') && status !== '204')
          expect(Object.values(response.content ?? {})).not.toEqual([]);
      }
    }
  });

  it('says what POST /imports and the delivery retry answer, and what /imports takes', () => {
    const imports = document.paths['/api/v1/imports']?.post;
    expect(Object.keys(imports?.responses ?? {})).toContain('200');
    expect(Object.keys(imports?.responses ?? {})).not.toContain('201');
    expect(imports?.requestBody?.required).toBe(true);
    expect(Object.keys(imports?.requestBody?.content ?? {})).toEqual(
      expect.arrayContaining(['text/csv', 'application/xml']),
    );
    const retry =
      document.paths['/api/v1/plugins/installations/{installationId}/deliveries/{deliveryId}/retry']?.post;
    expect(Object.keys(retry?.responses ?? {}).filter((s) => s.startsWith('2'))).toEqual(['202']);
    expect(document.paths['/api/v1/debtors/{debtorId}/credit-checks']?.post?.requestBody?.required).toBe(
      false,
    );
  });

  it('passes the OpenAPI linter without an error or a warning (core/redocly.yaml)', async () => {
    const configPath = fileURLToPath(new URL('../../redocly.yaml', import.meta.url));
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config: await loadLintConfig({ configPath }),
    });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(found).toEqual([]);
  });

  it("keeps docs/api.md's route table as the document lists the routes", () => {
    // KREDO_WRITE_DOCS=1 rewrites the table between the markers instead of comparing.
    const text = readFileSync(apiMd, 'utf8');
    const marked = /<!-- routes:start -->\n([\s\S]*?)\n?<!-- routes:end -->/;
    const table = apiRouteTable(document);
    if (process.env.KREDO_WRITE_DOCS === '1') {
      writeFileSync(apiMd, text.replace(marked, `<!-- routes:start -->\n${table}\n<!-- routes:end -->`));
    }
    expect(
      marked.exec(readFileSync(apiMd, 'utf8'))?.[1],
      'regenerate: KREDO_WRITE_DOCS=1 pnpm exec vitest run src/app/api-contract.test.ts',
    ).toBe(table);
  });

  it('names in docs/api.md only routes the API has', () => {
    const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');
    const known = new Set(
      Object.entries(document.paths).flatMap(([path, byMethod]) =>
        Object.keys(byMethod).map((method) => `${method.toUpperCase()} ${shape(path)}`),
      ),
    );
    const named = [
      ...readFileSync(apiMd, 'utf8').matchAll(/`(GET|POST|PATCH|PUT|DELETE) (\/api\/v1\/[^`?\s]*)/g),
    ]
      .map(([, method, path]) => `${method} ${shape(path as string)}`)
      .filter((route) => !route.endsWith('/openapi.json'));
    expect(named.filter((route) => !known.has(route))).toEqual([]);
  });
});
