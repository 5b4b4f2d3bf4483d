/**
 * GB 11643 resident ID number check in the browser: the same algorithm as the server's
 * src/modules/portal/accounts/validators.ts, so a typing mistake is caught before any request.
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

/** Shape, province code 11–82, a real past birth date and the check character; the problem, or null. */
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

/** Trims and upper-cases the trailing x, as the server does. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** A mainland mobile number (11 digits starting 13–19). */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** The password rule of the accounts: at least 8 characters of three of upper, lower, digits, symbols. */
export function passwordStrongEnough(value: string): boolean {
  if (value.length < 8 || value.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 3;
}
