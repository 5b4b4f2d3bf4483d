import path from 'node:path';

/**
 * The server's whole configuration: one typed, validated, frozen object read once at start.
 * Every variable is documented in README.md ("Configuration"); keep the two in step.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Native PostgreSQL when set; otherwise the embedded PGlite database under dataDir/db. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly demoPassword: string | null;
  /** 'auto' seeds demo data into an empty database at start; 'off' never does. */
  readonly demoData: 'auto' | 'off';
  readonly regionCode: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly uploadMaxBytes: number;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly loginMaxFailures: number;
  readonly lockoutMinutes: number;
  readonly passwordMaxAgeDays: number;
  readonly auditRetentionDays: number;
  readonly cookieSecure: 'auto' | 'always' | 'never';
  readonly trustProxy: boolean;
  /** 64 hex chars (SM4 key + HMAC key material); generated into dataDir/secret.key when absent. */
  readonly secretKey: string | null;
  readonly webDistDir: string;
  /** Public address of the site, for links printed on documents (QR codes); no trailing slash. */
  readonly publicBaseUrl: string;
  /** How applicant SMS codes are delivered: 'log' writes them to the log (development only), 'none' disables SMS. */
  readonly smsAdapter: 'log' | 'none';
  /** The provincial unified identity service (统一身份认证) over OpenID Connect, or null when not configured. */
  readonly oidc: OidcConfig | null;
  /** Applicant e-mail notifications over SMTP; null when e-mail is off (SMTP_URL not set). */
  readonly mail: MailConfig | null;
}

export interface MailConfig {
  /** smtp://[user:password@]host:port (STARTTLS when the server offers it) or smtps:// (TLS from the start). */
  readonly smtpUrl: string;
  /** The sender address (From). */
  readonly from: string;
  /** The sender's display name. */
  readonly fromName: string;
}

