import { secretForms } from './secret-forms.ts';

/** What stands in for a secret value in everything that goes back to the plugin or into a record. */
export const redacted = '[redacted]';

/**
 * A run of this many characters of a secret (in any of its forms) is removed wherever it stands, so a
 * secret a server splits between a header and the body, or across headers, is removed piece by piece.
 */
export const minScrubbedRun = 8;

interface Windows {
  exact: Set<string>;
  /** Lower-cased: forms whose letters may come back in either case (percent-encoding, hex). */
  caseless: Set<string>;
}

/**
 * Removes every secret value from text going back to the plugin: verbatim, in the encodings a server
 * commonly echoes it in (`secret-forms.ts`), and any run of `minScrubbedRun` characters of those. The
 * last line of defence, not the boundary: what keeps a secret from a server is that the host sends it
 * only to the origins it is bound to. A server that wants to leak a secret it holds can always encode
 * it some other way.
 */
export function createScrubber(secrets: Readonly<Record<string, string>>): (text: string) => string {
  // Every window of every form, by window length: a secret shorter than a run is one window, whole.
  const bySize = new Map<number, Windows>();
  for (const value of Object.values(secrets)) {
    if (value === '') continue;
    for (const form of secretForms(value)) {
      const text = form.caseless ? asciiLower(form.text) : form.text;
      const size = Math.min(minScrubbedRun, text.length);
      const windows = bySize.get(size) ?? { exact: new Set<string>(), caseless: new Set<string>() };
      bySize.set(size, windows);
      for (let at = 0; at + size <= text.length; at++) {
        (form.caseless ? windows.caseless : windows.exact).add(text.slice(at, at + size));
      }
    }
  }
  if (bySize.size === 0) return (text) => text;
  return (text) => {
    const lower = asciiLower(text);
    const secret = new Uint8Array(text.length);
    for (const [size, windows] of bySize) {
      for (let at = 0; at + size <= text.length; at++) {
        if (
          windows.exact.has(text.slice(at, at + size)) ||
          windows.caseless.has(lower.slice(at, at + size))
        ) {
          secret.fill(1, at, at + size);
        }
      }
    }
    return replaceMarked(text, secret);
  };
}

/** A response as the plugin gets it: header names, header values and body scrubbed alike. */
export function scrubResponse<R extends { headers: Record<string, string>; body: string }>(
  scrub: (text: string) => string,
  response: R,
): R {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    const key = scrub(name);
    const scrubbed = scrub(value);
    // Two names scrubbed to the same text keep both values, as a repeated header would.
    headers[key] = Object.hasOwn(headers, key) ? `${headers[key]}, ${scrubbed}` : scrubbed;
  }
  return { ...response, headers, body: scrub(response.body) };
}

function replaceMarked(text: string, secret: Uint8Array): string {
  if (!secret.includes(1)) return text;
  let out = '';
  let at = 0;
  while (at < text.length) {
    if (secret[at] === 1) {
      out += redacted;
      while (at < text.length && secret[at] === 1) at++;
    } else {
      const start = at;
      while (at < text.length && secret[at] !== 1) at++;
      out += text.slice(start, at);
    }
  }
  return out;
}

/** Lower-cases A–Z only, so the text keeps its length and positions line up. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
