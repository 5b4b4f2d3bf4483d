/**
 * Identity checks in the browser: the server's own GB 11643 / mobile rules
 * (src/modules/portal/accounts/validators.ts, plain functions without dependencies), so a typing
 * mistake is caught before any request and the two sides can never disagree.
 */
export { idNumberCheckChar, idNumberProblem, isMobile, normaliseIdNumber, type IdNumberProblem } from '../../../src/modules/portal/accounts/validators.ts';

/** The password rule of the accounts: at least 8 characters of three of upper, lower, digits, symbols. */
export function passwordStrongEnough(value: string): boolean {
  if (value.length < 8 || value.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 3;
}
