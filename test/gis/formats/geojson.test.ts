import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openGeoJson } from '../../../src/modules/gis/formats/geojson.ts';
import { FeatureCollectionScanner } from '../../../src/modules/gis/formats/json-scanner.ts';
import { rejectsCode } from './helpers.ts';

let dir: string;
before(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'landgov-geojson-'));
});
after(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});
function file(name: string, content: string | object): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}
async function all(src: { features(): AsyncIterable<unknown> }) {
  const out = [];
  for await (const f of src.features()) out.push(f);
  return out as { n: number; properties: Record<string, unknown>; geometry: { type: string } | null }[];
}
const square = (x: number, y: number, d: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

describe('openGeoJson', () => {
  it('streams 50 000 features from a file written in pieces and yields every one in order', async () => {
    const p = path.join(dir, 'big.geojson');
    const fd = fs.openSync(p, 'w');
    fs.writeSync(fd, '{"type":"FeatureCollection","name":"DLTB","features":[\n');
    for (let i = 0; i < 50000; i++) {
      const f = { type: 'Feature', properties: { BSM: i, DLMC: i % 2 ? '旱地' : '水田 "引号" {括号}', TBMJ: i + 0.5 }, geometry: square(112.6 + (i % 100) * 0.001, 26.7, 0.0005) };
      fs.writeSync(fd, (i ? ',\n' : '') + JSON.stringify(f));
    }
    fs.writeSync(fd, ']}\n');
    fs.closeSync(fd);
    const src = await openGeoJson(p);
    assert.equal(src.name, 'DLTB');
    assert.equal(src.crs.epsg, 4326);
    assert.equal(src.count, null, 'not counted up front beyond the sample');
    assert.deepEqual(src.fields, [{ name: 'BSM', type: 'integer' }, { name: 'DLMC', type: 'string' }, { name: 'TBMJ', type: 'number' }]);
    let n = 0;
    let last: unknown;
    for await (const f of src.features()) {
      n++;
      assert.equal(f.n, n);
      last = f.properties['BSM'];
      if (n === 1) assert.equal(f.properties['DLMC'], '水田 "引号" {括号}');
    }
    assert.equal(n, 50000);
    assert.equal(last, 49999);
  });

  it('reads a legacy crs member naming EPSG:4490 and the OGC URN form for 4526', async () => {
    const a = await openGeoJson(file('a.json', { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4490' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [112.7, 26.8] } }] }));
    assert.equal(a.crs.epsg, 4490);
    const b = await openGeoJson(file('b.json', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [38370734.5, 2966131.2] } }], crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } } }));
    assert.equal(b.crs.epsg, 4526);
    assert.equal(b.crs.source, 'GeoJSON crs member');
  });

  it('detects zone-prefixed Gauss-Kruger coordinates when there is no crs member', async () => {
    const src = await openGeoJson(file('gk.json', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(38370700, 2966200, 50) }] }));
    assert.equal(src.crs.epsg, 4526);
    assert.equal(src.crs.source, 'coordinate ranges');
  });

  it('refuses a crs member that contradicts the coordinates', async () => {
    await rejectsCode(openGeoJson(file('c.json', { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4490' } }, features: [{ type: 'Feature', properties: {}, geometry: square(38370700, 2966200, 50) }] })), 'IMPORT_CRS_UNKNOWN', /EPSG:4490.*38370700/);
  });

  it('reports mixed geometry types as they are, and null geometries as null', async () => {
    const src = await openGeoJson(file('mixed.json', {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [112.7, 26.8] } },
        { type: 'Feature', properties: { a: 2 }, geometry: square(112.7, 26.8, 0.01) },
        { type: 'Feature', properties: { a: 3, nested: { x: 1 } }, geometry: null },
      ],
    }));
    const fs3 = await all(src);
    assert.deepEqual(fs3.map((f) => f.geometry?.type ?? null), ['Point', 'Polygon', null]);
    assert.equal(fs3[2]!.properties['nested'], '{"x":1}');
    assert.equal(src.count, 3);
  });

  it('names the feature that is not valid', async () => {
    const p = file('bad.json', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},{"type":"Feature","properties":{},"geometry":{"type":"Circle"}}]}');
    await rejectsCode(async () => all(await openGeoJson(p)), 'IMPORT_GEOJSON_INVALID', /feature 2: geometry type "Circle"/);
  });

  it('refuses truncated JSON and a document without features', async () => {
    await rejectsCode(openGeoJson(file('trunc.json', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":nul')), 'IMPORT_GEOJSON_INVALID', /ends early \(inside feature 1\)/);
    await rejectsCode(openGeoJson(file('nofeat.json', '{"type":"Feature","geometry":null}')), 'IMPORT_GEOJSON_INVALID', /no "features" array/);
  });
});

describe('FeatureCollectionScanner', () => {
  it('finds features split across chunks at every byte boundary, with escapes and braces inside strings', () => {
    const doc = Buffer.from('\ufeff{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"s":"a\\"}]{["},"geometry":null},{"type":"Feature","properties":{"名":"旱地"},"geometry":null}],"crs":{"type":"name","properties":{"name":"EPSG:4490"}}}');
    for (let cut = 1; cut < doc.length; cut++) {
      const sc = new FeatureCollectionScanner();
      const events = [...sc.push(doc.subarray(0, cut)), ...sc.push(doc.subarray(cut))];
      sc.end();
      const feats = events.filter((e) => e.kind === 'feature').map((e) => JSON.parse((e.raw as Buffer).toString('utf8')));
      assert.equal(feats.length, 2, `cut at ${cut}`);
      assert.equal(feats[0].properties.s, 'a"}]{[');
      assert.equal(feats[1].properties['名'], '旱地');
      const crs = events.find((e) => e.kind === 'member' && e.key === 'crs');
      assert.ok(crs, `crs member at cut ${cut}`);
    }
  });
});
