-- One partition of `features` per layer version. A version is written once and never changed, so an
-- import loads its rows into a table of its own without indexes, builds the GiST and key indexes in
-- one sorted pass afterwards (far cheaper than maintaining a shared index row by row), and publishing
-- attaches the table as a partition. A failed import drops its table. Queries name layer_id and
-- version, so the planner prunes to one partition and its small index.
ALTER TABLE features RENAME TO features_unpartitioned;
ALTER TABLE features_unpartitioned RENAME CONSTRAINT features_pkey TO features_unpartitioned_pkey;
ALTER INDEX features_geom_idx RENAME TO features_unpartitioned_geom_idx;

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
) PARTITION BY RANGE (layer_id, version);
CREATE INDEX features_geom_idx ON features USING gist (geom);

-- Existing versions move into partitions named like the importer names them.
DO $$
DECLARE
  r record;
  t text;
BEGIN
  FOR r IN SELECT DISTINCT layer_id, version FROM features_unpartitioned LOOP
    t := format('features_%s_%s', replace(r.layer_id::text, '-', ''), r.version);
    EXECUTE format('CREATE TABLE %I PARTITION OF features FOR VALUES FROM (%L, %s) TO (%L, %s)', t, r.layer_id, r.version, r.layer_id, r.version + 1);
    EXECUTE format('INSERT INTO %I SELECT layer_id, version, fid, region_code, props, geom, area_m2 FROM features_unpartitioned WHERE layer_id = %L AND version = %s', t, r.layer_id, r.version);
  END LOOP;
END
$$;

DROP TABLE features_unpartitioned;
