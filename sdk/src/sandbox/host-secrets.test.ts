import { describe, expect, it } from 'vitest';
import { type BoundSecrets, bodySecretEncoding, fillSecrets } from './host-secrets.ts';

const api = 'https://api.example.com';
const other = 'https://other.example.com';
const secrets: BoundSecrets = {
  values: { password: 'p"w\\1 &=x', token: 't0k3n' },
  origins: { password: [api], token: [api, other], unset: [api] },
};

describe('secrets at the network edge', () => {
  it('writes a secret so it cannot break out of a JSON string or a form field', () => {
    const json = fillSecrets('{"username":"u","password":"{{secrets.password}}"}', secrets, api, 'json');
    expect(JSON.parse(json)).toEqual({ username: 'u', password: secrets.values.password });
    const form = fillSecrets('user=u&password={{ secrets.password }}', secrets, api, 'form');
    expect(new URLSearchParams(form).get('password')).toBe(secrets.values.password);
    expect(fillSecrets('Basic {{secrets.password}}', secrets, api)).toBe(`Basic ${secrets.values.password}`);
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
    expect(() => fillSecrets('{{secrets.apiKey}}', secrets, api)).toThrow(/no secret named apiKey/);
    expect(() => fillSecrets('{{secrets.unset}}', secrets, api)).toThrow(/no secret named unset/);
  });

  it('fills a secret only into text bound for an origin it is bound to', () => {
    expect(fillSecrets('{{secrets.token}}', secrets, other)).toBe('t0k3n');
    let refusal: unknown;
    try {
      fillSecrets('x {{secrets.password}}', secrets, other);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'secret_origin_denied',
      message: `the secret password may not be sent to ${other}: its manifest binds it only to ${api}`,
    });
    expect(String((refusal as Error).message)).not.toContain(secrets.values.password);
    // A configured secret the manifest binds nowhere (or does not declare) goes nowhere.
    expect(() => fillSecrets('{{secrets.stray}}', { ...secrets, values: { stray: 's' } }, api)).toThrow(
      /may not be sent to https:\/\/api.example.com: its manifest binds it to no origin/,
    );
  });
});
