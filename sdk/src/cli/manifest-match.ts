import { canonicalJson } from '../canonical-json.ts';

/**
 * Why `manifest.json` cannot go with this bundle, or undefined when it can. The manifest the
 * marketplace verifies, signs over and shows the tenant is `manifest.json`; the bundle carries the
 * manifest it was built with (its webhooks and capabilities decide what the bundle wires up). When the
 * two differ, the tenant would consent to one plugin and run another: `validate` and `publish` refuse.
 */
export function manifestMismatch(
  manifestFile: string,
  manifest: unknown,
  bundleFile: string,
  built: unknown,
): string | undefined {
  if (built === undefined) {
    return `${bundleFile} carries no manifest: build it with kredo-plugin build (definePlugin({ manifest, … }))`;
  }
  const at = firstDifference(manifest, built, '');
  if (at === undefined) return undefined;
  return (
    `${manifestFile} differs from the manifest built into ${bundleFile} at ${at || '(root)'} ` +
    `(${describe(valueAt(manifest, at))} in ${manifestFile}, ${describe(valueAt(built, at))} in the bundle); ` +
    'rebuild with kredo-plugin build, with src/plugin.ts importing manifest.json'
  );
}

/** The path of the first place two JSON values differ (`version`, `http.origins[1]`), or undefined. */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (canonicalJson(a) === canonicalJson(b)) return undefined;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = isRecord(a) && isRecord(b) && !Array.isArray(a) && !Array.isArray(b);
  if (!bothArrays && !bothObjects) return at;
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
  if (bothObjects) keys.sort();
  for (const key of keys) {
    const path = bothArrays ? `${at}[${key}]` : at ? `${at}.${key}` : key;
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path,
    );
    if (found !== undefined) return found;
  }
  return at;
}

function valueAt(value: unknown, at: string): unknown {
  let current = value;
  for (const step of at.match(/[^.[\]]+/g) ?? []) {
    current = isRecord(current) ? current[step] : undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
