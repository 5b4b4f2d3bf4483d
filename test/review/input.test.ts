import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildZip } from '../gis/formats/zip-writer.ts';
import { writeDbf, writePolygonShp } from '../gis/formats/shp-writer.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { box4490, boundaryTxt, buildCounty, dxf, form, X0, Y0 } from './helpers.ts';

const HEADER = ['[属性描述]', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=38', '[地块坐标]'];
/** A TXT from raw point lines [id, ring, x(rel), y(rel)] (X = northing, Y = easting with prefix). */
function txt(parcels: [string, number, number, number][][], header = HEADER, opts: { swap?: boolean; noPrefix?: boolean } = {}): string {
  const lines = [...header];
  parcels.forEach((pts, i) => {
    lines.push(`${pts.length},,${i + 1},地块${i + 1},面,,,,@`);
    for (const [id, ring, x, y] of pts) {
      const e = (opts.noPrefix ? X0 - 38e6 : X0) + x;
      const n = Y0 + y;
      lines.push(opts.swap ? `${id},${ring},${e.toFixed(3)},${n.toFixed(3)}` : `${id},${ring},${n.toFixed(3)},${e.toFixed(3)}`);
    }
  });
  return lines.join('\r\n');
}
const square = (x: number, y: number, w: number, h: number): [string, number, number, number][] =>
  [['J1', 1, x, y + h], ['J2', 1, x + w, y + h], ['J3', 1, x + w, y], ['J4', 1, x, y], ['J1', 1, x, y + h]];

for (const kind of testDbs) {
  describe(`POST /api/reviews boundary input on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
    });
    after(() => t.close());

    const post = async (name: string, content: string | Buffer, fields: Record<string, string> = {}) => {
      const f = form({ itemCode: 'YDYS', ...fields }, { name, bytes: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });
      return t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
    };
    const refused = async (res: Awaited<ReturnType<typeof post>>, code: string, detail?: RegExp) => {
      assert.equal(res.json().code, code, res.body);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
      assert.match(res.headers['content-type'] as string, /problem\+json/);
      if (detail) assert.match(`${res.json().detail} ${JSON.stringify(res.json().problems ?? '')} ${res.json().zh ?? ''}`, detail);
      const n = await t.db.query('SELECT 1 FROM review_reports WHERE region_code = $1 AND source->>\'fileName\' = $2', [t.region, 'bad']);
      assert.equal(n.rowCount, 0, 'nothing is written for a bad boundary');
    };
    const warned = (res: Awaited<ReturnType<typeof post>>, code: string) => {
      assert.equal(res.statusCode, 201, res.body);
      const w = res.json().boundary.warnings as { code: string; zh: string }[];
      assert.ok(w.some((x) => x.code === code), `warnings ${JSON.stringify(w)}`);
      return w.find((x) => x.code === code)!;
    };

    it('accepts a GBK boundary TXT with two parcels and a hole', async () => {
      const iconv = (await import('iconv-lite')).default;
      const text = txt([[...square(50, 50, 100, 100), ['J5', 2, 60, 80], ['J6', 2, 80, 80], ['J7', 2, 80, 60], ['J8', 2, 60, 60], ['J5', 2, 60, 80]], square(160, 0, 20, 20)]);
      const res = await post('gbk.txt', iconv.encode(text, 'gbk'));
      assert.equal(res.statusCode, 201, res.body);
      const src = res.json().boundary.source;
      assert.equal(src.encoding, 'gb18030');
      assert.equal(src.crs.epsg, 4526);
      assert.equal(src.parcels.length, 2);
      assert.equal(src.parcels[0].planarAreaM2, 10000 - 400);
    });
    it('refuses a ring that crosses itself, saying where', async () => {
      await refused(await post('bad', txt([[['J1', 1, 50, 50], ['J2', 1, 150, 150], ['J3', 1, 150, 50], ['J4', 1, 50, 150], ['J1', 1, 50, 50]]])), 'BOUNDARY_SELF_INTERSECTS', /X=2966220\.000, Y=38370800\.000/);
    });
    it('refuses a ring with fewer than 3 distinct points', async () => {
      await refused(await post('bad', txt([[['J1', 1, 50, 50], ['J2', 1, 150, 150], ['J1', 1, 50, 50]]])), 'TOO_FEW_POINTS', /ring 1/);
    });
    it('refuses parcels overlapping each other', async () => {
      await refused(await post('bad', boundaryTxt([{ rect: [50, 50, 100, 100] }, { rect: [100, 100, 50, 50] }])), 'PARCELS_OVERLAP', /parcel 1.*parcel 2/);
    });
    it('refuses coordinates without zone prefix when the zone is missing, and takes the zone as a field', async () => {
      const header = ['[属性描述]', '坐标系=2000国家大地坐标系', '[地块坐标]'];
      await refused(await post('bad', txt([square(50, 50, 100, 100)], header, { noPrefix: true })), 'ZONE_MISSING');
      const res = await post('ok.txt', txt([square(50, 50, 100, 100)], header, { noPrefix: true }), { zone: '38' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().boundary.source.crs.epsg, 4547);
    });
    it('refuses a 带号 contradicting the zone prefix of the coordinates', async () => {
      await refused(await post('bad', txt([square(50, 50, 100, 100)], ['[属性描述]', '带号=37', '[地块坐标]'])), 'ZONE_CONTRADICTS', /37/);
    });
    it('refuses a wrong zone given for coordinates without prefix: the parcels land outside the county', async () => {
      const header = ['[属性描述]', '坐标系=2000国家大地坐标系', '[地块坐标]'];
      await refused(await post('bad', txt([square(50, 50, 100, 100)], header, { noPrefix: true }), { zone: '40' }), 'BOUNDARY_OUTSIDE_COUNTY', /check the coordinates and the zone/);
    });
    it('refuses a boundary outside the county', async () => {
      await refused(await post('bad', boundaryTxt([{ rect: [20000, 0, 100, 100] }])), 'BOUNDARY_OUTSIDE_COUNTY', /outside the county/);
      await refused(await post('bad', boundaryTxt([{ rect: [4950, 0, 100, 100] }])), 'BOUNDARY_OUTSIDE_COUNTY', /5000\.\d+ m²|50\.\d+ %/);
    });
    it('refuses a file in an unknown encoding', async () => {
      await refused(await post('bad', Buffer.concat([Buffer.from('[属性描述]\r\n坐标系=', 'utf8'), Buffer.from([0x80, 0xff, 0x80, 0x81])])), 'UNKNOWN_ENCODING');
    });
    it('refuses an unclosed GeoJSON ring, naming the points', async () => {
      const ring = [[X0 + 50, Y0 + 50], [X0 + 150, Y0 + 50], [X0 + 150, Y0 + 150], [X0 + 50, Y0 + 150]];
      await refused(await post('bad', JSON.stringify({ type: 'Polygon', coordinates: [ring] })), 'RING_NOT_CLOSED', /not closed/);
    });
    it('warns and repairs: swapped X/Y, repeated points, declared area off by more than 1 %', async () => {
      warned(await post('swap.txt', txt([square(50, 50, 100, 100)], HEADER, { swap: true })), 'AXES_SWAPPED');
      const dup = square(50, 50, 100, 100);
      dup.splice(2, 0, ['J2', 1, 150, 150]);
      assert.match(warned(await post('dup.txt', txt([dup])), 'DUPLICATE_POINTS').zh, /J2/);
      assert.match(warned(await post('area.txt', boundaryTxt([{ rect: [50, 50, 100, 100], areaHa: 0.5 }])), 'AREA_MISMATCH').zh, /0\.5000 公顷/);
      const gj = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { cookie: clerk }, payload: { itemCode: 'YDYS', geometry: { type: 'Polygon', coordinates: [(box4490(50, 50, 100, 100) as { coordinates: number[][][] }).coordinates[0]!.map(([x, y]) => [y, x])] } } });
      warned(gj, 'AXES_SWAPPED');
    });
    it('reads a DXF boundary layer, and asks which layer when several hold closed polylines', async () => {
      const ok = await post('红线.dxf', `999\r\ndrawn by CAD\r\n${dxf([['用地红线', [50, 50, 100, 100], true], ['道路', [0, 0, 30, 30], false]])}`);
      assert.equal(ok.statusCode, 201, ok.body);
      const txtRes = await post('红线.txt', boundaryTxt([{ rect: [50, 50, 100, 100] }]));
      assert.equal(ok.json().boundary.area.m2, txtRes.json().boundary.area.m2, 'DXF and TXT give the same boundary');
      await refused(await post('bad', dxf([['A', [50, 50, 10, 10], true], ['B', [100, 100, 10, 10], true]])), 'DXF_LAYER_AMBIGUOUS', /A, B/);
      const chosen = await post('two.dxf', dxf([['A', [50, 50, 10, 10], true], ['B', [100, 100, 10, 10], true]]), { dxfLayer: 'B' });
      assert.equal(chosen.statusCode, 201, chosen.body);
      await refused(await post('bad', dxf([['红线', [50, 50, 100, 100], false]])), 'RING_NOT_CLOSED', /not closed/);
    });
    it('reads a zipped Shapefile boundary', async () => {
      const ring: [number, number][] = [[X0 + 50, Y0 + 50], [X0 + 50, Y0 + 150], [X0 + 150, Y0 + 150], [X0 + 150, Y0 + 50], [X0 + 50, Y0 + 50]];
      const { shp, shx } = writePolygonShp([[ring]]);
      const dbf = writeDbf([{ name: 'DKMC', type: 'C', length: 20 }], [['一号地块']]);
      const zip = buildZip([{ name: 'hx.shp', data: shp }, { name: 'hx.shx', data: shx }, { name: 'hx.dbf', data: dbf }, { name: 'hx.cpg', data: Buffer.from('GBK') }]);
      const res = await post('hx.zip', zip);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().boundary.source.format, 'shapefile');
      assert.equal(res.json().boundary.source.parcels[0].name, '一号地块');
      const declared = JSON.stringify({ type: 'Feature', properties: { 地块面积: 2 }, geometry: { type: 'Polygon', coordinates: [ring] } });
      assert.match(warned(await post('declared.geojson', declared), 'AREA_MISMATCH').zh, /2\.0000 公顷/);
    });
    it('answers 400 without a file or item code, 404 for an item without a rule set', async () => {
      const f = form({ itemCode: 'YDYS' });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
      assert.equal(res.json().code, 'BOUNDARY_FILE_MISSING');
      const none = await post('a.txt', boundaryTxt([{ rect: [50, 50, 100, 100] }]), { itemCode: 'BDCDJ' });
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().code, 'ITEM_HAS_NO_REVIEW');
      const bad = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { cookie: clerk }, payload: { itemCode: 'YDYS', geometry: { type: 'Point', coordinates: [1, 2] } } });
      assert.equal(bad.statusCode, 400);
      const projected = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { cookie: clerk }, payload: { itemCode: 'YDYS', geometry: { type: 'Polygon', coordinates: [[[X0, Y0], [X0 + 100, Y0], [X0 + 100, Y0 + 100], [X0, Y0]]] } } });
      assert.equal(projected.json().code, 'IMPORT_CRS_UNKNOWN');
      assert.match(projected.json().detail, /EPSG:4490/);
    });
    it('needs a signed-in user with review:run', async () => {
      const f = form({ itemCode: 'YDYS' }, { name: 'a.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const anon = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: f.headers, payload: f.payload });
      assert.equal(anon.statusCode, 401);
      const inspector = await t.login((await t.user(['inspector'])).username);
      const denied = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: inspector }, payload: f.payload });
      assert.equal(denied.statusCode, 403);
      const getAnon = await t.app.inject({ method: 'GET', url: '/api/review-rule-sets' });
      assert.equal(getAnon.statusCode, 401);
    });
    it('is documented in OpenAPI', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      for (const p of ['/api/reviews/', '/api/reviews/{id}', '/api/reviews/{id}/overrides', '/api/reviews/{id}/rerun', '/api/review-rule-sets/{itemCode}']) assert.ok(doc.paths[p], `${p} in ${Object.keys(doc.paths).filter((k: string) => k.includes('review')).join(', ')}`);
      assert.ok(doc.paths['/api/reviews/'].post.requestBody.content['multipart/form-data']);
    });
  });
}
