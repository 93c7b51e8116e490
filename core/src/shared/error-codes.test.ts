import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, isErrorCode } from './error-codes.ts';

const src = fileURLToPath(new URL('..', import.meta.url));
const apiMd = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

/** Every non-test source file of core, with its text. */
function sources(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        found.push({ file: relative(src, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(src);
  return found;
}

/** The docs/api.md table: one row per code, by status then code. */
function errorCodeTable(): string {
  const rows = (Object.entries(ERROR_CODES) as [ErrorCode, { status: number; doc: string }][])
    .sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b))
    .map(([code, { status, doc }]) => `| \`${code}\` | ${status} | ${doc} |`);
  return ['| Code | Status | Meaning |', '|---|---|---|', ...rows].join('\n');
}

describe('the catalogue of error codes', () => {
  const code = sources().filter((source) => !source.file.endsWith('error-codes.ts'));

  it('names, for every notFound(…) in the source, a 404 it lists', () => {
    const subjects = code.flatMap(({ text }) =>
      [...text.matchAll(/notFound\(\s*'([A-Za-z ]+)'/g)].map((m) => m[1]),
    );
    expect(subjects.length).toBeGreaterThan(5);
    const missing = subjects
      .map((what) => `${(what as string).toLowerCase().replace(/ /g, '_')}_not_found`)
      .filter((found) => !isErrorCode(found) || ERROR_CODES[found].status !== 404);
    expect(missing).toEqual([]);
  });

  it('lists no code that the source never answers with', () => {
    const text = code.map((source) => source.text).join('\n');
    const notFoundCodes = new Set(
      [...text.matchAll(/notFound\(\s*'([A-Za-z ]+)'/g)].map(
        (m) => `${(m[1] as string).toLowerCase().replace(/ /g, '_')}_not_found`,
      ),
    );
    const unused = Object.keys(ERROR_CODES).filter(
      (listed) => !notFoundCodes.has(listed) && !new RegExp(`'${listed}'`).test(text),
    );
    expect(unused).toEqual([]);
  });

  it("keeps docs/api.md's table of codes equal to the catalogue", () => {
    // KREDO_WRITE_DOCS=1 rewrites the table between the markers instead of comparing.
    const marked = /<!-- error-codes:start -->\n([\s\S]*?)\n?<!-- error-codes:end -->/;
    const table = errorCodeTable();
    if (process.env.KREDO_WRITE_DOCS === '1') {
      const text = readFileSync(apiMd, 'utf8');
      writeFileSync(
        apiMd,
        text.replace(marked, `<!-- error-codes:start -->\n${table}\n<!-- error-codes:end -->`),
      );
    }
    expect(
      marked.exec(readFileSync(apiMd, 'utf8'))?.[1],
      'regenerate: KREDO_WRITE_DOCS=1 pnpm exec vitest run src/shared/error-codes.test.ts',
    ).toBe(table);
  });
});
