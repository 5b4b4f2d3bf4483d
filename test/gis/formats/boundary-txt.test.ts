import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Polygon } from 'geojson';
import iconv from 'iconv-lite';
import { openBoundaryTxt, parseBoundaryTxt } from '../../../src/modules/gis/formats/boundary-txt.ts';
import { signedArea, type Pt } from '../../../src/modules/gis/formats/planar.ts';
import { boundaryFile, EXAMPLE_TXT, throwsCode } from './helpers.ts';

const gbk = (s: string) => iconv.encode(s, 'gbk');
const utf8Bom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);
const square = (id0: number, ring: number, n: number, e: number, size: number) => [
  `J${id0},${ring},${n.toFixed(3)},${e.toFixed(3)}`,
  `J${id0 + 1},${ring},${n.toFixed(3)},${(e + size).toFixed(3)}`,
  `J${id0 + 2},${ring},${(n - size).toFixed(3)},${(e + size).toFixed(3)}`,
  `J${id0 + 3},${ring},${(n - size).toFixed(3)},${e.toFixed(3)}`,
  `J${id0},${ring},${n.toFixed(3)},${e.toFixed(3)}`,
];
const codes = (w: { code: string }[]) => w.map((x) => x.code);

describe('parseBoundaryTxt: the DOMAIN.md §1.6 example', () => {
  for (const [name, bytes, encoding] of [['GBK', gbk(EXAMPLE_TXT), 'gb18030'], ['UTF-8 with BOM', utf8Bom(EXAMPLE_TXT), 'utf-8-bom']] as const) {
    it(`reads the ${name} file: two parcels, 0.7600 ha with a hole and 0.2000 ha, EPSG:4526`, () => {
      const r = parseBoundaryTxt(bytes);
      assert.equal(r.encoding, encoding);
      assert.equal(r.crs.epsg, 4526);
      assert.match(r.crs.evidence, /zone prefix 38/);
      assert.equal(r.header['数据产生单位'], '衡南县自然资源局');
      assert.equal(r.header['转换参数'], ',,,,,,');
      assert.deepEqual(r.warnings, []);
      assert.equal(r.parcels.length, 2);
      const [p1, p2] = r.parcels as [typeof r.parcels[0], typeof r.parcels[0]];
      assert.equal(p1.computedAreaM2, 7600);
      assert.equal(p1.declaredAreaHa, 0.76);
      assert.equal(p2.computedAreaM2, 2000);
      assert.equal(p1.地块名称, '地块1');
      assert.equal(p1.地块用途, '工业用地');
      assert.equal(p1.地类编码, '1001');
      assert.equal(p1.界址点数, 10);
      assert.equal(p1.geometry.type, 'Polygon');
      const poly = p1.geometry as Polygon;
      assert.equal(poly.coordinates.length, 2, 'ring 2 is a hole');
      // GIS order: x = easting (with prefix), y = northing.
      assert.deepEqual(poly.coordinates[0]![0], [38370700, 2966200]);
      // RFC 7946 orientation: shell counter-clockwise, hole clockwise.
      assert.ok(signedArea(poly.coordinates[0] as Pt[]) > 0);
      assert.ok(signedArea(poly.coordinates[1] as Pt[]) < 0);
    });
  }

  it('accepts full-width punctuation and digits', () => {
    const text = EXAMPLE_TXT.replace(/,/g, '，').replace('带号=38', '带号＝３８').replace(/@/g, '＠');
    const r = parseBoundaryTxt(Buffer.from(text, 'utf8'));
    assert.equal(r.parcels.length, 2);
    assert.equal(r.crs.epsg, 4526);
  });

  it('serves the parcels as a FeatureSource', async () => {
    const src = openBoundaryTxt(gbk(EXAMPLE_TXT));
    assert.equal(src.format, 'boundary-txt');
    assert.equal(src.count, 2);
    const got = [];
    for await (const f of src.features()) got.push(f);
    assert.equal(got.length, 2);
    assert.equal(got[1]!.n, 2);
    assert.equal(got[0]!.properties['地块面积'], 0.76);
    assert.equal(got[0]!.properties['计算面积'], 7600);
    await src.close();
  });
});

