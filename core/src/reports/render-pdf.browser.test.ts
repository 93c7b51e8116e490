import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@kredo/identity/testing/browser';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf } from './render-pdf.ts';
import { sampleReport } from './test-report.ts';

// The sample report's first page (its two charts) as a reader sees it: rendered by pdf.js (unpdf's
// build) on a canvas in Chromium, compared with the baseline pixel by pixel. The fonts are embedded in
// the PDF, so the rendering depends on pdf.js and Chromium only. KREDO_WRITE_SCREENSHOTS=1 writes a
// new baseline after a deliberate change of the look.

const BASELINE = fileURLToPath(new URL('./fixtures/sample-report-page-1.png', import.meta.url));
/** Share of pixels that may differ: pixelmatch already passes anti-aliasing; a bar a tenth shorter is caught. */
const LOOK_TOLERANCE = 0.0002;

const pdf = await renderPdf(sampleReport());
// unpdf's `./pdfjs` export has only an `import` condition: found beside its CommonJS entry.
const pdfjs = readFileSync(join(dirname(createRequire(import.meta.url).resolve('unpdf')), 'pdfjs.mjs'));
const page = `<!doctype html><canvas id="page"></canvas><script type="module">
import { getDocument } from '/pdf.mjs';
const doc = await getDocument({ url: '/report.pdf' }).promise;
const first = await doc.getPage(1);
const viewport = first.getViewport({ scale: 1.5 });
const canvas = document.getElementById('page');
canvas.width = viewport.width;
canvas.height = viewport.height;
await first.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.rendered = 'yes';
</script>`;
const files: Record<string, [string, Buffer | string]> = {
  '/pdf.mjs': ['text/javascript', pdfjs],
  '/report.pdf': ['application/pdf', pdf],
  '/': ['text/html', page],
};
const server = createServer((request, response) => {
  const [type, body] = files[request.url ?? '/'] ?? ['text/plain', ''];
  response.writeHead(body ? 200 : 404, { 'content-type': type }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchChromium();
afterAll(async () => {
  await browser.close();
  server.close();
});

describe('the PDF as rendered', () => {
  it('looks as it did: the charts’ bars, line, axes and labels in place', { timeout: 120_000 }, async () => {
    const tab = await browser.newPage({ viewport: { width: 1300, height: 920 } });
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForSelector('body[data-rendered="yes"]', { timeout: 60_000 });
    const shot = await tab.locator('#page').screenshot();
    if (process.env.KREDO_WRITE_SCREENSHOTS === '1') writeFileSync(BASELINE, shot);
    const actual = PNG.sync.read(shot);
    const expected = PNG.sync.read(readFileSync(BASELINE));
    const { width, height } = expected;
    expect([actual.width, actual.height], 'the page’s size changed').toEqual([width, height]);
    const diff = new PNG({ width, height });
    const differing = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: 0.1 });
    if (differing / (width * height) > LOOK_TOLERANCE) {
      writeFileSync(join(tmpdir(), 'sample-report.diff.png'), PNG.sync.write(diff));
    }
    expect(
      differing / (width * height),
      'see sample-report.diff.png in the temp directory',
    ).toBeLessThanOrEqual(LOOK_TOLERANCE);
  });
});
