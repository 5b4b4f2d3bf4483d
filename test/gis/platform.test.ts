import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { GisService } from '../../src/modules/gis/service.ts';
import { JsTileEncoder, SqlTileEncoder, tileBounds } from '../../src/modules/gis/tiles.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { memorySource, rect } from './helpers.ts';

// Gauss-Krüger 3° zone 38 with prefix (EPSG:4526), near 112.70°E 26.80°N (DOMAIN.md §1.6).
const X0 = 38370700;
const Y0 = 2966120;
const BOWTIE = { type: 'Polygon' as const, coordinates: [[[X0, Y0 + 500], [X0 + 100, Y0 + 600], [X0 + 100, Y0 + 500], [X0, Y0 + 600], [X0, Y0 + 500]]] };

function lonLatTile(z: number, lon: number, lat: number) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x, y };
}

for (const kind of testDbs) {
  describe(`spatial platform on ${kind.name}`, () => {
    let t: TestApp;
    let gis: GisService;
    let staff: string;
    before(async () => {
      t = await testApp(await kind.get());
      gis = new GisService(t.ctx);
      staff = await t.login((await t.user(['window_clerk'])).username);
      await gis.importSource(null, t.region, 'DLTB', memorySource(4526, [
        { properties: { DLBM: '0101', DLMC: '水田' }, geometry: rect(X0, Y0, 100, 80, [X0 + 40, Y0 + 30, 20, 20]) },
        { properties: { DLBM: '0301', DLMC: '乔木林地' }, geometry: rect(X0 + 200, Y0, 50, 40) },
        { properties: { DLBM: '0101', DLMC: '水田' }, geometry: BOWTIE },
      ]), { define: { name: '地类图斑', nameEn: 'Land-use patches', category: 'current', geometryType: 'polygon', access: 'staff' } });
      await gis.importSource(null, t.region, 'XZQ', memorySource(4526, [{ properties: { XZQMC: '云集街道' }, geometry: rect(X0 - 1000, Y0 - 1000, 3000, 3000) }]), { define: { name: '行政区', category: 'base', geometryType: 'polygon', access: 'public' } });
      await gis.importSource(null, t.region, 'YJJBNT', memorySource(4526, [{ properties: { DLBM: '0101' }, geometry: rect(X0, Y0, 100, 80) }]), { define: { name: '永久基本农田', category: 'management', geometryType: 'polygon', access: 'restricted', requiredPermission: 'layer:manage' } });
    });
    after(() => t.close());

    it('imports a projected source into EPSG:4490 with ellipsoidal areas, repairing and counting invalid geometries', async () => {
      const layer = await gis.readableLayer(null, t.region, 'XZQ');
      assert.equal(layer.currentVersion, 1);
      const dltb = (await gis.versions(await gis.readableLayer((await t.ctx.auth.resolve(staff.split('=')[1]!, { ip: '', userAgent: null, requestId: '' })), t.region, 'DLTB')))[0]!;
      assert.equal(dltb.status, 'ready');
      assert.equal(dltb.featureCount, 3);
      assert.equal(dltb.repairedCount, 1, 'the bow-tie was repaired');
      const r = await t.db.query<{ fid: number; area_m2: number; x: number; y: number }>(
        `SELECT fid, area_m2, ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y FROM features f JOIN layers l ON l.id = f.layer_id WHERE l.region_code = $1 AND l.code = 'DLTB' ORDER BY fid`, [t.region]);
      const [withHole, small, bowtie] = r.rows;
      // Planar 7600 m² in the projection; the true (ellipsoidal) area is a little smaller, since the
      // Gauss-Krüger scale factor exceeds 1 away from the central meridian (114°E).
      assert.ok(withHole!.area_m2 < 7600 && withHole!.area_m2 > 7600 * 0.999, `area ${withHole!.area_m2}`);
      assert.ok(small!.area_m2 < 2000 && small!.area_m2 > 1998);
      assert.ok(bowtie!.area_m2 > 4900 && bowtie!.area_m2 < 5000, 'the repaired bow-tie keeps both triangles (2 × 2500 m²)');
      assert.ok(Math.abs(withHole!.x - 112.7004) < 0.001 && Math.abs(withHole!.y - 26.8) < 0.001, `centroid ${withHole!.x},${withHole!.y}`);
    });

    it('stores for parcels given in degrees the same ellipsoidal area as PostGIS ST_Area(geography)', async () => {
      const deg = (x: number, y: number, w: number, h: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x + w / 2, y + h * 1.3], [x, y + h], [x, y]]] });
      const r = await gis.importSource(null, t.region, 'GHYDYH', memorySource(4490, [
        { properties: { YDYHFLDM: '0701' }, geometry: deg(112.71, 26.81, 0.001, 0.0008) },
        { properties: { YDYHFLDM: '0101' }, geometry: { type: 'Polygon', coordinates: [...deg(112.72, 26.82, 0.002, 0.002).coordinates, [[112.7205, 26.8205], [112.7205, 26.8208], [112.7208, 26.8208], [112.7205, 26.8205]]] } },
        { properties: { YDYHFLDM: '0101' }, geometry: deg(112.6, 26.7, 0.2, 0.1) },
      ]), { define: { name: '规划用地', category: 'planning', geometryType: 'polygon', access: 'restricted', requiredPermission: 'layer:manage' } });
      const rows = await t.db.query<{ fid: number; stored: number; postgis: number }>(
        `SELECT fid, area_m2 AS stored, ST_Area(geom::geography) AS postgis FROM features WHERE layer_id = $1 AND version = $2 ORDER BY fid`, [r.layer.id, r.version]);
      assert.equal(rows.rowCount, 3);
      for (const row of rows.rows) assert.ok(Math.abs(row.stored - row.postgis) < 0.01, `feature ${row.fid}: stored ${row.stored}, PostGIS ${row.postgis}`);
    });

    it('lands an import whole or not at all: a bad feature leaves a failed version and no rows', async () => {
      const before = await gis.readableLayer(null, t.region, 'XZQ');
      for (const [geometry, code] of [
        [null, 'IMPORT_EMPTY_GEOMETRY'],
        [{ type: 'Point', coordinates: [X0, Y0] }, 'IMPORT_MIXED_GEOMETRY'],
        [rect(1e12, Y0, 10, 10), 'IMPORT_COORDINATES_OUT_OF_RANGE'],
        [rect(10, 10, 10, 10), 'IMPORT_COORDINATES_OUT_OF_RANGE'],
      ] as const) {
        const src = memorySource(4526, [{ properties: { XZQMC: 'ok' }, geometry: rect(X0, Y0, 10, 10) }, { properties: { XZQMC: 'bad' }, geometry: geometry as never }]);
        await assert.rejects(gis.importSource(null, t.region, 'XZQ', src), (err: { code?: string; extra?: { featureNumber?: number } }) => {
          assert.equal(err.code, code);
          assert.equal(err.extra?.featureNumber, 2);
          return true;
        });
      }
      const after = await gis.readableLayer(null, t.region, 'XZQ');
      assert.equal(after.currentVersion, before.currentVersion, 'the published version did not change');
      const versions = await gis.versions(after);
      assert.deepEqual(versions.slice(0, 4).map((v) => v.status), ['failed', 'failed', 'failed', 'failed']);
      const rows = await t.db.query(`SELECT 1 FROM features WHERE layer_id = $1 AND version > 1`, [after.id]);
      assert.equal(rows.rowCount, 0, 'no rows of the failed versions remain');
      const tables = await t.db.query(`SELECT 1 FROM pg_class WHERE relkind = 'r' AND relname LIKE $1`, [`features_${after.id.replace(/-/g, '')}_%`]);
      assert.equal(tables.rowCount, 1, 'only the published version has a table; the failed imports dropped theirs');
    });

    it('keeps earlier versions queryable after a new import', async () => {
      await gis.importSource(null, t.region, 'XZQ', memorySource(4526, [{ properties: { XZQMC: '车江街道' }, geometry: rect(X0, Y0, 500, 500) }]));
      const layer = await gis.readableLayer(null, t.region, 'XZQ');
      assert.ok(layer.currentVersion! > 1);
      const v1 = await gis.queryFeatures(layer, 1, { limit: 10, offset: 0 });
      const now = await gis.queryFeatures(layer, layer.currentVersion!, { limit: 10, offset: 0 });
      assert.equal((v1.features[0]!.properties as Record<string, unknown>).XZQMC, '云集街道');
      assert.equal((now.features[0]!.properties as Record<string, unknown>).XZQMC, '车江街道');
    });

    it('enforces access levels on features, tiles and OGC items alike', async () => {
      const anonymous = ['/api/gis/layers/DLTB/features', '/tiles/DLTB/14/13321/6932.mvt', '/ogc/collections/DLTB/items', '/tiles/DLTB.json'];
      for (const url of anonymous) assert.equal((await t.app.inject({ method: 'GET', url: `${url}?region=${t.region}` })).statusCode, 401, url);
      for (const url of ['/api/gis/layers/YJJBNT/features', '/tiles/YJJBNT/14/13321/6932.mvt', '/ogc/collections/YJJBNT/items']) {
        const r = await t.app.inject({ method: 'GET', url, headers: { cookie: staff } });
        assert.equal(r.statusCode, 403, url);
      }
      const ok = await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB/features?prop.DLBM=0101', headers: { cookie: staff } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().numberMatched, 2);
      const list = await t.app.inject({ method: 'GET', url: '/api/gis/layers', headers: { cookie: staff } });
      assert.deepEqual(list.json().map((l: { code: string }) => l.code).sort(), ['DLTB', 'XZQ']);
    });

    it('serves vector tiles in Web Mercator and the CGCS2000 grid, decodable, with ETag', async () => {
      const { x, y } = lonLatTile(15, 112.7006, 26.8002);
      const r = await t.app.inject({ method: 'GET', url: `/tiles/DLTB/15/${x}/${y}.mvt`, headers: { cookie: staff } });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/vnd.mapbox-vector-tile');
      const tile = new VectorTile(new PbfReader(r.rawPayload));
      const layer = tile.layers.DLTB!;
      assert.ok(layer.length >= 1);
      const f = layer.feature(0);
      assert.equal(f.type, 3);
      assert.equal(f.properties.DLBM, '0101');
      const again = await t.app.inject({ method: 'GET', url: `/tiles/DLTB/15/${x}/${y}.mvt`, headers: { cookie: staff, 'if-none-match': String(r.headers.etag) } });
      assert.equal(again.statusCode, 304);
      // CGCS2000 grid, level 15: 360/2^15 degrees per tile from (−180, 90).
      const size = 360 / 2 ** 15;
      const cx = Math.floor((112.7006 + 180) / size);
      const cy = Math.floor((90 - 26.8002) / size);
      const c = await t.app.inject({ method: 'GET', url: `/tiles/4490/DLTB/15/${cx}/${cy}.mvt`, headers: { cookie: staff } });
      assert.equal(c.statusCode, 200);
      assert.ok(new VectorTile(new PbfReader(c.rawPayload)).layers.DLTB!.length >= 1);
      const empty = await t.app.inject({ method: 'GET', url: '/tiles/XZQ/15/0/0.mvt' });
      assert.equal(empty.statusCode, 204);
      const bad = await t.app.inject({ method: 'GET', url: '/tiles/XZQ/3/9/0.mvt' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'TILE_OUT_OF_RANGE');
    });

    it('encodes the same features with both tile encoders where both run', async () => {
      const layer = await gis.readableLayer(null, t.region, 'XZQ');
      const { x, y } = lonLatTile(13, 112.7006, 26.8002);
      const b = tileBounds('webmercator', 13, x, y);
      const encoders = [new JsTileEncoder(t.db), ...(t.db.kind === 'postgres' ? [new SqlTileEncoder(t.db)] : [])];
      const decoded = await Promise.all(encoders.map(async (e) => {
        const tile = new VectorTile(new PbfReader(await e.encode(layer, layer.currentVersion!, b)));
        const l = tile.layers.XZQ!;
        const f = l.feature(0);
        const g = f.loadGeometry()[0]!;
        return { n: l.length, name: f.properties.XZQMC, extent: l.extent, first: [Math.min(...g.map((p) => p.x)), Math.min(...g.map((p) => p.y))] };
      }));
      for (const d of decoded) {
        assert.equal(d.n, 1);
        assert.equal(d.name, '车江街道');
        assert.equal(d.extent, 4096);
      }
      if (decoded.length === 2) {
        assert.ok(Math.abs(decoded[0]!.first[0]! - decoded[1]!.first[0]!) <= 2 && Math.abs(decoded[0]!.first[1]! - decoded[1]!.first[1]!) <= 2, JSON.stringify(decoded));
      }
    });

    it('keeps the largest features when a tile holds more than the feature budget, with both encoders', async () => {
      const layer = await gis.layerForImport(t.region, 'DLTB');
      const { x, y } = lonLatTile(12, 112.7006, 26.8002);
      const b = tileBounds('webmercator', 12, x, y);
      const all = await t.db.query<{ fid: number }>(`SELECT fid FROM features WHERE layer_id = $1 AND version = $2 ORDER BY area_m2 DESC, fid`, [layer.id, layer.currentVersion]);
      assert.ok(all.rowCount >= 3, 'the test layer has more features than the budget below');
      const encoders = [new JsTileEncoder(t.db, 2), ...(t.db.kind === 'postgres' ? [new SqlTileEncoder(t.db, 2)] : [])];
      for (const e of encoders) {
        const l = new VectorTile(new PbfReader(await e.encode(layer, layer.currentVersion!, b))).layers.DLTB!;
        const ids = Array.from({ length: l.length }, (_, i) => Number(l.feature(i).id)).sort((p, q) => p - q);
        assert.deepEqual(ids, all.rows.slice(0, 2).map((r) => r.fid).sort((p, q) => p - q), e.name);
      }
    });

    it('answers OGC API Features: landing, conformance, collections, paged items, CRS84 and EPSG:4490', async () => {
      const land = (await t.app.inject({ method: 'GET', url: '/ogc' })).json();
      assert.ok(land.links.some((l: { rel: string }) => l.rel === 'conformance'));
      const conf = (await t.app.inject({ method: 'GET', url: '/ogc/conformance' })).json();
      assert.ok(conf.conformsTo.includes('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs'));
      const cols = (await t.app.inject({ method: 'GET', url: '/ogc/collections', headers: { cookie: staff } })).json();
      assert.deepEqual(cols.collections.map((c: { id: string }) => c.id).sort(), ['DLTB', 'XZQ']);
      const page = await t.app.inject({ method: 'GET', url: '/ogc/collections/DLTB/items?limit=2', headers: { cookie: staff } });
      assert.equal(page.headers['content-type'], 'application/geo+json; charset=utf-8');
      const p1 = page.json();
      assert.equal(p1.numberMatched, 3);
      assert.equal(p1.numberReturned, 2);
      const next = p1.links.find((l: { rel: string }) => l.rel === 'next').href as string;
      const p2 = (await t.app.inject({ method: 'GET', url: next.replace(/^https?:\/\/[^/]+/, ''), headers: { cookie: staff } })).json();
      assert.equal(p2.numberReturned, 1);
      const lonlat = p1.features[0].geometry.coordinates[0][0];
      assert.equal(p1.features[0].geometry.crs, undefined, 'RFC 7946 geometries carry no crs member');
      const latlon = (await t.app.inject({ method: 'GET', url: '/ogc/collections/DLTB/items/1?crs=http://www.opengis.net/def/crs/EPSG/0/4490', headers: { cookie: staff } }));
      assert.equal(latlon.headers['content-crs'], '<http://www.opengis.net/def/crs/EPSG/0/4490>');
      assert.deepEqual(latlon.json().geometry.coordinates[0][0], [lonlat[1], lonlat[0]], 'EPSG:4490 is latitude first');
      const filtered = (await t.app.inject({ method: 'GET', url: '/ogc/collections/DLTB/items?DLBM=0301', headers: { cookie: staff } })).json();
      assert.equal(filtered.numberMatched, 1);
      const bbox = (await t.app.inject({ method: 'GET', url: '/ogc/collections/DLTB/items?bbox=112.7015,26.79,112.71,26.81', headers: { cookie: staff } })).json();
      assert.equal(bbox.numberMatched, 1, 'only the small patch lies east of 112.7015°E');
      const unknownCrs = await t.app.inject({ method: 'GET', url: '/ogc/collections/DLTB/items?crs=EPSG:3857', headers: { cookie: staff } });
      assert.equal(unknownCrs.statusCode, 400);
      assert.equal(unknownCrs.json().code, 'CRS_NOT_SUPPORTED');
    });

    it('identifies patches at a point and sums ellipsoidal areas by class', async () => {
      const lon = 112.7002;
      const lat = 26.8;
      const found = (await t.app.inject({ method: 'GET', url: `/api/gis/identify?lon=${lon}&lat=${lat}`, headers: { cookie: staff } })).json();
      assert.ok(found.some((x: { layer: string }) => x.layer === 'XZQ'));
      const stats = await t.app.inject({ method: 'POST', url: '/api/gis/layers/DLTB/stats/area', headers: { cookie: staff }, payload: { by: 'DLBM' } });
      const groups = stats.json().groups as { key: string; count: number; areaM2: number; areaHa: number; areaMu: number }[];
      const paddy = groups.find((g) => g.key === '0101')!;
      assert.equal(paddy.count, 2);
      assert.ok(Math.abs(paddy.areaMu - (paddy.areaM2 * 15) / 10000) < 0.01);
      const unknown = await t.app.inject({ method: 'POST', url: '/api/gis/layers/DLTB/stats/area', headers: { cookie: staff }, payload: { by: 'NOPE' } });
      assert.equal(unknown.json().code, 'PROPERTY_UNKNOWN');
    });
  });
}

