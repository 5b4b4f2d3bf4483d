import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

/** Why PDF rendering checks cannot run here (with the fix), or null when poppler-utils is installed. */
export const popplerMissing: string | null = spawnSync('pdftotext', ['-v']).error ? 'pdftotext not found; install it with: apt-get install -y poppler-utils' : null;

function withTempPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as poppler extracts it (proves the font maps glyphs back to Unicode). */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** pdfinfo output, with custom metadata entries. */
export function pdfInfo(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdfinfo', ['-custom', file], { encoding: 'utf8' }));
}

/** pdffonts output. */
export function pdfFonts(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

/** Renders one page to PNG at the given resolution; optionally keeps a copy at savePath. */
export function renderPage(pdf: Buffer, page = 1, dpi = 60, savePath?: string): PNG {
  return withTempPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    const bytes = fs.readFileSync(path.join(dir, 'page.png'));
    if (savePath) fs.writeFileSync(savePath, bytes);
    return PNG.sync.read(bytes);
  });
}

/** Share of pixels that are not near-white. */
export function inkShare(png: PNG): number {
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 200 || png.data[i + 1]! < 200 || png.data[i + 2]! < 200) ink++;
  return ink / (png.width * png.height);
}

// jsqr is CommonJS with an ES-style default in its typings; under tsx the function is the module itself.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQrExport = jsQRModule as unknown as JsQr | { default: JsQr };
const jsQR: JsQr = typeof jsQrExport === 'function' ? jsQrExport : jsQrExport.default;

/** Decodes the QR code on a rendered page, or null. */
export function decodeQr(png: PNG): string | null {
  const r = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return r?.data ?? null;
}
