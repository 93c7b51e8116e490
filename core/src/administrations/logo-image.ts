/** The largest logo an administration may keep: it goes into every letter. */
export const LOGO_MAX_BYTES = 200 * 1024;

export type LogoType = 'image/png' | 'image/jpeg';

/**
 * What the bytes are, by their magic numbers (never by what the client claims): PNG's eight-byte
 * signature, or JPEG's start-of-image marker. Anything else is not a logo pdfkit can draw.
 */
export function sniffLogo(bytes: Buffer): LogoType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
