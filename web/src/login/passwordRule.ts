/**
 * Early feedback on the password complexity rule the server enforces: at least 8 characters,
 * at least 3 of upper-case, lower-case, digit and symbol, and not containing the username.
 * The "not one of the last 5" part can only be checked by the server.
 */
export type PasswordIssue = 'tooWeak' | 'containsUsername';

export function passwordIssue(password: string, username: string): PasswordIssue | undefined {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || classes < 3) return 'tooWeak';
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return 'containsUsername';
  return undefined;
}
