-- Process definitions (流程定义) as data: one versioned graph per service item. A new edition is a
-- new row; a running case keeps the row it started with.
CREATE TABLE process_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  item_code text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  graph jsonb NOT NULL,
  reason text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, item_code, version)
);