/** A plain e-mail address (no display name, no spaces, no line breaks), at most 254 characters. */
export const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: PUBLIC_BASE_URL/api/portal/auth/oidc/callback unless set. */
  readonly redirectUri: string;
  readonly scope: string;
  /** The ID-token claim carrying the resident ID number. */
  readonly idNumberClaim: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const str = (name: string, fallback: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    if (!/^\d+$/.test(raw.trim())) {
      problems.push(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      problems.push(`${name}: expected a whole number from ${min} to ${max}, got ${n}`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const v = str(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) {
      problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST', '127.0.0.1');
  let databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    try {
      const u = new URL(databaseUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL: expected a postgres:// or postgresql:// URL, got protocol "${u.protocol}"`);
        databaseUrl = null;
      }
    } catch {
      problems.push('DATABASE_URL: not a valid URL (expected postgres://user:password@host:port/database)');
      databaseUrl = null;
    }
  }
  const dataDir = path.resolve(cwd, str('DATA_DIR', './data'));
  const demoPassword = env.DEMO_PASSWORD?.length ? env.DEMO_PASSWORD : null;
  if (demoPassword !== null) {
    const why = passwordComplexityProblem(demoPassword, '');
    if (why) problems.push(`DEMO_PASSWORD: ${why}`);
  }
  const regionCode = str('REGION_CODE', '430422');
  if (!/^\d{6}$/.test(regionCode)) problems.push(`REGION_CODE: expected a 6-digit GB/T 2260 code, got "${regionCode}"`);
  const secretKey = env.SECRET_KEY?.trim() || null;
  if (secretKey !== null && !/^[0-9a-fA-F]{64}$/.test(secretKey)) {
    problems.push('SECRET_KEY: expected 64 hexadecimal characters (256 bits)');
  }
  let publicBaseUrl = str('PUBLIC_BASE_URL', `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const u = new URL(publicBaseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`PUBLIC_BASE_URL: expected an http:// or https:// URL, got "${publicBaseUrl}"`);
  } catch {
    problems.push(`PUBLIC_BASE_URL: not a valid URL: "${publicBaseUrl}"`);
    publicBaseUrl = `http://localhost:${port}`;
  }
  const auditRetentionDays = int('AUDIT_RETENTION_DAYS', 365, 184, 36500);
  const smsAdapter = oneOf('SMS_ADAPTER', env.NODE_ENV === 'production' ? 'none' : 'log', ['log', 'none'] as const);
  if (smsAdapter === 'log' && env.NODE_ENV === 'production') problems.push('SMS_ADAPTER: "log" writes codes to the log and is for development only; not allowed with NODE_ENV=production');
  let oidc: OidcConfig | null = null;
  const oidcIssuer = env.OIDC_ISSUER?.trim();
  if (oidcIssuer) {
    const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
    const clientSecret = env.OIDC_CLIENT_SECRET ?? '';
    if (!clientId) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
    if (!clientSecret) problems.push('OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set');
    const redirectUri = str('OIDC_REDIRECT_URI', `${publicBaseUrl}/api/portal/auth/oidc/callback`);
    for (const [name, v] of [['OIDC_ISSUER', oidcIssuer], ['OIDC_REDIRECT_URI', redirectUri]] as const) {
      try {
        const u = new URL(v);
        if (u.protocol !== 'https:' && !(u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))) problems.push(`${name}: expected an https:// URL (http only on localhost), got "${v}"`);
      } catch {
        problems.push(`${name}: not a valid URL: "${v}"`);
      }
    }
    oidc = Object.freeze({ issuer: oidcIssuer, clientId, clientSecret, redirectUri, scope: str('OIDC_SCOPE', 'openid profile'), idNumberClaim: str('OIDC_ID_NUMBER_CLAIM', 'id_number') });
  }

  let mail: MailConfig | null = null;
  const smtpUrl = env.SMTP_URL?.trim();
  if (smtpUrl) {
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') problems.push(`SMTP_URL: expected an smtp:// or smtps:// URL, got protocol "${u.protocol}"`);
      else if (!u.hostname) problems.push('SMTP_URL: no host (expected smtp://host:port)');
    } catch {
      problems.push('SMTP_URL: not a valid URL (expected smtp://[user:password@]host:port or smtps://…)');
    }
    const from = env.MAIL_FROM?.trim() ?? '';
    if (!from) problems.push('MAIL_FROM: required when SMTP_URL is set (the sender address, e.g. noreply@zrzy.example.gov.cn)');
    else if (from.length > 254 || !EMAIL_PATTERN.test(from)) problems.push(`MAIL_FROM: expected a plain e-mail address, got "${from.replace(/[\r\n]/g, ' ')}"`);
    const fromName = str('MAIL_FROM_NAME', '网上办事大厅');
    if (/[\r\n]/.test(fromName) || fromName.length > 100) problems.push('MAIL_FROM_NAME: at most 100 characters on one line');
    mail = Object.freeze({ smtpUrl, from, fromName });
  }

  const config: Config = {
    port,
    host,
    databaseUrl,
    dataDir,
    demoPassword,
    demoData: oneOf('DEMO_DATA', 'auto', ['auto', 'off'] as const),
    regionCode,
    logLevel: oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadMaxBytes: int('UPLOAD_MAX_BYTES', 50 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 30),
    sessionMaxHours: int('SESSION_MAX_HOURS', 12, 1, 24),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 3, 10),
    lockoutMinutes: int('LOCKOUT_MINUTES', 30, 10, 1440),
    passwordMaxAgeDays: int('PASSWORD_MAX_AGE_DAYS', 90, 1, 365),
    auditRetentionDays,
    cookieSecure: oneOf('COOKIE_SECURE', 'auto', ['auto', 'always', 'never'] as const),
    trustProxy: oneOf('TRUST_PROXY', 'false', ['true', 'false'] as const) === 'true',
    secretKey,
    webDistDir: path.resolve(cwd, str('WEB_DIST_DIR', './web/dist')),
    publicBaseUrl,
    smsAdapter,
    oidc,
    mail,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * The password rule (等保2.0 8.1.4.1 a): at least 8 characters, at least three of the four
 * character classes, and not containing the user name. Returns why a password fails, or null.
 */
export function passwordComplexityProblem(password: string, username: string): string | null {
  if (password.length < 8) return 'must be at least 8 characters long';
  if (password.length > 128) return 'must be at most 128 characters long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'must contain at least three of: lower-case letters, upper-case letters, digits, symbols';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'must not contain the user name';
  }
  return null;
}

/** The configuration as logged: secrets replaced. */
export function redactedConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl ? config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : null,
    demoPassword: config.demoPassword ? '***' : null,
    secretKey: config.secretKey ? '***' : null,
    oidc: config.oidc ? { ...config.oidc, clientSecret: '***' } : null,
    mail: config.mail ? { ...config.mail, smtpUrl: config.mail.smtpUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') } : null,
  };
}
