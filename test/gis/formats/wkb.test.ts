import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Geometry } from 'geojson';
import wkx from 'wkx';
import { geojsonToWkb, wkbLength, WkbError } from '../../../src/modules/gis/formats/wkb.ts';

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
