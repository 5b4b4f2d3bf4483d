import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';

// A bow-tie (self-intersecting) polygon makes GEOS fail. Native PostGIS raises; PGlite returns an
// empty result with no error. Either way the caller must get an error, never "no overlap".
const BOWTIE = `SELECT 42 AS a, ST_Area(ST_Intersection('POLYGON((0 0,10 10,10 0,0 10,0 0))'::geometry, 'POLYGON((0 0,5 0,5 5,0 5,0 0))'::geometry)) AS area`;

for (const kind of testDbs) {
  describe(`GEOS failure guard on ${kind.name}`, () => {
    it('raises on an overlay with a bow-tie instead of returning no rows', async () => {
      const db = await kind.get();
      await assert.rejects(db.query(BOWTIE));
    });

    it('raises inside a transaction too, and rolls it back', async () => {
      const db = await kind.get();
      const code = `9${Date.now() % 100000}`.padEnd(6, '0').slice(0, 6);
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO calendar_overrides (region_code, day, kind, name) VALUES ($1, '2030-01-01', 'holiday', 'x')`, [code]);
          await tx.query(BOWTIE);
        }),
      );
      const r = await db.query('SELECT 1 FROM calendar_overrides WHERE region_code = $1', [code]);
      assert.equal(r.rowCount, 0);
    });

    it('still returns an honest empty result for a query that matches nothing', async () => {
      const db = await kind.get();
      const r = await db.query(`SELECT ST_Area(g) FROM (SELECT 'POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry AS g) s WHERE false`);
      assert.equal(r.rows.length, 0);
    });

    it('computes a valid overlay exactly', async () => {
      const db = await kind.get();
      const r = await db.query<{ a: number }>(`SELECT ST_Area(ST_Intersection('POLYGON((0 0,10 0,10 10,0 10,0 0))'::geometry, 'POLYGON((5 5,15 5,15 15,5 15,5 5))'::geometry)) AS a`);
      assert.equal(r.rows[0]!.a, 25);
    });
  });
}
