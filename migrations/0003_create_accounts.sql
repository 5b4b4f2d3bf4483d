-- Staff accounts, roles with permission strings, sessions (等保2.0 8.1.4.1 / 8.1.4.2 / 8.1.5).
CREATE TABLE roles (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name text NOT NULL,
  name_en text NOT NULL,
  builtin boolean NOT NULL DEFAULT false,
  permissions text[] NOT NULL DEFAULT '{}',
  -- Data scope of the role: the whole region, the user's department, or only the user's own objects.
  data_scope text NOT NULL DEFAULT 'department' CHECK (data_scope IN ('region', 'department', 'self')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9_.-]{2,31}$'),
  display_name text NOT NULL,
  department_id uuid REFERENCES departments (id),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  -- TOTP secret, SM4-encrypted with the server key (never stored in clear).
  totp_secret_enc text,
  totp_enrolled_at timestamptz,
  -- Last accepted TOTP time step: a code is accepted once (no replay inside its window).
  totp_last_step bigint,
  last_login_at timestamptz,
  last_login_ip text,
  prev_login_at timestamptz,
  prev_login_ip text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_region_idx ON users (region_code, department_id);

CREATE TABLE password_history (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_code text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, created_at DESC);

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code text NOT NULL REFERENCES roles (code),
  region_code text NOT NULL,
  granted_by uuid REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role_code)
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie token: a leaked table does not yield usable sessions.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_code text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('active', 'mfa', 'mfa_enroll', 'password_change')),
  mfa_passed boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
