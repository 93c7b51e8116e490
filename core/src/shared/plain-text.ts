/**
 * Text a plugin wrote (a thrown message, a `fail(code, message)`, a log line), made safe to store and
 * show: a CR or LF would forge a line in a log or a console, an ANSI escape sequence would recolour,
 * clear or retitle the terminal it is printed on, a bidi override would make the text read otherwise
 * than it is, and PostgreSQL refuses NUL in text. So:
 * - ANSI escape sequences (CSI, OSC and the other ESC sequences, 7-bit and 8-bit) are removed;
 * - every other control character but tab (C0, DEL, C1) is written as an escape: `\n`, `\r`, `\u001b`;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
 *   U+200E, U+200F, U+061C are written as escapes too;
 * - a lone surrogate becomes U+FFFD (as PostgreSQL would store it anyway).
 * Idempotent: the result has none of these left.
 */
export function plainText(text: string): string {
  return text.toWellFormed().replace(ansiSequence, '').replace(unsafeCharacter, escaped);
}

// CSI (ESC [ or 0x9B) parameters, intermediates, final byte; OSC, DCS, SOS, PM, APC strings up to
// BEL or ST; any other ESC and the character after it.
const ansiSequence =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
const unsafeCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escaped(character: string): string {
  return named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
