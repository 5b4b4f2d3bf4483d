import type { Geometry } from 'geojson';

/** The coordinate reference system of a source, as detected or declared. */
export interface CrsInfo {
  /** EPSG code: 4490 (CGCS2000 geographic), 4525/4526 (3° GK zone 37/38 with zone prefix), 4546/4547 (CM-only) … */
  epsg: number;
  /** How it was determined, for the import report: '.prj', 'coordinate ranges', 'boundary txt header' … */
  source: string;
  /** What was seen, in words a clerk understands (e.g. "X 2966131 / Y 38370734: zone 38 with prefix"). */
  evidence: string;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface FieldDef {
  name: string;
  type: FieldType;
}

/** One feature as read, in the source CRS, with its 1-based position in the file. */
export interface SourceFeature {
  /** 1-based feature number in the source (what error messages name). */
  n: number;
  properties: Record<string, string | number | boolean | null>;
  /** null for an empty geometry (the importer decides: reject with the feature number). */
  geometry: Geometry | null;
  /**
   * The same geometry as WKB when the format stores it so (GeoPackage): the importer sends it as
   * is, and `geometry` is then decoded only when somebody reads it.
   */
  wkb?: Buffer;
}

/**
 * A readable spatial source: metadata first, then features streamed one by one so a 300 000-feature
 * file never sits in memory whole. Readers throw FormatError (see errors.ts) with a code and the
 * feature number when the input is bad.
 */
export interface FeatureSource {
  format: 'geojson' | 'shapefile' | 'gpkg' | 'boundary-txt';
  /** Layer/table name in the source when it has one. */
  name: string | null;
  crs: CrsInfo;
  fields: FieldDef[];
  /** Total feature count when the format declares it up front (shapefile header, gpkg count), else null. */
  count: number | null;
  features(): AsyncIterable<SourceFeature>;
  /** Releases files and handles (also called after an error). */
  close(): Promise<void>;
}
