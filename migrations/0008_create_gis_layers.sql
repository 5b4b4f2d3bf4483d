-- 国土空间基础信息平台: the layer catalogue, its versions, and the features of every version.
-- Geometries are stored in CGCS2000 geographic coordinates (EPSG:4490), the national standard;
-- projections happen at the edges (tiles in 3857 or the 4490 grid, areas ellipsoidal on GRS80).
CREATE TABLE layers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  code text NOT NULL CHECK (code ~ '^[A-Za-z][A-Za-z0-9_]{0,39}$'),
  name text NOT NULL,
  name_en text NOT NULL,
  category text NOT NULL CHECK (category IN ('base', 'current', 'planning', 'management', 'other')),
  geometry_type text NOT NULL CHECK (geometry_type IN ('polygon', 'line', 'point')),
  srid integer NOT NULL DEFAULT 4490 CHECK (srid = 4490),
  fields jsonb NOT NULL DEFAULT '[]'::jsonb,
  style jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- public: anyone; staff: any signed-in staff member; restricted: holders of required_permission.
  access text NOT NULL DEFAULT 'staff' CHECK (access IN ('public', 'staff', 'restricted')),
  required_permission text,
  current_version integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, code),
  CHECK (access <> 'restricted' OR required_permission IS NOT NULL)
);

CREATE TABLE layer_versions (
  layer_id uuid NOT NULL REFERENCES layers (id),
  version integer NOT NULL CHECK (version >= 1),
  region_code text NOT NULL,
  -- importing: rows are being written and nobody sees them; ready: published; failed: rows removed.
  status text NOT NULL CHECK (status IN ('importing', 'ready', 'failed')),
  source jsonb NOT NULL DEFAULT '{}'::jsonb,
  feature_count integer NOT NULL DEFAULT 0,
  repaired_count integer NOT NULL DEFAULT 0,
  total_area_m2 double precision,
  bbox double precision[],
  error text,
  job_id bigint,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (layer_id, version)
);

CREATE TABLE features (
  layer_id uuid NOT NULL,
  version integer NOT NULL,
  fid integer NOT NULL,
  region_code text NOT NULL,
  props jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom geometry(Geometry, 4490) NOT NULL,
  -- Ellipsoidal area on CGCS2000 (as 三调 TBMJ), m²; null for points and lines.
  area_m2 double precision,
  PRIMARY KEY (layer_id, version, fid),
  FOREIGN KEY (layer_id, version) REFERENCES layer_versions (layer_id, version)
);
CREATE INDEX features_geom_idx ON features USING gist (geom);
