import proj4 from 'proj4';

/**
 * Boundary geometry for maps on documents: CGCS2000 longitude/latitude (EPSG:4490) projected to
 * the 3° Gauss-Krüger zone of the boundary's centre, the plane that boundary-point tables
 * (界址点坐标表) of Chinese land documents use.
 */
export type LonLat = [number, number];
/** A polygon as rings of [lon, lat]; the first ring is the outer boundary. */
export type PolygonRings = LonLat[][];

export interface BoundaryGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface BoundaryVertex {
  /** 界址点号: J1, J2 … numbered along every ring, the closing point not repeated. */
  label: string;
  lon: number;
  lat: number;
  /** Gauss-Krüger northing (X, metres). */
  x: number;
  /** Gauss-Krüger easting (Y, metres) with the zone number in front ("大数"). */
  y: number;
  /** Index of the polygon and ring the point belongs to. */
  polygon: number;
  ring: number;
}

export interface ProjectedBoundary {
  /** 3° zone number (e.g. 38) and central meridian. */
  zone: number;
  centralMeridian: number;
  /** Rings in plane metres (easting without zone prefix, northing), per polygon. */
  polygons: [number, number][][][];
  vertices: BoundaryVertex[];
  /** Plane extent: [minE, minN, maxE, maxN] in metres. */
  extent: [number, number, number, number];
}

function polygonsOf(geometry: BoundaryGeometry): PolygonRings[] {
  const polys = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  return polys.map((p) => p.map((ring) => ring.map((c) => [Number(c[0]), Number(c[1])] as LonLat)));
}

/** Projects a Polygon/MultiPolygon in EPSG:4490 to its Gauss-Krüger zone and numbers its vertices. */
export function projectBoundary(geometry: BoundaryGeometry): ProjectedBoundary {
  const polys = polygonsOf(geometry);
  const all = polys.flat(2);
  if (all.length === 0) throw new RangeError('empty boundary');
  const lons = all.map((c) => c[0]);
  const centreLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const zone = Math.round(centreLon / 3);
  const cm = zone * 3;
  // GRS80 is the CGCS2000 ellipsoid; k0 = 1 and false easting 500 km as GB/T 17798 zones use.
  const tm = proj4('+proj=longlat +ellps=GRS80 +no_defs', `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`);
  const vertices: BoundaryVertex[] = [];
  let n = 0;
  let minE = Infinity;
  let minN = Infinity;
  let maxE = -Infinity;
  let maxN = -Infinity;
  const polygons = polys.map((rings, pi) =>
    rings.map((ring, ri) => {
      const closed = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1];
      return ring.map((c, i) => {
        const [e, nn] = tm.forward([c[0], c[1]]) as [number, number];
        minE = Math.min(minE, e);
        maxE = Math.max(maxE, e);
        minN = Math.min(minN, nn);
        maxN = Math.max(maxN, nn);
        if (!(closed && i === ring.length - 1)) {
          n++;
          vertices.push({ label: `J${n}`, lon: c[0], lat: c[1], x: nn, y: zone * 1e6 + e, polygon: pi, ring: ri });
        }
        return [e, nn] as [number, number];
      });
    }),
  );
  return { zone, centralMeridian: cm, polygons, vertices, extent: [minE, minN, maxE, maxN] };
}

/** A round scale-bar length (1, 2 or 5 × 10ⁿ metres) no longer than maxMetres. */
export function niceLength(maxMetres: number): number {
  if (!(maxMetres > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const f of [5, 2, 1]) if (f * p <= maxMetres) return f * p;
  return p;
}
