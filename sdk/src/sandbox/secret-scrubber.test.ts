import { describe, expect, it } from 'vitest';
import { createScrubber, minScrubbedRun, redacted, scrubResponse } from './secret-scrubber.ts';

const secret = 'sk_live/9f"Ké+ab&=x y';
const scrub = createScrubber({ apiKey: secret });
const bytes = Buffer.from(secret);

/** `text` scrubbed, with no trace of the secret left in it. */
function scrubbed(text: string): string {
  const out = scrub(text);
  expect(out).toContain(redacted);
  expect(out).not.toContain(secret);
  return out;
}

describe('scrubbing a secret echoed back', () => {
  it('removes it verbatim and JSON-escaped, also with escaped slashes and \\u escapes', () => {
    const json = JSON.stringify(secret).slice(1, -1);
    expect(scrubbed(`got ${secret}!`)).toBe(`got ${redacted}!`);
    expect(scrubbed(`{"key":"${json}"}`)).toBe(`{"key":"${redacted}"}`);
    // PHP's json_encode writes `\/`; Python's json.dumps writes non-ASCII as \u00e9.
    expect(scrubbed(`{"key":"${json.replaceAll('/', '\\/')}"}`)).toBe(`{"key":"${redacted}"}`);
    const ascii = JSON.stringify({ key: secret }).replace('é', '\\u00E9').replace('/', '\\/');
    expect(scrubbed(ascii)).toBe(`{"key":"${redacted}"}`);
  });

  it('removes it percent-encoded in upper and lower case, as a form field and byte by byte', () => {
    const upper = encodeURIComponent(secret);
    expect(scrubbed(`q=${upper}&n=1`)).toBe(`q=${redacted}&n=1`);
    expect(scrubbed(`q=${upper.toLowerCase()}&n=1`)).toBe(`q=${redacted}&n=1`);
    expect(scrubbed(new URLSearchParams({ q: secret }).toString())).toBe(`q=${redacted}`);
    const everyByte = [...bytes].map((byte) => `%${byte.toString(16)}`).join('');
    expect(scrubbed(`q=${everyByte}`)).toBe(`q=${redacted}`);
  });

  it('removes it as hex in lower and upper case', () => {
    const hex = bytes.toString('hex');
    expect(scrubbed(`h=${hex};`)).toBe(`h=${redacted};`);
    expect(scrubbed(`h=${hex.toUpperCase()};`)).toBe(`h=${redacted};`);
  });

  it('removes it from base64 and base64url of a larger body at every alignment', () => {
    for (const alphabet of ['base64', 'base64url'] as const) {
      for (const before of ['', 'a', 'ab', '{"echo":"', 'xyz1']) {
        const body = Buffer.from(`${before}${secret}","after":true}`).toString(alphabet);
        const out = scrub(body);
        expect(out, `${alphabet} after ${before.length} bytes`).toContain(redacted);
        // What is left decodes to no more than a few bits of the secret at either edge.
        const left = out.split(redacted).map((part) => Buffer.from(part, alphabet).toString('latin1'));
        expect(left.join('')).not.toContain(secret.slice(1, -1));
      }
    }
  });

  it('removes the pieces of a secret split between a header and the body', () => {
    const response = scrubResponse(scrub, {
      status: 200,
      headers: { 'x-first': `Bearer ${secret.slice(0, 10)}`, [secret.toLowerCase()]: 'name' },
      body: `${secret.slice(10)} trailing`,
    });
    expect(response.headers['x-first']).toBe(`Bearer ${redacted}`);
    expect(response.body).toBe(`${redacted} trailing`);
    expect(JSON.stringify(response)).not.toContain(secret.slice(0, minScrubbedRun));
  });

  it('removes it from header names, keeping every value', () => {
    const response = scrubResponse(scrub, {
      status: 200,
      headers: {
        [`x-${secret}`]: 'a',
        [`x-${encodeURIComponent(secret)}`]: 'b',
        'content-type': 'text/plain',
      },
      body: '',
    });
    expect(response.headers).toEqual({ [`x-${redacted}`]: 'a, b', 'content-type': 'text/plain' });
  });

  it('leaves text without a secret alone, short runs of its characters included', () => {
    const text = `{"mode":"live","id":"sk_l","n":${'9'.repeat(40)}}`;
    expect(scrub(text)).toBe(text);
    expect(createScrubber({})(text)).toBe(text);
    expect(createScrubber({ empty: '' })(text)).toBe(text);
  });
});
