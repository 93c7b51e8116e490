/**
 * The QR code image of an EPC payload: error correction level M, as EPC069-12 requires (and at most
 * version 13, which a payload of its maximum 331 bytes fits), a quiet zone of four modules, PNG.
 */
export async function epcQrPng(payload: string): Promise<Buffer> {
  // Loaded for a letter that has a QR code, not in every process that composes the dunning module.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}
