-- Applicant accounts of the online service hall (网上办事大厅, src/modules/portal): natural persons and
-- organisations, agents acting for organisations, applicant sessions, SMS sign-in codes and OpenID
-- Connect login states. Kept apart from staff accounts (users, sessions): an applicant never holds
-- a staff role or a staff session.

CREATE TABLE applicants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The county where the account was opened; an account is valid across the whole instance.
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
  -- Stored verbatim as text (HTML is never interpreted); shown by clients as text only.
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
  -- 居民身份证号码 (GB 11643) of a person or 统一社会信用代码 (GB 32100) of an organisation:
  -- SM4-GCM ciphertext plus an HMAC-SM3 blind index for lookup and uniqueness (never plaintext).
  id_number_enc text NOT NULL,
  id_number_index text NOT NULL,
  phone_enc text,
  phone_index text,
  email text CHECK (email IS NULL OR char_length(email) <= 254),
  -- argon2id; NULL for organisations (they act through agents) and for accounts opened by OIDC.
  password_hash text,
  -- The provincial unified identity service (统一身份认证) subject this account is linked to.
  oidc_issuer text,
  oidc_subject text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  last_login_ip text,
  prev_login_at timestamptz,
  prev_login_ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'person' OR password_hash IS NULL),
  CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX applicants_id_number_uq ON applicants (kind, id_number_index);
-- One person per mobile number: sign-in by SMS code resolves the number to exactly one account.
CREATE UNIQUE INDEX applicants_person_phone_uq ON applicants (phone_index) WHERE kind = 'person' AND phone_index IS NOT NULL;
CREATE UNIQUE INDEX applicants_oidc_uq ON applicants (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Persons acting for an organisation (经办人/法定代表人授权). 'admin' agents may grant agency to others.
CREATE TABLE organisation_agents (
  organisation_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'agent')),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  granted_by uuid REFERENCES applicants (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (organisation_id, person_id),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX organisation_agents_person_idx ON organisation_agents (person_id);

CREATE TABLE applicant_sessions (
  -- SHA-256 of the cookie token, as for staff sessions.
  id text PRIMARY KEY,
  applicant_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  -- The organisation the person currently acts for (act-as), or NULL for themselves.
  acting_for uuid REFERENCES applicants (id) ON DELETE SET NULL,
  method text NOT NULL CHECK (method IN ('password', 'sms', 'oidc', 'register')),
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX applicant_sessions_applicant_idx ON applicant_sessions (applicant_id);

-- One-time SMS codes: only an HMAC of the code is kept; a code dies on use, on expiry or after
-- too many wrong attempts. Rows also serve the per-phone and per-IP send limits.
CREATE TABLE applicant_sms_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_index text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('login', 'register')),
  code_hash text NOT NULL,
  ip text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX applicant_sms_codes_phone_idx ON applicant_sms_codes (phone_index, created_at DESC);
CREATE INDEX applicant_sms_codes_ip_idx ON applicant_sms_codes (ip, created_at DESC);

-- OpenID Connect authorization requests in flight: single use, valid for 10 minutes.
CREATE TABLE applicant_oidc_states (
  -- SHA-256 of the state value sent to the provider.
  id text PRIMARY KEY,
  nonce text NOT NULL,
  -- PKCE code verifier, SM4-encrypted.
  code_verifier_enc text NOT NULL,
  ip text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX applicant_oidc_states_created_idx ON applicant_oidc_states (created_at);
