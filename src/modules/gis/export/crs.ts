import { AppError } from '../../../core/errors.ts';
import { gkZoneOf } from '../formats/crs.ts';
import { ExportErrors as E } from './errors.ts';

/**
 * Output coordinate systems of an export. Data is stored in CGCS2000 geographic (EPSG:4490), so
 * 4490 needs no transformation; 4326 is offered for web tools (CGCS2000 and WGS 84 differ by
 * centimetres, PROJ treats the step as a null transformation); the 3° Gauss-Krüger zones
 * (4513–4533 with zone prefix, 4534–4554 central meridian only) are what surveyors and CAD expect.
 */
export function isExportCrs(epsg: number): boolean {
  return epsg === 4490 || epsg === 4326 || (Number.isInteger(epsg) && epsg >= 4513 && epsg <= 4554);
}

/** Throws EXPORT_CRS_UNSUPPORTED unless the code is an export CRS. */
export function requireExportCrs(epsg: number): number {
  if (!isExportCrs(epsg)) throw new AppError(E.EXPORT_CRS_UNSUPPORTED, { crs: epsg, supported: [4490, 4326, '4513-4554'] });
  return epsg;
}

export function isGeographic(epsg: number): boolean {
  return epsg === 4490 || epsg === 4326;
}

const CGCS2000_GEOGCS = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const WGS84_GEOGCS = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A number as ESRI writes it in a .prj: always with a decimal part. */
function esriNumber(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/**
 * The ESRI WKT (.prj content) of an export CRS, named as ArcGIS names them:
 * CGCS2000_3_Degree_GK_Zone_38 (EPSG:4526, easting with zone prefix) or CGCS2000_3_Degree_GK_CM_114E
 * (EPSG:4547). Throws EXPORT_CRS_UNSUPPORTED for any other code.
 */
export function esriPrj(epsg: number): string {
  requireExportCrs(epsg);
  if (epsg === 4490) return CGCS2000_GEOGCS;
  if (epsg === 4326) return WGS84_GEOGCS;
  const gk = gkZoneOf(epsg)!;
  const name = gk.prefixed ? `CGCS2000_3_Degree_GK_Zone_${gk.zone}` : `CGCS2000_3_Degree_GK_CM_${gk.centralMeridian}E`;
  const falseEasting = gk.prefixed ? gk.zone * 1e6 + 500000 : 500000;
  return `PROJCS["${name}",${CGCS2000_GEOGCS},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${esriNumber(falseEasting)}],PARAMETER["False_Northing",0.0],`
    + `PARAMETER["Central_Meridian",${esriNumber(gk.centralMeridian)}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}
