import type { MultiPolygon, Polygon } from 'geojson';
import type { CrsInfo } from '../../gis/formats/index.ts';

/** A finding about the boundary a clerk can act on: code, where, and the words in both languages. */
export interface Finding {
  code: string;
  zh: string;
  en: string;
  parcel?: number;
  line?: number;
}

export interface InputParcel {
  /** 1-based parcel number in the file. */
  n: number;
  name: string;
  /** In the source CRS, GIS order (x = easting / longitude). */
  geometry: Polygon | MultiPolygon;
  /** Area stated in the file (公顷), when it states one. */
  declaredAreaHa: number | null;
}

/** A boundary as read from a file or a request, before it is placed in EPSG:4490. */
export interface BoundaryInput {
  format: 'boundary-txt' | 'geojson' | 'shapefile' | 'dxf' | 'json';
  fileName: string | null;
  crs: CrsInfo;
  parcels: InputParcel[];
  warnings: Finding[];
  encoding?: string;
}
