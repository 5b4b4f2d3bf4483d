-- The online hall (网上办事大厅): files uploaded by applicants, application drafts, and failed
-- public progress lookups (for the per-address limit).

-- Who uploaded a file through the hall: only that account may read it or attach it to an
-- application. (files.uploaded_by names staff accounts only.)
CREATE TABLE applicant_files (
  file_id uuid PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  applicant_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
CREATE INDEX applicant_files_owner_idx ON applicant_files (applicant_id, created_at DESC);

-- An application being prepared. The project values are stored as typed, even incomplete (a
-- draft may be unfinished); they are checked against the item's form at submission.
CREATE TABLE hall_drafts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  -- The acting account: a person, or the organisation an agent acts for.
  applicant_id uuid NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  item_code text NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  project jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(project) = 'object'),
  -- [{code, fileId}]: one current file per material of the item's checklist.
  materials jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(materials) = 'array'),
  -- The pre-checked boundary as GeoJSON in EPSG:4490 (the review report's placed union).
  boundary jsonb,
  boundary_file_name text CHECK (boundary_file_name IS NULL OR char_length(boundary_file_name) <= 200),
  precheck_report_id uuid,
  precheck jsonb,
  -- Set once, with the Idempotency-Key of the submission that made the case.
  submitted_case_id uuid,
  submit_key text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((submitted_case_id IS NULL) = (submit_key IS NULL))
);
CREATE INDEX hall_drafts_owner_idx ON hall_drafts (applicant_id, updated_at DESC);

-- Failed lookups of GET /api/portal/progress per client address (more than 20 a minute → 429).
CREATE TABLE hall_progress_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ip text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX hall_progress_failures_ip_idx ON hall_progress_failures (ip, at);
