import { defineErrors } from '../../core/errors.ts';

/**
 * The review module's error catalogue. Boundary problems say where (parcel, ring, point number,
 * coordinates) in `detail` and in `problems` (each with zh + en). BOUNDARY_SELF_INTERSECTS is the
 * readers' code (gis/formats) and is reused as is.
 */
export const ReviewErrors = defineErrors({
  RING_NOT_CLOSED: { status: 422, zh: '地块界线未闭合：最后一个点应与第一个点相同', en: 'A parcel ring is not closed: its last point must repeat the first' },
  DUPLICATE_POINTS: { status: 422, zh: '地块界线有重复的相邻界址点', en: 'A parcel ring repeats consecutive points' },
  TOO_FEW_POINTS: { status: 422, zh: '地块界址圈少于 3 个不同的界址点或面积为零', en: 'A parcel ring has fewer than 3 distinct points or no area' },
  PARCELS_OVERLAP: { status: 422, zh: '地块之间相互重叠', en: 'Parcels overlap each other' },
  AXES_SWAPPED: { status: 422, zh: 'X、Y 坐标顺序颠倒', en: 'The X and Y coordinates are swapped' },
  ZONE_MISSING: { status: 422, zh: '缺少带号：坐标不带带号，文件也未填写带号，请指定带号', en: 'The zone is missing: the coordinates carry no zone prefix and none is stated; give the zone' },
  ZONE_CONTRADICTS: { status: 422, zh: '带号与坐标不一致', en: 'The zone contradicts the coordinates' },
  BOUNDARY_OUTSIDE_COUNTY: { status: 422, zh: '用地红线不在本县（区）行政区域内', en: 'The boundary lies outside the county' },
  AREA_MISMATCH: { status: 422, zh: '填写面积与计算面积相差超过 1%', en: 'The declared area differs from the computed area by more than 1 %' },
  UNKNOWN_ENCODING: { status: 422, zh: '无法识别文件的字符编码（应为 UTF-8 或 GBK）', en: 'The text encoding could not be recognised (expected UTF-8 or GBK)' },
  BOUNDARY_FORMAT_UNKNOWN: { status: 422, zh: '无法识别的红线文件格式（支持界址点坐标 TXT、zip 压缩的 Shapefile、GeoJSON、DXF）', en: 'Unrecognised boundary file (boundary-coordinate TXT, zipped Shapefile, GeoJSON and DXF are supported)' },
  BOUNDARY_NOT_POLYGON: { status: 422, zh: '红线必须是面（Polygon/MultiPolygon）', en: 'The boundary must be a polygon (Polygon/MultiPolygon)' },
  BOUNDARY_EMPTY: { status: 422, zh: '文件中没有红线地块', en: 'The file contains no boundary parcel' },
  BOUNDARY_TOO_LARGE: { status: 422, zh: '红线地块或界址点过多', en: 'The boundary has too many parcels or points' },
  DXF_INVALID: { status: 422, zh: 'DXF 文件无法读取', en: 'The DXF file cannot be read' },
  DXF_LAYER_AMBIGUOUS: { status: 422, zh: 'DXF 中有多个图层含闭合多段线，请指定红线图层（dxfLayer）', en: 'Several DXF layers hold closed polylines; name the boundary layer (dxfLayer)' },
  DXF_NO_CLOSED_POLYLINE: { status: 422, zh: 'DXF 指定图层中没有闭合多段线', en: 'The DXF layer holds no closed polyline' },
  BOUNDARY_FILE_MISSING: { status: 400, zh: '请求中缺少红线文件（file）或服务事项编码（itemCode）', en: 'The request lacks the boundary file (file) or the item code (itemCode)' },
  ITEM_HAS_NO_REVIEW: { status: 404, zh: '该服务事项没有空间审查规则', en: 'The service item has no spatial review rule set' },
  RULE_SET_INVALID: { status: 422, zh: '审查规则不符合要求', en: 'The rule set is not valid' },
  RULE_SET_VERSION_NOT_FOUND: { status: 404, zh: '审查规则版本不存在', en: 'No such rule-set version' },
  REPORT_NOT_FOUND: { status: 404, zh: '审查报告不存在', en: 'No such review report' },
  REPORT_OF_ANOTHER_CASE: { status: 409, zh: '该审查报告属于另一个办件', en: 'The review report belongs to another case' },
  RULE_NOT_IN_REPORT: { status: 404, zh: '报告中没有该规则', en: 'The report has no such rule' },
  FLAG_NOT_FOUND: { status: 404, zh: '复审提醒不存在', en: 'No such re-review flag' },
  FLAG_ALREADY_ACKNOWLEDGED: { status: 409, zh: '该复审提醒已被确认', en: 'The re-review flag has already been acknowledged' },
  OVERRIDE_REASON_REQUIRED: { status: 422, zh: '改判须填写书面理由（不少于 10 个字）', en: 'An override needs a written reason (at least 10 characters)' },
});
