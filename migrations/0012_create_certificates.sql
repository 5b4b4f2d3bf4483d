-- Electronic certificates (电子证照) issued by the bureau (src/modules/documents). Each is signed
-- with SM2 over its canonical content (GM/T 0003, SM3 digest with the default user id); the
-- signing keys live here with the private key SM4-encrypted by the server key. The case number is
-- plain text on purpose: certificates outlive and do not depend on the case tables.
CREATE TABLE certificate_signing_keys (
  -- First 16 hex characters of SM3(public key).
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  algorithm text NOT NULL DEFAULT 'SM2' CHECK (algorithm = 'SM2'),
  -- Uncompressed point, hex ('04' || x || y).
  public_key text NOT NULL CHECK (public_key ~ '^04[0-9a-f]{128}$'),
  private_key_enc text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
-- One active key per region; retired keys stay so that older certificates still verify.
CREATE UNIQUE INDEX certificate_signing_keys_active ON certificate_signing_keys (region_code) WHERE active;

-- Gap-free serial per region, year and certificate type (the last part of the number).
CREATE TABLE certificate_serials (
  region_code text NOT NULL,
  year integer NOT NULL,
  type_code text NOT NULL,
  last_serial integer NOT NULL,
  PRIMARY KEY (region_code, year, type_code)
);

CREATE TABLE certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  -- {year}{region}{type code}{5-digit serial}, e.g. 2026430422JSYDGH00001.
  certificate_no text NOT NULL UNIQUE CHECK (certificate_no ~ '^[0-9]{10}[A-Z]{2,8}[0-9]{5}$'),
  type_code text NOT NULL CHECK (type_code IN ('YDYS', 'JSYDGH', 'JSGCGH', 'XCJSGH')),
  type_name text NOT NULL,
  holder_name text NOT NULL,
  holder_id_type text NOT NULL CHECK (holder_id_type IN ('uscc', 'id_card', 'other')),
  holder_id_no text NOT NULL,
  project_name text NOT NULL,
  project_location text NOT NULL,
  -- Ellipsoidal area of the boundary (GRS80), square metres.
  land_area_m2 numeric(14, 2) NOT NULL CHECK (land_area_m2 > 0),
  -- Approved boundary as GeoJSON Polygon/MultiPolygon in CGCS2000 (EPSG:4490).
  boundary jsonb NOT NULL,
  -- Type-specific rows as printed: [{"label": "用地性质", "value": "…"}, …].
  details jsonb NOT NULL DEFAULT '[]'::jsonb,
  issued_on date NOT NULL,
  issuer text NOT NULL,
  case_no text,
  -- The canonical content as signed, its SM3 digest and the SM2 signature (r || s, hex).
  content jsonb NOT NULL,
  content_digest text NOT NULL CHECK (content_digest ~ '^[0-9a-f]{64}$'),
  signature text NOT NULL,
  key_id text NOT NULL REFERENCES certificate_signing_keys (id),
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_at timestamptz,
  revoked_reason text,
  revoked_by uuid REFERENCES users (id),
  -- HMAC-SM3 over number, status and revocation, so a status flipped in the table is detected.
  status_mac text NOT NULL,
  issued_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK (status = 'valid' OR revoked_reason IS NOT NULL)
);
CREATE INDEX certificates_region_issued ON certificates (region_code, issued_on DESC);
CREATE INDEX certificates_case_no ON certificates (case_no) WHERE case_no IS NOT NULL;
