-- Holiday / make-up workday (调休) entries entered by administrators; they win over the packaged
-- schedule. region_code '000000' = the national schedule; a county code = a local exception.
CREATE TABLE calendar_overrides (
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, day)
);
