import QRCode from 'qrcode';

/**
 * The QR code image of an EPC payload: error correction level M, as EPC069-12 requires (and at most
 * version 13, which a payload of its maximum 331 bytes fits), a quiet zone of four modules, PNG.
 */
export function epcQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}
