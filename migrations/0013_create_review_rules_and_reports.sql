-- 辅助审查 (automatic spatial compliance review): versioned rule sets per service item, the
-- reproducible reports (boundary, data versions, results, overrides) and the flags raised when a
-- layer's new version changes the outcome of an open case's review.
CREATE TABLE review_rule_sets (
  id bigserial PRIMARY KEY,
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  -- The service item's short code (YDYS, JSGCGH …); a plain string, owned by the approval module.
  item_code text NOT NULL CHECK (item_code ~ '^[A-Z][A-Z0-9_]{1,19}$'),
  version integer NOT NULL CHECK (version >= 1),
  rules jsonb NOT NULL,
  note text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, item_code, version)
);

-- Report numbers SC{region}{yyyyMMdd}{serial}: one counter per region and day.
CREATE TABLE review_report_serials (
  region_code text NOT NULL,
  day text NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (region_code, day)
);

CREATE TABLE review_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  report_no text NOT NULL UNIQUE,
  item_code text NOT NULL,
  -- The case (办件) this review belongs to, when there is one; plain text, no foreign key.
  case_id text,
  boundary geometry(MultiPolygon, 4490) NOT NULL,
  boundary_area_m2 double precision NOT NULL,
  -- File name, format, detected CRS, parcels and the reader's warnings.
  source jsonb NOT NULL,
  rule_set_version integer NOT NULL,
  -- {"DLTB": 3, "YJJBNTBHTB": 1, …}: the published version of every layer read.
  layer_versions jsonb NOT NULL,
  results jsonb NOT NULL,
  land_use jsonb NOT NULL,
  overall text NOT NULL CHECK (overall IN ('PASS', 'WARN', 'CONDITIONAL', 'FAIL', 'MANUAL', 'NA')),
  overall_computed text NOT NULL CHECK (overall_computed IN ('PASS', 'WARN', 'CONDITIONAL', 'FAIL', 'MANUAL', 'NA')),
  overrides jsonb NOT NULL DEFAULT '[]'::jsonb,
  previous_report_id uuid REFERENCES review_reports (id),
  diff jsonb,
  trigger text NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'rerun', 'layer_update')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_reports_case_idx ON review_reports (region_code, case_id, created_at DESC) WHERE case_id IS NOT NULL;
CREATE INDEX review_reports_boundary_idx ON review_reports USING gist (boundary);

-- A re-review after a layer changed, for the case's reviewer to look at (shown by the approval module).
CREATE TABLE review_flags (
  id bigserial PRIMARY KEY,
  region_code text NOT NULL,
  case_id text NOT NULL,
  report_id uuid NOT NULL REFERENCES review_reports (id),
  previous_report_id uuid NOT NULL REFERENCES review_reports (id),
  summary jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id)
);
CREATE INDEX review_flags_case_idx ON review_flags (region_code, case_id) WHERE acknowledged_at IS NULL;