describe('parseBoundaryTxt: axes and zones', () => {
  it('swaps X and Y when the columns are the other way round, with a warning', () => {
    const swapped = EXAMPLE_TXT.replace(/^(J\d+,\d+),([\d.]+),([\d.]+)$/gm, '$1,$3,$2');
    const r = parseBoundaryTxt(Buffer.from(swapped, 'utf8'));
    assert.deepEqual(codes(r.warnings), ['BOUNDARY_AXES_SWAPPED']);
    assert.match(r.warnings[0]!.message, /swapped/);
    assert.equal(r.parcels[0]!.computedAreaM2, 7600);
    assert.deepEqual((r.parcels[0]!.geometry as Polygon).coordinates[0]![0], [38370700, 2966200]);
  });

  it('refuses coordinates without zone prefix when 带号 is empty', () => {
    const text = boundaryFile(['5,0.2000,2,地块2,面,,工业用地,1001,@', ...square(1, 1, 2966300, 370900, 50)], { 带号: '' });
    throwsCode(() => parseBoundaryTxt(Buffer.from(text)), 'BOUNDARY_ZONE_MISSING', /no zone prefix.*Y=370900/);
  });

  it('uses 带号 for coordinates without prefix (CM-only EPSG) and the caller hint when 带号 is empty', () => {
    const lines = ['5,0.2500,2,地块2,面,,工业用地,1001,@', ...square(1, 1, 2966300, 370900, 50)];
    assert.equal(parseBoundaryTxt(Buffer.from(boundaryFile(lines))).crs.epsg, 4547);
    assert.equal(parseBoundaryTxt(Buffer.from(boundaryFile(lines, { 带号: '' })), { zone: 37 }).crs.epsg, 4546);
  });

  it('refuses 带号=37 when the coordinates carry zone prefix 38', () => {
    const text = EXAMPLE_TXT.replace('带号=38', '带号=37');
    const e = throwsCode(() => parseBoundaryTxt(Buffer.from(text)), 'BOUNDARY_ZONE_MISMATCH', /带号=37.*zone prefix 38/);
    assert.equal(e.extra['line'], 14);
  });

  it('reads a central meridian written as 带号 (114 → zone 38), with a warning', () => {
    const r = parseBoundaryTxt(Buffer.from(EXAMPLE_TXT.replace('带号=38', '带号=114')));
    assert.equal(r.crs.epsg, 4526);
    assert.deepEqual(codes(r.warnings), ['BOUNDARY_ZONE_IS_MERIDIAN']);
  });

  it('refuses Xian 1980 files: they need a 7-parameter transformation', () => {
    const text = EXAMPLE_TXT.replace('坐标系=2000国家大地坐标系', '坐标系=1980西安坐标系');
    throwsCode(() => parseBoundaryTxt(Buffer.from(text)), 'IMPORT_CRS_LEGACY_DATUM', /7-parameter/);
  });

  it('refuses coordinates that are not Gauss-Kruger in China, naming the line', () => {
    const text = boundaryFile(['4,0.1,1,a,面,,,,@', 'J1,1,12.5,113.2', 'J2,1,12.6,113.2', 'J3,1,12.6,113.3', 'J1,1,12.5,113.2']);
    throwsCode(() => parseBoundaryTxt(Buffer.from(text)), 'BOUNDARY_COORDINATES_UNRECOGNISED', /line 14: X=12\.5, Y=113\.2/);
  });
});

describe('parseBoundaryTxt: rings', () => {
  it('closes an unclosed ring, with a warning', () => {
    const lines = ['4,0.2000,2,地块2,面,,工业用地,1001,@', ...square(1, 1, 2966300, 38370900, 50).slice(0, 4)];
    const r = parseBoundaryTxt(Buffer.from(boundaryFile(lines)));
    assert.ok(codes(r.warnings).includes('BOUNDARY_RING_NOT_CLOSED'));
    assert.equal(r.parcels[0]!.computedAreaM2, 2500);
    const ring = (r.parcels[0]!.geometry as Polygon).coordinates[0]!;
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    assert.equal(ring.length, 5);
  });

  it('drops consecutive duplicate points, with a warning naming the line', () => {
    const sq = square(1, 1, 2966300, 38370900, 50);
    const lines = ['6,0.2500,2,地块2,面,,工业用地,1001,@', sq[0]!, sq[1]!, sq[1]!.replace('J2', 'J2a'), sq[2]!, sq[3]!, sq[4]!];
    const r = parseBoundaryTxt(Buffer.from(boundaryFile(lines)));
    assert.deepEqual(codes(r.warnings), ['BOUNDARY_DUPLICATE_POINT']);
    assert.equal(r.warnings[0]!.line, 16);
    assert.equal((r.parcels[0]!.geometry as Polygon).coordinates[0]!.length, 5);
  });

  it('refuses a bow-tie parcel and says between which edges and where', () => {
    const lines = ['5,0.2,1,蝴蝶,面,,,,@', 'J1,1,2966300.000,38370900.000', 'J2,1,2966300.000,38370950.000', 'J3,1,2966260.000,38370900.000', 'J4,1,2966260.000,38370950.000', 'J1,1,2966300.000,38370900.000'];
    const e = throwsCode(() => parseBoundaryTxt(Buffer.from(boundaryFile(lines))), 'BOUNDARY_SELF_INTERSECTS', /edge J2–J3 \(line 15\) crosses edge J4–J1 \(line 17\) at X=2966280\.000, Y=38370925\.000/);
    const problems = e.extra['problems'] as { zh: string }[];
    assert.match(problems[0]!.zh, /边 J2–J3.*相交/);
  });

  it('refuses a ring with fewer than 3 distinct points', () => {
    const lines = ['3,0.1,1,a,面,,,,@', 'J1,1,2966300.000,38370900.000', 'J2,1,2966300.000,38370950.000', 'J1,1,2966300.000,38370900.000'];
    throwsCode(() => parseBoundaryTxt(Buffer.from(boundaryFile(lines))), 'BOUNDARY_TOO_FEW_POINTS', /ring 1 \(from line 14\) has 2 distinct points/);
  });

  it('makes a ring 2 outside ring 1 a second part (MultiPolygon), not a hole', () => {
    const lines = ['10,0.5000,1,两块,面,,,,@', ...square(1, 1, 2966300, 38370900, 50), ...square(5, 2, 2966300, 38371000, 50)];
    const r = parseBoundaryTxt(Buffer.from(boundaryFile(lines)));
    assert.equal(r.parcels[0]!.geometry.type, 'MultiPolygon');
    assert.equal(r.parcels[0]!.computedAreaM2, 5000);
  });

  it('reports a point line with the wrong number of fields by line number', () => {
    const text = EXAMPLE_TXT.replace('J3,1,2966120.000,38370800.000', 'J3,1,2966120.000');
    throwsCode(() => parseBoundaryTxt(Buffer.from(text)), 'BOUNDARY_FILE_INVALID', /line 16: expected 4 fields/);
  });
});

