import { AppError, defineErrors } from '../../../core/errors.ts';

/**
 * Errors of the file readers (GeoJSON, zipped shapefile, GeoPackage, boundary-coordinate TXT).
 * The detail of each thrown error names what was seen (feature number, line, bbox …); the extra
 * fields carry the same facts for the import report.
 */
export const FormatErrors = defineErrors({
  IMPORT_FORMAT_UNKNOWN: { status: 422, zh: '无法识别的文件格式（支持 GeoJSON、zip 压缩的 Shapefile、GeoPackage、界址点坐标 TXT）', en: 'Unrecognised file format (GeoJSON, zipped shapefile, GeoPackage and boundary-coordinate TXT are supported)' },
  IMPORT_ENCODING_UNKNOWN: { status: 422, zh: '无法识别文件的字符编码（应为 UTF-8 或 GBK）', en: 'The text encoding could not be recognised (expected UTF-8 or GBK)' },
  IMPORT_CRS_UNKNOWN: { status: 422, zh: '无法确定坐标系，请在文件中附带 .prj 或说明坐标系', en: 'The coordinate reference system could not be determined; include a .prj or state the CRS' },
  IMPORT_CRS_NEEDS_ZONE: { status: 422, zh: '坐标不带带号，需要指定带号或中央经线', en: 'Coordinates have no zone prefix; a zone number or central meridian is needed' },
  IMPORT_CRS_LEGACY_DATUM: { status: 422, zh: '西安80/北京54 坐标需要七参数转换，请先转换为 2000 国家大地坐标系', en: 'Xian 1980 / Beijing 1954 coordinates need a 7-parameter transformation; convert them to CGCS2000 first' },
  IMPORT_ZIP_CORRUPT: { status: 400, zh: 'zip 压缩包已损坏或无法读取', en: 'The zip archive is corrupt or unreadable' },
  IMPORT_ZIP_UNSAFE_PATH: { status: 400, zh: 'zip 压缩包中含有不安全的文件路径', en: 'The zip archive contains an unsafe entry path' },
  IMPORT_ZIP_BOMB: { status: 413, zh: 'zip 压缩包解压后过大或压缩比异常', en: 'The zip archive inflates too large or has an abnormal compression ratio' },
  IMPORT_ZIP_NO_LAYER: { status: 422, zh: 'zip 压缩包中没有 .shp 图层', en: 'The zip archive contains no .shp layer' },
  IMPORT_LAYER_MISSING: { status: 422, zh: '找不到指定的图层', en: 'The named layer is not in the file' },
  IMPORT_SHP_MISSING_PART: { status: 422, zh: 'Shapefile 缺少必需的组成文件（.shx 或 .dbf）', en: 'The shapefile lacks a required part (.shx or .dbf)' },
  IMPORT_SHP_CORRUPT: { status: 422, zh: 'Shapefile 文件已损坏或被截断', en: 'The shapefile is corrupt or truncated' },
  IMPORT_DBF_COUNT_MISMATCH: { status: 422, zh: '.dbf 属性记录数与 .shp 图形记录数不一致', en: 'The .dbf record count differs from the .shp record count' },
  IMPORT_GEOJSON_INVALID: { status: 400, zh: 'GeoJSON 内容无效', en: 'The GeoJSON is not valid' },
  IMPORT_GPKG_INVALID: { status: 422, zh: 'GeoPackage 文件无效', en: 'The GeoPackage is not valid' },
  BOUNDARY_FILE_INVALID: { status: 400, zh: '界址点坐标文件格式错误', en: 'The boundary-coordinate file is malformed' },
  BOUNDARY_FILE_TOO_LARGE: { status: 413, zh: '界址点坐标文件过大', en: 'The boundary-coordinate file is too large' },
  BOUNDARY_NO_PARCELS: { status: 422, zh: '界址点坐标文件中没有地块', en: 'The boundary-coordinate file contains no parcel' },
  BOUNDARY_COORDINATES_UNRECOGNISED: { status: 422, zh: '界址点坐标不是我国范围内的高斯-克吕格平面坐标', en: 'The boundary coordinates are not Gauss-Krüger coordinates within China' },
  BOUNDARY_ZONE_MISSING: { status: 422, zh: '缺少带号：坐标不带带号且文件未填写带号', en: 'The zone is missing: coordinates carry no zone prefix and the file states no 带号' },
  BOUNDARY_ZONE_MISMATCH: { status: 422, zh: '文件填写的带号与坐标不一致', en: 'The stated zone contradicts the coordinates' },
  BOUNDARY_TOO_FEW_POINTS: { status: 422, zh: '地块界址圈少于 3 个不同的界址点', en: 'A parcel ring has fewer than 3 distinct points' },
  BOUNDARY_SELF_INTERSECTS: { status: 422, zh: '地块界线自相交', en: 'A parcel boundary intersects itself' },
  BOUNDARY_PARCELS_OVERLAP: { status: 422, zh: '地块之间相互重叠', en: 'Parcels overlap each other' },
});

/** One finding of a reader, with the place it was seen. Warnings never stop a read. */
export interface FormatProblem {
  code: string;
  /** English, naming what was seen. */
  message: string;
  /** The same in Chinese for the clerk (boundary TXT findings). */
  zh?: string;
  /** 1-based parcel / feature number. */
  parcel?: number;
  /** 1-based line number in a text file. */
  line?: number;
}

/** Throws AppError(code) with the detail and the facts as extra fields. */
export function fail(code: string, detail: string, extra: Record<string, unknown> = {}): never {
  throw new AppError(code, extra, detail);
}

/** Throws one AppError carrying all problems: the code and detail of the first, the full list in `problems`. */
export function failWithProblems(problems: FormatProblem[]): never {
  const first = problems[0]!;
  const detail = problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`;
  throw new AppError(first.code, { problems, ...(first.line ? { line: first.line } : {}), ...(first.parcel ? { parcel: first.parcel } : {}) }, detail);
}
