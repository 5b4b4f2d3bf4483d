import type { CryptoBox } from '../../../core/crypto.ts';

/**
 * The query code (查询码) printed on every notice beside its QR code: with the case number it opens
 * the public progress page without signing in. Derived from the case number with the server's
 * HMAC-SM3 key, so it needs no storage, cannot be guessed from the case number, and is the same
 * on every notice of the case.
 */
export function caseQueryCode(box: CryptoBox, caseNo: string): string {
  const mac = box.mac(`case-query:${caseNo}`);
  // 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L).
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[parseInt(mac.slice(i * 4, i * 4 + 4), 16) % alphabet.length];
  return out;
}
