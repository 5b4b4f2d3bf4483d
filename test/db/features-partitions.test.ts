import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrate, readMigrations } from '../../src/core/db/migrate.ts';
import { freshDb, testDbs } from '../helpers/db.ts';

for (const kind of testDbs) {
  describe(`migration 0014 (features partitioned by layer version) on ${kind.name}`, () => {
    it('moves the features of every existing version into a partition of its own, keeping every row', async () => {
      const db = await freshDb(kind.name);
      const all = readMigrations();
      const at = all.findIndex((m) => m.name === 'partition_features_by_layer_version');
      assert.ok(at > 0);
      await migrate(db, all.slice(0, at));
      await db.query(`INSERT INTO regions (code, region_code, name, level) VALUES ('990001', '990001', '测试县', 'county')`);
      const layer = await db.query<{ id: string }>(`INSERT INTO layers (region_code, code, name, name_en, category, geometry_type) VALUES ('990001', 'DLTB', '地类图斑', 'Patches', 'current', 'polygon') RETURNING id`);
      const id = layer.rows[0]!.id;
      for (const v of [1, 2]) {
        await db.query(`INSERT INTO layer_versions (layer_id, version, region_code, status) VALUES ($1, $2, '990001', 'ready')`, [id, v]);
        for (let fid = 1; fid <= 3; fid++) {
          await db.query(
            `INSERT INTO features (layer_id, version, fid, region_code, props, geom, area_m2) VALUES ($1, $2, $3, '990001', $4, ST_GeomFromText($5, 4490), $6)`,
            [id, v, fid, JSON.stringify({ DLBM: '0101', v }), `POLYGON((112.5 26.7, 112.5${fid} 26.7, 112.5${fid} 26.71, 112.5 26.7))`, fid * 10],
          );
        }
      }
      await migrate(db, all);
      const parted = await db.query(`SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'features'::regclass`);
      assert.equal(parted.rowCount, 1, 'features is a partitioned table');
      const parts = await db.query<{ name: string }>(`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'features'::regclass ORDER BY 1`);
      const hex = id.replace(/-/g, '');
      assert.deepEqual(parts.rows.map((r) => r.name), [`features_${hex}_1`, `features_${hex}_2`]);
      const rows = await db.query<{ version: number; n: number; area: number }>(`SELECT version, count(*)::int AS n, sum(area_m2) AS area FROM features WHERE layer_id = $1 GROUP BY version ORDER BY version`, [id]);
      assert.deepEqual(rows.rows, [{ version: 1, n: 3, area: 60 }, { version: 2, n: 3, area: 60 }]);
      const old = await db.query<{ t: string | null }>(`SELECT to_regclass('features_unpartitioned')::text AS t`);
      assert.equal(old.rows[0]!.t, null);
      // A row for a version without a partition has nowhere to go.
      await db.query(`INSERT INTO layer_versions (layer_id, version, region_code, status) VALUES ($1, 3, '990001', 'importing')`, [id]);
      await assert.rejects(db.query(`INSERT INTO features (layer_id, version, fid, region_code, geom) VALUES ($1, 3, 1, '990001', ST_GeomFromText('POINT(112.5 26.7)', 4490))`, [id]), /no partition/);
    });
  });
}
