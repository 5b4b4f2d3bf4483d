import proj4 from 'proj4';
import { register } from 'ol/proj/proj4.js';
import { get as getProjection, transform, transformExtent } from 'ol/proj.js';
import TileGrid from 'ol/tilegrid/TileGrid.js';
import type { Coordinate } from 'ol/coordinate.js';
import type { Extent } from 'ol/extent.js';
import type { ProjectionCode } from './types.ts';

export const CGCS2000 = 'EPSG:4490';
const LONLAT_GRS80 = '+proj=longlat +ellps=GRS80 +no_defs';
/** The tile levels the server is asked for; deeper views over-zoom the last level. */
export const MAX_TILE_ZOOM = 18;

let registered = false;

/** Registers CGCS2000 geographic (EPSG:4490) with OpenLayers through proj4; safe to call often. */
export function registerCgcs2000(): void {
  if (registered) return;
  proj4.defs(CGCS2000, `${LONLAT_GRS80} +type=crs`);
  register(proj4);
  const p = getProjection(CGCS2000);
  // proj4 does not know the validity extent; OL needs it for tile grids and wrapping.
  p?.setExtent([-180, -90, 180, 90]);
  p?.setWorldExtent([-180, -90, 180, 90]);
  p?.setGlobal(true);
  registered = true;
}

/** Degrees per pixel of level z on the CGCS2000 grid: 360 / 2^z / 256. */
export function cgcs2000Resolution(z: number): number {
  return 360 / 2 ** z / 256;
}

/**
 * The server's CGCS2000 tile grid (天地图 "c" matrix): origin (−180°, 90°), tiles 360/2^z degrees
 * square, 2^z columns × 2^(z−1) rows. Level 0 (one 360×180 tile, not square) is left out by
 * `minZoom: 1`, so every tile OpenLayers asks for has the square shape the server encodes.
 */
export function cgcs2000TileGrid(maxZoom = MAX_TILE_ZOOM): TileGrid {
  const resolutions = Array.from({ length: maxZoom + 1 }, (_, z) => cgcs2000Resolution(z));
  return new TileGrid({ extent: [-180, -90, 180, 90], origin: [-180, 90], resolutions, tileSize: 256, minZoom: 1 });
}

/** A view coordinate as CGCS2000 [lon, lat]. */
export function toLonLat(c: Coordinate, projection: ProjectionCode): Coordinate {
  return projection === CGCS2000 ? c : transform(c, projection, CGCS2000);
}

/** CGCS2000 [lon, lat] as a view coordinate. */
export function fromLonLat(c: Coordinate, projection: ProjectionCode): Coordinate {
  return projection === CGCS2000 ? c : transform(c, CGCS2000, projection);
}

/** A view extent as a CGCS2000 bbox (clamped to the globe). */
export function extentToLonLat(e: Extent, projection: ProjectionCode): [number, number, number, number] {
  const d = projection === CGCS2000 ? e : transformExtent(e, projection, CGCS2000);
  return [Math.max(-180, d[0]!), Math.max(-90, d[1]!), Math.min(180, d[2]!), Math.min(90, d[3]!)];
}

/** A point in a CGCS2000 Gauss-Krüger 3° zone, as Chinese surveyors write it. */
export interface GaussKruger {
  zone: number;
  /** EPSG code of the zone with its prefix (4513–4533). */
  epsg: number;
  /** Northing in metres. */
  x: number;
  /** Easting in metres, with the zone number as prefix (zone × 10⁶ + 500 000 at the central meridian). */
  y: number;
}

/** CGCS2000 lon/lat to 3° Gauss-Krüger with zone prefix: zone = round(lon / 3), central meridian 3 × zone. */
export function gaussKruger(lon: number, lat: number): GaussKruger {
  const zone = Math.round(lon / 3);
  const def = `+proj=tmerc +lat_0=0 +lon_0=${3 * zone} +k=1 +x_0=${zone * 1e6 + 500000} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  const [east, north] = proj4(LONLAT_GRS80, def, [lon, lat]) as [number, number];
  return { zone, epsg: 4488 + zone, x: north, y: east };
}
