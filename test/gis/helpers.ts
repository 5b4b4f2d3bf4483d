import type { Geometry } from 'geojson';
import type { FeatureSource, FieldDef } from '../../src/modules/gis/formats/types.ts';

/** A FeatureSource over features held in memory (tests of the import pipeline itself). */
export function memorySource(epsg: number, features: { properties: Record<string, string | number | null>; geometry: Geometry | null }[], fields?: FieldDef[]): FeatureSource {
  return {
    format: 'geojson',
    name: 'memory',
    crs: { epsg, source: 'test', evidence: 'declared by the test' },
    fields: fields ?? Object.keys(features[0]?.properties ?? {}).map((name) => ({ name, type: typeof features[0]!.properties[name] === 'number' ? 'number' : 'string' })),
    count: features.length,
    async *features() {
      let n = 0;
      for (const f of features) yield { n: ++n, properties: f.properties, geometry: f.geometry };
    },
    close: async () => undefined,
  };
}

/** An axis-aligned rectangle in projected metres (x = easting, y = northing), optionally with a hole. */
export function rect(x: number, y: number, w: number, h: number, hole?: [number, number, number, number]): Geometry {
  const outer = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
  const rings = [outer];
  if (hole) {
    const [hx, hy, hw, hh] = hole;
    rings.push([[hx, hy], [hx, hy + hh], [hx + hw, hy + hh], [hx + hw, hy], [hx, hy]]);
  }
  return { type: 'Polygon', coordinates: rings };
}
