import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK typeface of every generated PDF. Official documents are set in a serif (宋体-like)
 * face: Noto Serif SC (SIL Open Font License 1.1) from the npm package
 * `@expo-google-fonts/noto-serif-sc`, so a fresh `npm ci` has it without system fonts. PDFKit
 * (through fontkit) embeds only the glyphs a document uses, so a notice stays a few dozen KB.
 * When the package is missing, the Debian `fonts-noto-cjk` collection is the fallback.
 */
export interface CjkFont {
  /** Where the regular face came from (a file path). */
  readonly source: string;
  readonly regular: Buffer;
  /** A bold face for titles; the regular face again when none is available. */
  readonly bold: Buffer;
  /** For a TrueType collection: the face's PostScript name inside it. */
  readonly regularFamily?: string;
  readonly boldFamily?: string;
}

const require = createRequire(import.meta.url);
const NPM_REGULAR = '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';
const NPM_BOLD = '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf';
const SYSTEM_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SYSTEM_BOLD_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';

/** Raised when no CJK font can be found; the message says how to install one. */
export class CjkFontMissingError extends Error {
  constructor() {
    super(
      `No CJK font found for PDF documents: install the npm dependencies (npm ci brings ${NPM_REGULAR}) ` +
        `or the Debian package fonts-noto-cjk (${SYSTEM_TTC}).`,
    );
    this.name = 'CjkFontMissingError';
  }
}

function resolveNpm(spec: string): string | null {
  try {
    return require.resolve(spec);
  } catch {
    return null;
  }
}

let cached: CjkFont | null = null;

/** Loads the CJK font once per process (the files are read into memory; fontkit parses lazily). */
export function cjkFont(): CjkFont {
  if (cached) return cached;
  const regular = resolveNpm(NPM_REGULAR);
  if (regular) {
    const bold = resolveNpm(NPM_BOLD);
    const r = fs.readFileSync(regular);
    cached = { source: regular, regular: r, bold: bold ? fs.readFileSync(bold) : r };
    return cached;
  }
  if (fs.existsSync(SYSTEM_TTC)) {
    const r = fs.readFileSync(SYSTEM_TTC);
    const hasBold = fs.existsSync(SYSTEM_BOLD_TTC);
    cached = {
      source: SYSTEM_TTC,
      regular: r,
      bold: hasBold ? fs.readFileSync(SYSTEM_BOLD_TTC) : r,
      regularFamily: 'NotoSansCJKsc-Regular',
      boldFamily: hasBold ? 'NotoSansCJKsc-Bold' : 'NotoSansCJKsc-Regular',
    };
    return cached;
  }
  throw new CjkFontMissingError();
}
