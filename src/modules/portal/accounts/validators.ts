/**
 * Identity numbers of applicants: 居民身份证号码 (GB 11643-1999) and 统一社会信用代码
 * (GB 32100-2015), mobile numbers, and how each is masked wherever it is shown.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberProblem = 'shape' | 'region' | 'birth_date' | 'check_digit';

/** The GB 11643 check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/**
 * Checks an 18-character resident ID number: shape, region prefix (a province code 11–82),
 * a real birth date not in the future, and the check character. Returns the problem, or null.
 * @param today birth dates after this day are refused
 */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'shape';
  const province = Number(value.slice(0, 2));
  if (province < 11 || province > 82 || value.slice(2, 6) === '0000') return 'region';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > today.getTime()) return 'birth_date';
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return null;
}

/** Upper-cases the trailing x and trims: the form users type is not always the canonical one. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

// GB 32100: 31 characters, without I, O, Z, S, V.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'shape' | 'check_digit';

/** The GB 32100 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks an 18-character unified social credit code: 登记管理部门码 (1-9, A-N, Y) and 机构类别码,
 * a six-digit region code, the characters of the GB 32100 alphabet and the check character.
 */
export function usccProblem(value: string): UsccProblem | null {
  if (value.length !== 18) return 'shape';
  for (const ch of value) if (!USCC_ALPHABET.includes(ch)) return 'shape';
  if (!/^[1-9A-HJ-NY][1-9A-HJ-NP-RTUWXY]\d{6}/.test(value)) return 'shape';
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return null;
}

export function normaliseUscc(value: string): string {
  return value.trim().toUpperCase();
}

/** A mainland mobile number (11 digits starting 13–19). */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** 4304**********1234: the first and last four characters stay, the rest is starred. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 138****5678 */
export function maskPhone(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** z***@example.com: the first character of the mailbox and the whole domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
