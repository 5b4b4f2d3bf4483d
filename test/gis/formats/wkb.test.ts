import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Geometry } from 'geojson';
import geographiclib from 'geographiclib-geodesic';
import wkx from 'wkx';
import { geojsonToWkb, wkbEllipsoidalArea, wkbLength, WkbError } from '../../../src/modules/gis/formats/wkb.ts';

const ring = [[112.5, 26.7], [112.51, 26.7], [112.51, 26.71], [112.5, 26.71], [112.5, 26.7]];
const hole = [[112.502, 26.702], [112.502, 26.703], [112.503, 26.703], [112.502, 26.702]];
const samples: Geometry[] = [
  { type: 'Point', coordinates: [112.5, 26.7] },
  { type: 'LineString', coordinates: [[112.5, 26.7], [112.6, 26.8]] },
  { type: 'Polygon', coordinates: [ring, hole] },
  { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
  { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]] },
  { type: 'MultiPolygon', coordinates: [[ring], [ring, hole]] },
  { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [ring] }] },
];

describe('geojsonToWkb', () => {
  for (const g of samples) {
    it(`encodes a ${g.type} that a WKB parser reads back unchanged`, () => {
      const wkb = geojsonToWkb(g);
      assert.equal(wkbLength(wkb), wkb.length);
      assert.deepEqual(wkx.Geometry.parse(wkb).toGeoJSON(), g);
    });
  }

  it('drops a third coordinate (the platform stores 2D)', () => {
    const wkb = geojsonToWkb({ type: 'Point', coordinates: [1, 2, 3] });
    assert.deepEqual(wkx.Geometry.parse(wkb).toGeoJSON(), { type: 'Point', coordinates: [1, 2] });
  });
});

describe('wkbLength', () => {
  it('measures ISO WKB with Z and big-endian WKB', () => {
    const z = new wkx.Point(1, 2, 3).toWkb();
    assert.equal(wkbLength(z), z.length);
    const be = Buffer.from('00000000013ff00000000000004000000000000000', 'hex');
    assert.equal(wkbLength(be), 21);
  });

  it('rejects truncated WKB, a bad byte-order mark and an unknown type', () => {
    const wkb = geojsonToWkb(samples[2]!);
    assert.throws(() => wkbLength(wkb.subarray(0, wkb.length - 3)), WkbError);
    const bad = Buffer.from(wkb);
    bad[0] = 7;
    assert.throws(() => wkbLength(bad), /byte-order/);
    const unknown = Buffer.from(wkb);
    unknown.writeUInt32LE(17, 1);
    assert.throws(() => wkbLength(unknown), /unsupported geometry type 17/);
  });
});

describe('wkbEllipsoidalArea', () => {
  // Exact geodesic polygon area on GRS80 (CGCS2000), holes subtracted.
  const geod = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);
  function exact(g: Geometry): number {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let total = 0;
    for (const poly of polys) {
      poly.forEach((ring, i) => {
        const p = geod.Polygon(false);
        for (const pt of ring.slice(0, -1)) p.AddPoint(pt[1]!, pt[0]!);
        const a = Math.abs(p.Compute(false, true).area ?? NaN);
        total += i === 0 ? a : -a;
      });
    }
    return total;
  }
  const parcel = [[112.7, 26.8], [112.7012, 26.8001], [112.7013, 26.8011], [112.7004, 26.8013], [112.6998, 26.8007], [112.7, 26.8]];
  const hole = [[112.7004, 26.8004], [112.7006, 26.8004], [112.7006, 26.8006], [112.7004, 26.8004]];

  for (const g of [
    { type: 'Polygon', coordinates: [parcel] },
    { type: 'Polygon', coordinates: [parcel.slice().reverse(), hole] },
    { type: 'MultiPolygon', coordinates: [[parcel, hole], [parcel.map(([x, y]) => [x! + 0.01, y! - 0.02])]] },
    { type: 'Polygon', coordinates: [parcel.map(([x, y]) => [x! + 14, y! + 26])] },
  ] as Geometry[]) {
    it(`agrees with the exact geodesic area within a square centimetre: ${g.type} near ${JSON.stringify((g as { coordinates: number[][][] }).coordinates.flat(3).slice(0, 2))}`, () => {
      const a = wkbEllipsoidalArea(geojsonToWkb(g))!;
      const e = exact(g);
      assert.ok(e > 1000);
      assert.ok(Math.abs(a - e) < 0.01, `${a} vs ${e}`);
    });
  }

  it('leaves to PostGIS what it cannot measure exactly: long edges, lines, projected coordinates', () => {
    assert.equal(wkbEllipsoidalArea(geojsonToWkb({ type: 'Polygon', coordinates: [[[112, 26], [112.2, 26], [112.2, 26.2], [112, 26]]] })), null);
    assert.equal(wkbEllipsoidalArea(geojsonToWkb({ type: 'LineString', coordinates: [[112, 26], [112.001, 26]] })), null);
    assert.equal(wkbEllipsoidalArea(geojsonToWkb({ type: 'Polygon', coordinates: [[[38370700, 2966120], [38370800, 2966120], [38370800, 2966200], [38370700, 2966120]]] })), null);
  });
});
