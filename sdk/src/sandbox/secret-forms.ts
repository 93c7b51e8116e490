/** One way a server may write back a secret it received; `caseless` when its letters may come in either case. */
export interface SecretForm {
  text: string;
  caseless: boolean;
}

/** Encoded forms shorter than this are too short to tell from other text; the raw value always counts. */
const minEncodedLength = 4;

/**
 * The forms an echoed secret commonly takes: as it is; JSON-escaped, also with `\/` and with `\uXXXX`
 * for non-ASCII (PHP's and Python's defaults); percent-encoded in either case, as a form field and byte
 * by byte; hex; base64 and base64url inside a larger encoded body, at each of the three alignments.
 */
export function secretForms(value: string): SecretForm[] {
  const bytes = Buffer.from(value, 'utf8');
  const json = JSON.stringify(value).slice(1, -1);
  const asciiJson = json.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const encoded: SecretForm[] = [
    ...[json, json.replaceAll('/', '\\/'), asciiJson, asciiJson.replaceAll('/', '\\/')].map((text) => ({
      text,
      caseless: text !== json,
    })),
    ...[
      encodeURIComponent(value),
      new URLSearchParams({ s: value }).toString().slice(2),
      [...bytes].map((byte) => `%${hex(byte)}`).join(''),
      bytes.toString('hex'),
    ].map((text) => ({ text, caseless: true })),
    ...[0, 1, 2].flatMap((offset) =>
      (['base64', 'base64url'] as const).map((alphabet) => ({
        text: alignedBase64(bytes, offset, alphabet),
        caseless: false,
      })),
    ),
  ];
  return [
    { text: value, caseless: false },
    ...encoded.filter((form) => form.text.length >= minEncodedLength && form.text !== value),
  ];
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * The base64 characters that depend on the secret's bytes alone when it starts `offset` bytes into a
 * 3-byte group of a larger encoded body: the characters shared with the bytes around it are left out.
 */
function alignedBase64(bytes: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
  const text = padded.toString(alphabet).replace(/=+$/, '');
  const skip = [0, 2, 3][offset] as number;
  const whole = Math.floor(padded.length / 3) * 4;
  return text.slice(skip, whole + (padded.length % 3));
}
