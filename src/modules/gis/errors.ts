import { defineErrors } from '../../core/errors.ts';

export const GisErrors = defineErrors({
  LAYER_NOT_FOUND: { status: 404, zh: '图层不存在', en: 'No such layer' },
  LAYER_EXISTS: { status: 409, zh: '图层代码已存在', en: 'The layer code is taken' },
  LAYER_VERSION_NOT_FOUND: { status: 404, zh: '图层版本不存在', en: 'No such layer version' },
  LAYER_EMPTY: { status: 409, zh: '图层尚无已发布的数据版本', en: 'The layer has no published version yet' },
  FEATURE_NOT_FOUND: { status: 404, zh: '要素不存在', en: 'No such feature' },
  IMPORT_EMPTY_GEOMETRY: { status: 422, zh: '要素几何为空', en: 'A feature has an empty geometry' },
  IMPORT_MIXED_GEOMETRY: { status: 422, zh: '几何类型与图层不一致（混合几何类型）', en: 'A feature’s geometry type differs from the layer’s (mixed geometry types)' },
  IMPORT_COORDINATES_OUT_OF_RANGE: { status: 422, zh: '坐标超出有效范围', en: 'Coordinates are outside any valid range' },
  IMPORT_GEOMETRY_UNREPAIRABLE: { status: 422, zh: '几何图形无效且无法修复', en: 'A geometry is invalid and cannot be repaired' },
  IMPORT_NO_FEATURES: { status: 422, zh: '数据中没有要素', en: 'The data contains no features' },
  IMPORT_FAILED: { status: 422, zh: '导入失败，数据未作任何改动', en: 'The import failed; nothing was changed' },
  JOB_NOT_FOUND: { status: 404, zh: '任务不存在', en: 'No such job' },
  TILE_OUT_OF_RANGE: { status: 400, zh: '瓦片编号超出范围', en: 'Tile coordinates are out of range' },
  BBOX_INVALID: { status: 400, zh: 'bbox 参数无效：应为 minx,miny,maxx,maxy', en: 'Invalid bbox: expected minx,miny,maxx,maxy' },
  CRS_NOT_SUPPORTED: { status: 400, zh: '不支持的坐标参考系', en: 'Unsupported coordinate reference system' },
  PROPERTY_UNKNOWN: { status: 400, zh: '未知的属性字段', en: 'Unknown property' },
});
