import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import type { Polygon } from 'geojson';
import { parseBoundaryTxt } from '../../../src/modules/gis/formats/boundary-txt.ts';
import { writeBoundaryTxt } from '../../../src/modules/gis/formats/boundary-txt-write.ts';
import { detectCrsFromCoordinates, detectCrsFromPrj, epsgForZone, proj4Definition, transformer, zoneOfLongitude } from '../../../src/modules/gis/formats/crs.ts';
import { openSource } from '../../../src/modules/gis/formats/index.ts';
import { EXAMPLE_TXT, rejectsCode, throwsCode } from './helpers.ts';
import { PRJ_4490, PRJ_4526, PRJ_4547, PRJ_XIAN80, writeDbf, writePolygonShp } from './shp-writer.ts';
import { buildZip } from './zip-writer.ts';

describe('crs', () => {
  it('numbers CGCS2000 Gauss-Kruger zones as EPSG does', () => {
    assert.equal(epsgForZone(38, 3, true), 4526);
    assert.equal(epsgForZone(37, 3, true), 4525);
    assert.equal(epsgForZone(37, 3, false), 4546);
    assert.equal(epsgForZone(38, 3, false), 4547);
    assert.equal(epsgForZone(19, 6, true), 4497);
    assert.equal(epsgForZone(19, 6, false), 4508);
    assert.equal(epsgForZone(46, 3, true), null);
    assert.match(proj4Definition(4526)!, /\+lon_0=114 .*\+x_0=38500000/);
    assert.match(proj4Definition(4546)!, /\+lon_0=111 .*\+x_0=500000/);
    assert.equal(zoneOfLongitude(112.4), 37);
    assert.equal(zoneOfLongitude(112.7), 38);
  });

  it('transforms the DOMAIN.md sample point: 112.70°E 26.80°N ↔ zone 38 (Y 38370734.528, X 2966131.178) and zone 37', () => {
    const [x, y] = transformer(4490, 4526)([112.7, 26.8]);
    assert.ok(Math.abs(x - 38370734.528) < 0.01 && Math.abs(y - 2966131.178) < 0.01, `${x} ${y}`);
    const [x37] = transformer(4490, 4525)([112.7, 26.8]);
    assert.ok(Math.abs(x37 - 37669045.618) < 0.01, `${x37}`);
    const [lon, lat] = transformer(4526, 4490)([38370734.528, 2966131.178]);
    assert.ok(Math.abs(lon - 112.7) < 1e-8 && Math.abs(lat - 26.8) < 1e-8);
    const [mx] = transformer(4326, 3857)([180, 0]);
    assert.ok(Math.abs(mx - 20037508.34) < 0.01);
  });

  it('reads .prj: CGCS2000 geographic, GK with prefix, GK CM-only; refuses Xian 1980', () => {
    assert.equal(detectCrsFromPrj(PRJ_4490).epsg, 4490);
    assert.equal(detectCrsFromPrj(PRJ_4526).epsg, 4526);
    assert.equal(detectCrsFromPrj(PRJ_4547).epsg, 4547);
    assert.equal(detectCrsFromPrj(PRJ_4526.replace(/38500000\.0/, '37500000.0').replace('114.0', '111.0').replace('Zone_38', 'Zone_37')).epsg, 4525);
    throwsCode(() => detectCrsFromPrj(PRJ_XIAN80), 'IMPORT_CRS_LEGACY_DATUM', /7-parameter/);
    throwsCode(() => detectCrsFromPrj(PRJ_4526.replace('38500000.0', '38400000.0')), 'IMPORT_CRS_UNKNOWN', /false easting 38400000/);
  });

  it('guesses from coordinate ranges, and refuses what fits nothing with the bbox seen', () => {
    assert.equal(detectCrsFromCoordinates([112.1, 26.5, 113.1, 27]).epsg, 4490);
    assert.equal(detectCrsFromCoordinates([38370700, 2966200, 38370800, 2966300]).epsg, 4526);
    assert.equal(detectCrsFromCoordinates([19370700, 2966200, 19370800, 2966300]).epsg, 4497);
    throwsCode(() => detectCrsFromCoordinates([370700, 2966200, 370800, 2966300]), 'IMPORT_CRS_NEEDS_ZONE', /带号/);
    assert.equal(detectCrsFromCoordinates([370700, 2966200, 370800, 2966300], { centralMeridian: 111 }).epsg, 4546);
    throwsCode(() => detectCrsFromCoordinates([37900000, 2966200, 38100000, 2966300]), 'IMPORT_CRS_UNKNOWN', /span zone prefixes 37 and 38/);
    throwsCode(() => detectCrsFromCoordinates([1e9, 1e9, 2e9, 2e9]), 'IMPORT_CRS_UNKNOWN', /x 1000000000…2000000000/);
  });
});

