import QRCode from 'qrcode';

/** The dark modules of a QR code as a square boolean matrix (row-major). */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/** Encodes text (byte mode, error correction level M: survives a stamp or a fold). */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  return { size, dark: (r, c) => qr.modules.get(r, c) === 1 };
}
