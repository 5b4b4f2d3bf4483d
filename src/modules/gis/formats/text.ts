/** Text decoding for files from Chinese Windows tools (GBK/ANSI) and newer web tools (UTF-8). */
export type DetectedEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Decodes bytes: UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16; else strict UTF-8; else strict GB18030
 * (a superset of GBK/GB2312). Returns null when none decodes cleanly.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    return text === null ? null : { text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2));
    return text === null ? null : { text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2));
    return text === null ? null : { text, encoding: 'utf-16be' };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  return null;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Replaces full-width ASCII forms (，＝＠［］０-９ …) and the ideographic space with ASCII; maps
 * 【】 to []. Producers are required to write ASCII punctuation; clerks often do not.
 */
export function normaliseWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000\u3010\u3011]/g, (c) => {
    if (c === '\u3000') return ' ';
    if (c === '\u3010') return '[';
    if (c === '\u3011') return ']';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** Maps a .cpg / code-page name to a TextDecoder label, or null when unknown. */
export function encodingFromCodePage(cpg: string): string | null {
  const v = cpg.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/^cp/, '');
  if (['utf-8', 'utf8', '65001'].includes(v)) return 'utf-8';
  if (['gbk', '936', 'gb2312', 'gb18030', '54936', 'ms936', 'x-gbk', 'euc-cn'].includes(v)) return 'gb18030';
  if (['big5', '950'].includes(v)) return 'big5';
  if (['1252', 'windows-1252', 'latin1', 'iso-8859-1', '8859_1', 'iso88591'].includes(v)) return 'windows-1252';
  return null;
}