describe('writeBoundaryTxt', () => {
  it('writes GBK with CRLF, 3-decimal coordinates, 4-decimal hectares, kept 转换参数 commas; the parser reads it back', () => {
    const parsed = parseBoundaryTxt(iconv.encode(EXAMPLE_TXT, 'gbk'));
    const out = writeBoundaryTxt(parsed.parcels, { ...parsed.header, 转换参数: '' });
    const text = iconv.decode(out, 'gbk');
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    assert.match(text, /\r\n转换参数=,,,,,,\r\n/);
    assert.match(text, /\r\n10,0\.7600,1,地块1,面,,工业用地,1001,@\r\nJ1,1,2966200\.000,38370700\.000\r\n/);
    assert.match(text, /\r\n5,0\.2000,2,地块2,面,,工业用地,1001,@\r\n/);
    const again = parseBoundaryTxt(out);
    assert.equal(again.encoding, 'gb18030');
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(again.parcels.map((p) => p.computedAreaM2), [7600, 2000]);
    assert.equal((again.parcels[0]!.geometry as Polygon).coordinates.length, 2);
    assert.equal(parseBoundaryTxt(writeBoundaryTxt(parsed.parcels, parsed.header, { encoding: 'utf8' })).encoding, 'utf-8');
  });
});

describe('openSource decides by content, not by name', () => {
  let dir: string;
  before(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'landgov-open-'));
  });
  after(async () => {
    await fs.promises.rm(dir, { recursive: true, force: true });
  });
  const put = (name: string, data: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it('opens a zipped shapefile named .txt', async () => {
    const { shp, shx } = writePolygonShp([[[[38370700, 2966200], [38370700, 2966250], [38370750, 2966250], [38370750, 2966200], [38370700, 2966200]]]]);
    const zip = buildZip([{ name: 'a.shp', data: shp }, { name: 'a.shx', data: shx }, { name: 'a.dbf', data: writeDbf([{ name: 'DLMC', type: 'C', length: 10 }], [['旱地']]) }]);
    const src = await openSource(put('upload1', zip), 'data.txt');
    assert.equal(src.format, 'shapefile');
    await src.close();
  });

  it('opens a GeoPackage, GeoJSON with a BOM, and a GBK boundary TXT named .json', async () => {
    const g = path.join(dir, 'upload2');
    const db = new Database(g);
    db.exec("CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, identifier TEXT); CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER); CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER, organization TEXT, organization_coordsys_id INTEGER, definition TEXT); INSERT INTO gpkg_spatial_ref_sys VALUES ('x', 4490, 'EPSG', 4490, ''); INSERT INTO gpkg_contents VALUES ('t', 'features', 't'); INSERT INTO gpkg_geometry_columns VALUES ('t', 'geom', 'POINT', 4490, 0, 0); CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB);");
    db.close();
    const gp = await openSource(g, 'x.zip');
    assert.equal(gp.format, 'gpkg');
    await gp.close();
    const gj = await openSource(put('upload3', '\ufeff  {"type":"FeatureCollection","features":[]}'), 'a.shp');
    assert.equal(gj.format, 'geojson');
    const txt = await openSource(put('upload4', iconv.encode(EXAMPLE_TXT, 'gbk')), 'a.json');
    assert.equal(txt.format, 'boundary-txt');
    assert.equal(txt.count, 2);
    assert.equal(txt.crs.epsg, 4526);
  });

  it('refuses anything else, naming the file', async () => {
    await rejectsCode(openSource(put('upload5', 'hello, world'), '红线.dwg'), 'IMPORT_FORMAT_UNKNOWN', /"红线\.dwg" is not a zip/);
    await rejectsCode(openSource(put('upload6', Buffer.alloc(0)), 'empty.txt'), 'IMPORT_FORMAT_UNKNOWN', /empty/);
  });
});
