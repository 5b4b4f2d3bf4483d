-- Service-item catalogue (事项): the service guide as one validated document per item, plus every
-- past edition. The current edition lives in service_items; service_item_versions keeps all
-- editions (including the current one), append-only.
CREATE TABLE service_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{1,15}$'),
  name text NOT NULL,
  kind text NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  guide jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  UNIQUE (region_code, code)
);

CREATE TABLE service_item_versions (
  item_id uuid NOT NULL REFERENCES service_items (id),
  region_code text NOT NULL,
  code text NOT NULL,
  version integer NOT NULL,
  guide jsonb NOT NULL,
  reason text NOT NULL DEFAULT '',
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, version)
);
CREATE INDEX service_item_versions_code_idx ON service_item_versions (region_code, code, version);