describe('parseBoundaryTxt: parcels and areas', () => {
  it('refuses two overlapping parcels, naming both', () => {
    const lines = ['5,0.2500,1,甲,面,,,,@', ...square(1, 1, 2966300, 38370900, 50), '5,0.2500,2,乙,面,,,,@', ...square(1, 1, 2966280, 38370930, 50)];
    throwsCode(() => parseBoundaryTxt(Buffer.from(boundaryFile(lines))), 'BOUNDARY_PARCELS_OVERLAP', /parcel 1 \(甲\) and parcel 2 \(乙\) overlap/);
  });

  it('refuses two identical parcels (overlap without crossing edges)', () => {
    const lines = ['5,0.2500,1,甲,面,,,,@', ...square(1, 1, 2966300, 38370900, 50), '5,0.2500,2,乙,面,,,,@', ...square(1, 1, 2966300, 38370900, 50)];
    throwsCode(() => parseBoundaryTxt(Buffer.from(boundaryFile(lines))), 'BOUNDARY_PARCELS_OVERLAP');
  });

  it('accepts parcels that only share an edge', () => {
    const lines = ['5,0.2500,1,甲,面,,,,@', ...square(1, 1, 2966300, 38370900, 50), '5,0.2500,2,乙,面,,,,@', ...square(1, 1, 2966300, 38370950, 50)];
    assert.equal(parseBoundaryTxt(Buffer.from(boundaryFile(lines))).parcels.length, 2);
  });

  it('warns when the declared area differs from the computed one by more than 1 % (5 % here)', () => {
    const r = parseBoundaryTxt(Buffer.from(EXAMPLE_TXT.replace('5,0.2000,2', '5,0.2100,2')));
    assert.deepEqual(codes(r.warnings), ['BOUNDARY_AREA_MISMATCH']);
    assert.match(r.warnings[0]!.message, /declared area 0\.2100 ha differs from the computed 0\.2000 ha by 5\.0 %/);
    assert.equal(r.warnings[0]!.parcel, 2);
  });

  it('does not warn for a 0.5 % difference, and reads 平方米 areas', () => {
    assert.deepEqual(parseBoundaryTxt(Buffer.from(EXAMPLE_TXT.replace('5,0.2000,2', '5,0.2010,2'))).warnings, []);
    assert.deepEqual(parseBoundaryTxt(Buffer.from(EXAMPLE_TXT.replace('5,0.2000,2', '5,2000平方米,2'))).warnings, []);
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    const bytes = Buffer.concat([Buffer.from('[属性描述]\r\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x80, 0xff, 0x81, 0x20])]);
    throwsCode(() => parseBoundaryTxt(bytes), 'IMPORT_ENCODING_UNKNOWN', /neither valid UTF-8 nor GBK/);
  });

  it('refuses a file without [地块坐标]', () => {
    throwsCode(() => parseBoundaryTxt(Buffer.from('[属性描述]\r\n带号=38\r\n')), 'BOUNDARY_NO_PARCELS');
  });
});
