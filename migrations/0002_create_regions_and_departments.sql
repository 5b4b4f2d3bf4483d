-- Administrative divisions (GB/T 2260 + township/village codes) and the bureau's departments (股室).
-- region_code on every domain row is the county (or city/province) the row belongs to.
CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
  parent_code text REFERENCES regions (code)
);
CREATE INDEX regions_region_code_idx ON regions (region_code, level);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('section', 'window', 'office', 'affiliate', 'township')),
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (region_code, code)
);