for (const kind of testDbs) {
  describe(`layer administration and polygon queries on ${kind.name}`, () => {
    let t: TestApp;
    let admin: string;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      admin = await t.login((await t.user(['data_admin'], { department: 'survey_monitoring' })).username);
      clerk = await t.login((await t.user(['window_clerk'])).username);
      await new GisService(t.ctx).importSource(null, t.region, 'DLTB', memorySource(4526, [
        { properties: { DLBM: '0101', ZLDWDM: '430422103001' }, geometry: rect(X0, Y0, 100, 100) },
        { properties: { DLBM: '0301', ZLDWDM: '430422103002' }, geometry: rect(X0 + 100, Y0, 100, 100) },
        { properties: { DLBM: '0301', ZLDWDM: '430422104001' }, geometry: rect(X0 + 200, Y0, 100, 100) },
      ]), { define: { name: '地类图斑', category: 'current', geometryType: 'polygon' } });
    });
    after(() => t.close());

    it('lets a data administrator restrict a layer, which then refuses other staff', async () => {
      const denied = await t.app.inject({ method: 'PATCH', url: '/api/gis/layers/DLTB', headers: { cookie: clerk }, payload: { access: 'public' } });
      assert.equal(denied.statusCode, 403);
      const incomplete = await t.app.inject({ method: 'PATCH', url: '/api/gis/layers/DLTB', headers: { cookie: admin }, payload: { access: 'restricted' } });
      assert.equal(incomplete.statusCode, 400);
      const ok = await t.app.inject({ method: 'PATCH', url: '/api/gis/layers/DLTB', headers: { cookie: admin }, payload: { access: 'restricted', requiredPermission: 'layer:manage' } });
      assert.equal(ok.statusCode, 204);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB/features', headers: { cookie: clerk } })).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB/features', headers: { cookie: admin } })).statusCode, 200);
      await t.app.inject({ method: 'PATCH', url: '/api/gis/layers/DLTB', headers: { cookie: admin }, payload: { access: 'staff' } });
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'gis.layer_update' AND object_id = 'DLTB' AND region_code = $1`, [t.region]);
      assert.equal(audit.rowCount, 2);
    });

    it('finds the features under a drawn polygon with their overlap areas', async () => {
      // A polygon over the east half of the first square and the west half of the second (EPSG:4490 degrees).
      const center = (await t.db.query<{ x: number; y: number }>(`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${X0 + 100}, ${Y0 + 50}), 4526), 4490) AS p) s`)).rows[0]!;
      const d = 0.0004;
      const polygon = { type: 'Polygon', coordinates: [[[center.x - d, center.y - d], [center.x + d, center.y - d], [center.x + d, center.y + d], [center.x - d, center.y + d], [center.x - d, center.y - d]]] };
      const r = await t.app.inject({ method: 'POST', url: '/api/gis/layers/DLTB/query', headers: { cookie: clerk }, payload: { geometry: polygon } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().numberMatched, 2);
      const whole = (await t.db.query<{ a: number }>('SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography) AS a', [JSON.stringify(polygon)])).rows[0]!.a;
      const parts = r.json().features.map((f: { properties: { _overlap: { areaM2: number } } }) => f.properties._overlap.areaM2) as number[];
      // The polygon lies inside the two squares, straddling their shared edge: the overlaps are its two halves.
      assert.ok(Math.abs(parts[0]! + parts[1]! - whole) < whole * 0.001, `${parts} vs ${whole}`);
      for (const a of parts) assert.ok(Math.abs(a - whole / 2) < whole * 0.05, `${a} vs half of ${whole}`);
    });

    it('groups areas by town through a code prefix', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/gis/layers/DLTB/stats/area', headers: { cookie: clerk }, payload: { by: 'ZLDWDM', prefixLength: 9 } });
      const groups = r.json().groups as { key: string; count: number }[];
      assert.deepEqual(groups.map((g) => [g.key, g.count]).sort(), [['430422103', 2], ['430422104', 1]]);
    });
  });
}
