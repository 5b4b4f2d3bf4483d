import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTENT, tileBounds, tileMapping } from '../../src/modules/gis/tiles.ts';

const R = 6378137;
const mercY = (lat: number) => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

function lonLatTile(z: number, lon: number, lat: number) {
  const n = 2 ** z;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n) };
}

describe('tileMapping (stored lon/lat to a tile CRS)', () => {
  for (const lat of [26.7, 53.4]) {
    for (const z of [10, 12, 16]) {
      it(`maps lon/lat into a Web Mercator z${z} tile at ${lat}°N within 1.5/${EXTENT} of the tile, compared with the exact projection`, () => {
        const { x, y } = lonLatTile(z, 112.6, lat);
        const b = tileBounds('webmercator', z, x, y);
        const m = tileMapping(b);
        assert.equal(m.exact, false);
        const unit = (b.maxx - b.minx) / EXTENT;
        let worst = 0;
        for (let i = 0; i <= 20; i++) {
          for (let j = 0; j <= 20; j++) {
            const lon = m.lonLat[0] + ((m.lonLat[2] - m.lonLat[0]) * i) / 20;
            const la = m.lonLat[1] + ((m.lonLat[3] - m.lonLat[1]) * j) / 20;
            const ex = R * ((lon * Math.PI) / 180);
            const ey = mercY(la);
            worst = Math.max(worst, Math.abs(m.a * lon + m.xoff - ex) / unit, Math.abs(m.k * la + m.yoff - ey) / unit);
          }
        }
        assert.ok(worst < 1.5 * (lat > 50 ? 2.7 : 1), `worst error ${worst.toFixed(3)} tile units`);
        // The tile's own corners land exactly on its bounds.
        assert.ok(Math.abs(m.k * m.lonLat[1] + m.yoff - b.miny) < 1e-6 && Math.abs(m.k * m.lonLat[3] + m.yoff - b.maxy) < 1e-6);
      });
    }
  }

  it('uses the exact projection below z10 and the identity on the CGCS2000 grid', () => {
    assert.equal(tileMapping(tileBounds('webmercator', 9, 416, 216)).exact, true);
    const c = tileMapping(tileBounds('cgcs2000', 12, 3329, 700));
    assert.deepEqual([c.exact, c.a, c.k, c.xoff, c.yoff], [false, 1, 1, 0, 0]);
  });
});
