// Types for the parts of shapefile@0.6.6 that the reader uses (the package ships none).
declare module 'shapefile' {
  import type { Feature, Geometry } from 'geojson';
  export interface ShapefileSource {
    bbox: [number, number, number, number];
    read(): Promise<{ done: boolean; value: Feature<Geometry | null, Record<string, unknown>> | undefined }>;
    cancel(): Promise<void>;
  }
  const shapefile: {
    open(shp: string, dbf?: string | null, options?: { encoding?: string; highWaterMark?: number }): Promise<ShapefileSource>;
  };
  export default shapefile;
}
