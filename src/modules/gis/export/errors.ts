import { defineErrors } from '../../../core/errors.ts';

/** Errors of layer exports (GeoJSON, CSV, zipped Shapefile). */
export const ExportErrors = defineErrors({
  EXPORT_FORMAT_UNSUPPORTED: { status: 400, zh: '不支持的导出格式（支持 geojson、shapefile、csv）', en: 'Unsupported export format (geojson, shapefile and csv are supported)' },
  EXPORT_CRS_UNSUPPORTED: { status: 400, zh: '不支持的导出坐标系（支持 EPSG:4490、4326 及 2000 国家大地坐标系 3° 高斯-克吕格 4513–4554）', en: 'Unsupported output coordinate system (EPSG:4490, 4326 and the CGCS2000 3-degree Gauss-Kruger zones 4513–4554 are supported)' },
  EXPORT_TOO_LARGE: { status: 413, zh: '导出数据超过 Shapefile 的 2 GB 限制，请缩小范围或改用其他格式', en: 'The export exceeds the 2 GB Shapefile limit; narrow it down or choose another format' },
  EXPORT_MIXED_GEOMETRY: { status: 422, zh: '图层包含多种几何类型，无法写入同一个 Shapefile', en: 'The layer holds several geometry types, which one Shapefile cannot hold' },
});
