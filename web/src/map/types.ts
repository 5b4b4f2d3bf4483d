/** Shapes of the one-map API (/api/gis, /tiles). The server's schemas (src/modules/gis) are the truth. */

export type LayerCategory = 'base' | 'current' | 'planning' | 'management' | 'other';

/** Category order of the layer tree; also the drawing order from bottom to top. */
export const CATEGORY_ORDER: readonly LayerCategory[] = ['current', 'planning', 'management', 'other', 'base'];

export interface StyleClass {
  value: string;
  label: string;
  color: string;
}

/** Catalogue style of a polygon layer: a fill per value of `by`, else `color`. */
export interface LayerStyle {
  kind: 'fill';
  by?: string;
  classes?: StyleClass[];
  color: string;
  outline: string;
  opacity: number;
}

export interface LayerField {
  name: string;
  type: string;
}

/** An entry of GET /api/gis/layers. */
export interface GisLayer {
  code: string;
  name: string;
  nameEn: string;
  category: LayerCategory;
  geometryType: 'polygon' | 'line' | 'point';
  fields: LayerField[];
  style: LayerStyle;
  access: 'public' | 'staff' | 'restricted';
  currentVersion: number | null;
}

export interface LayerVersion {
  version: number;
  status: 'importing' | 'ready' | 'failed';
  featureCount: number;
  repairedCount: number;
  totalAreaM2: number | null;
  /** EPSG:4490 degrees. */
  bbox: [number, number, number, number] | null;
  createdAt: string;
}

/** GET /api/gis/layers/{code} */
export interface GisLayerDetail extends GisLayer {
  versions: LayerVersion[];
}

/** An entry of GET /api/gis/identify */
export interface IdentifyHit {
  layer: string;
  name: string;
  version: number;
  features: { fid: number; properties: Record<string, unknown>; areaM2: number | null }[];
}

export interface GeoJsonFeature {
  type: 'Feature';
  id: number;
  properties: Record<string, unknown> & { _area_m2?: number };
  geometry: { type: string; coordinates: unknown };
}

/** GET /api/gis/layers/{code}/features */
export interface FeatureCollectionResponse {
  type: 'FeatureCollection';
  layer: string;
  version: number;
  numberMatched: number;
  numberReturned: number;
  features: GeoJsonFeature[];
}

export interface AreaGroup {
  key: string | null;
  count: number;
  areaM2: number;
  areaHa: number;
  areaMu: number;
}

/** POST /api/gis/layers/{code}/stats/area */
export interface AreaStats {
  layer: string;
  version: number;
  by: string;
  groups: AreaGroup[];
}

/** What the user chose for one layer in the tree. */
export interface LayerState {
  visible: boolean;
  /** 0–1, multiplied with the catalogue style's own opacity. */
  opacity: number;
  /** The version shown; `undefined` means the current (tiled) one. */
  version?: number;
}

export type ProjectionCode = 'EPSG:4490' | 'EPSG:3857';
