import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let loaded: { body: Buffer; bold: Buffer } | undefined;

/**
 * DejaVu Sans Condensed (dejavu-fonts-ttf; Helvetica's width), regular and bold, for pdfkit to embed
 * as a subset: its built-in Helvetica only knows Windows-1252, so a debtor in Łódź, a Dvořák or a
 * Cyrillic street name would print as question marks. DejaVu covers Latin, Greek and Cyrillic with
 * their extensions. Read once per process; the dunning letters and the reports print with it.
 */
export function pdfFonts(): { body: Buffer; bold: Buffer } {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const read = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    loaded = { body: read('DejaVuSansCondensed.ttf'), bold: read('DejaVuSansCondensed-Bold.ttf') };
  }
  return loaded;
}
