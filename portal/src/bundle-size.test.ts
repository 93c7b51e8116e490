import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST } from '../scripts/build.ts';

/** The budget of the issue (11): the whole widget, Lit included, minified and gzipped. */
const BUDGET = 20 * 1024;

describe('the bundle', () => {
  it(`stays within ${BUDGET / 1024} kB minified and gzipped`, () => {
    // Built by the test setup (scripts/test-setup.ts) from the current source.
    const code = readFileSync(`${DIST}/kredo-portal.js`);
    const gzipped = gzipSync(code, { level: 9 }).byteLength;
    console.log(
      `kredo-portal.js: ${code.byteLength} bytes minified, ${gzipped} bytes gzipped (budget ${BUDGET})`,
    );
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('is one ES module with a copy named by its content hash', () => {
    const manifest = JSON.parse(readFileSync(`${DIST}/manifest.json`, 'utf8')) as { script: string };
    expect(manifest.script).toMatch(/^kredo-portal\.[0-9a-f]{10}\.js$/);
    expect(readFileSync(`${DIST}/${manifest.script}`)).toEqual(readFileSync(`${DIST}/kredo-portal.js`));
    const code = readFileSync(`${DIST}/kredo-portal.js`, 'utf8');
    // No import of another file: the one script tag is all a host page loads.
    expect(code).not.toMatch(/\bimport\s*\(|\bfrom\s*["']/);
    expect(code).toContain('customElements.define("kredo-portal"');
  });
});
