import { describe, expect, it } from 'vitest';
import { bodySecretEncoding, createScrubber, fillSecrets, redacted } from './host-secrets.ts';

const secrets = { password: 'p"w\\1 &=x' };

describe('secrets at the network edge', () => {
  it('writes a secret so it cannot break out of a JSON string or a form field', () => {
    const json = fillSecrets('{"username":"u","password":"{{secrets.password}}"}', secrets, 'json');
    expect(JSON.parse(json)).toEqual({ username: 'u', password: secrets.password });
    const form = fillSecrets('user=u&password={{ secrets.password }}', secrets, 'form');
    expect(new URLSearchParams(form).get('password')).toBe(secrets.password);
    expect(fillSecrets('Basic {{secrets.password}}', secrets)).toBe(`Basic ${secrets.password}`);
  });

  it('picks the encoding from the content type', () => {
    expect(bodySecretEncoding({ 'content-type': 'application/json; charset=utf-8' })).toBe('json');
    expect(bodySecretEncoding({ 'content-type': 'application/vnd.api+json' })).toBe('json');
    expect(bodySecretEncoding({ 'content-type': 'application/x-www-form-urlencoded' })).toBe('form');
    expect(bodySecretEncoding({})).toBe('raw');
  });

  it('reads the media type as the server does, whitespace and parameters aside', () => {
    // The server trims the value, so a leading space must not let `a&admin=1` in as a raw form field.
    expect(bodySecretEncoding({ 'content-type': ' application/x-www-form-urlencoded' })).toBe('form');
    expect(bodySecretEncoding({ 'content-type': '\tApplication/JSON ;charset=utf-8' })).toBe('json');
  });

  it('names an unknown secret without showing any value', () => {
    expect(() => fillSecrets('{{secrets.apiKey}}', secrets)).toThrow(/no secret named apiKey/);
  });

  it('scrubs a secret echoed back in any common encoding', () => {
    const scrub = createScrubber(secrets);
    const echoed = [
      secrets.password,
      JSON.stringify(secrets.password).slice(1, -1),
      encodeURIComponent(secrets.password),
    ];
    for (const form of echoed) expect(scrub(`got ${form}`)).toBe(`got ${redacted}`);
  });
});
