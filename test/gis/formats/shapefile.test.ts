import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { openZippedShapefile, type ZippedShapefileOptions } from '../../../src/modules/gis/formats/shapefile.ts';
import { rejectsCode } from './helpers.ts';
import { PRJ_4490, PRJ_4526, PRJ_XIAN80, writeDbf, writePolygonShp, type DbfField, type Ring } from './shp-writer.ts';
import { buildZip, type TestZipEntry } from './zip-writer.ts';

let dir: string;
before(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'landgov-shptest-'));
});
after(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});
let counter = 0;
function zipFile(entries: TestZipEntry[]): string {
  const p = path.join(dir, `t${++counter}.zip`);
  fs.writeFileSync(p, buildZip(entries));
  return p;
}

// Survey-style squares in CGCS2000 3° zone 38 (clockwise shells, as shapefiles store them).
const sq = (x: number, y: number, d: number): Ring => [[x, y], [x, y + d], [x + d, y + d], [x + d, y], [x, y]];
const FIELDS: DbfField[] = [{ name: 'DLMC', type: 'C', length: 20 }, { name: 'TBMJ', type: 'N', length: 12, decimals: 2 }, { name: 'BSM', type: 'N', length: 10 }];
const ROWS = [['旱地', 2500, 1], ['水田', 400.5, 2], [null, null, 3]];
const RECORDS = [[sq(38370700, 2966200, 50)], [sq(38370800, 2966200, 20)], null];

function layer(base: string, opts: { prj?: string | null; cpg?: string; dbf?: Buffer; records?: (Ring[] | null)[]; shp?: (b: Buffer) => Buffer } = {}): TestZipEntry[] {
  const { shp, shx } = writePolygonShp(opts.records ?? RECORDS);
  const entries: TestZipEntry[] = [
    { name: `${base}.shp`, data: opts.shp ? opts.shp(shp) : shp },
    { name: `${base}.shx`, data: shx },
    { name: `${base}.dbf`, data: opts.dbf ?? writeDbf(FIELDS, ROWS, 'gbk') },
  ];
  if (opts.prj !== null) entries.push({ name: `${base}.prj`, data: Buffer.from(opts.prj ?? PRJ_4526) });
  if (opts.cpg) entries.push({ name: `${base}.cpg`, data: Buffer.from(opts.cpg) });
  return entries;
}
async function readAll(p: string, opts?: ZippedShapefileOptions) {
  const src = await openZippedShapefile(p, opts);
  try {
    const out = [];
    for await (const f of src.features()) out.push(f);
    return { src, features: out };
  } finally {
    await src.close();
  }
}

describe('openZippedShapefile: reading', () => {
  it('reads a GBK polygon layer with its .prj: fields, count, CRS, attributes, null shape as null geometry', async () => {
    const { src, features } = await readAll(zipFile(layer('DLTB')));
    assert.equal(src.format, 'shapefile');
    assert.equal(src.name, 'DLTB');
    assert.equal(src.count, 3);
    assert.equal(src.crs.epsg, 4526);
    assert.equal(src.crs.source, '.prj');
    assert.deepEqual(src.fields, [{ name: 'DLMC', type: 'string' }, { name: 'TBMJ', type: 'number' }, { name: 'BSM', type: 'integer' }]);
    assert.equal(features.length, 3);
    assert.deepEqual(features.map((f) => f.n), [1, 2, 3]);
    assert.deepEqual(features[0]!.properties, { DLMC: '旱地', TBMJ: 2500, BSM: 1 });
    assert.equal(features[1]!.properties['TBMJ'], 400.5);
    assert.equal(features[0]!.geometry?.type, 'Polygon');
    assert.deepEqual((features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]![0], [38370700, 2966200]);
    assert.equal(features[2]!.geometry, null);
  });

  it('honours a .cpg of UTF-8, and a Chinese entry name stored in GBK without the UTF-8 flag', async () => {
    const entries = layer('x', { cpg: 'UTF-8', dbf: writeDbf(FIELDS, ROWS, 'utf8') }).map((e) => ({ ...e, name: iconv.encode(`地类图斑${String(e.name).slice(1)}`, 'gbk') }));
    const { src, features } = await readAll(zipFile(entries));
    assert.equal(src.name, '地类图斑');
    assert.equal(features[1]!.properties['DLMC'], '水田');
  });

  it('takes the CRS from the coordinates when there is no .prj', async () => {
    const { src } = await readAll(zipFile(layer('DLTB', { prj: null })));
    assert.equal(src.crs.epsg, 4526);
    assert.match(src.crs.source, /coordinate ranges \(no \.prj\)/);
  });

  it('reads the first layer alphabetically, reports the others, and reads a named layer', async () => {
    const p = zipFile([...layer('b/YJJBNT'), ...layer('a/DLTB', { prj: PRJ_4490, records: [[sq(112.7, 26.8, 0.001)], null, null] })]);
    const first = await readAll(p);
    assert.equal(first.src.name, 'DLTB');
    assert.equal(first.src.crs.epsg, 4490);
    assert.match(first.src.warnings[0]!.message, /read a\/DLTB\.shp, not b\/YJJBNT\.shp/);
    const named = await readAll(p, { layer: 'YJJBNT' });
    assert.equal(named.src.name, 'YJJBNT');
    await rejectsCode(openZippedShapefile(p, { layer: 'CZKFBJ' }), 'IMPORT_LAYER_MISSING', /CZKFBJ/);
  });
});

describe('openZippedShapefile: refusing bad input', () => {
  it('refuses a truncated .shp, naming the first record cut off', async () => {
    const p = zipFile(layer('DLTB', { shp: (b) => b.subarray(0, 100 + 8 + 128 + 30) }));
    const e = await rejectsCode(openZippedShapefile(p), 'IMPORT_SHP_CORRUPT', /record 2 ends at byte \d+ but the \.shp has only 266 bytes/);
    assert.equal(e.extra['recordNumber'], 2);
  });

  it('refuses a .dbf whose record count differs from the .shp (counted from the .shx)', async () => {
    await rejectsCode(openZippedShapefile(zipFile(layer('DLTB', { dbf: writeDbf(FIELDS, ROWS.slice(0, 2)) }))), 'IMPORT_DBF_COUNT_MISMATCH', /\.shp has 3 records .* \.dbf header says 2/);
  });

  it('refuses a layer without .dbf', async () => {
    await rejectsCode(openZippedShapefile(zipFile(layer('DLTB').filter((e) => !String(e.name).endsWith('.dbf')))), 'IMPORT_SHP_MISSING_PART', /no \.dbf/);
  });

  for (const bad of ['../evil.shp', 'a/../../evil.shp', '/etc/evil.shp', 'C:/evil.shp', '..\\evil.shp']) {
    it(`refuses the entry name ${bad}`, async () => {
      await rejectsCode(openZippedShapefile(zipFile([...layer('DLTB'), { name: bad, data: Buffer.from('x') }])), 'IMPORT_ZIP_UNSAFE_PATH', /evil\.shp/);
    });
  }

  describe('zip bombs', () => {
    const zeros = Buffer.alloc(110 * 1024 * 1024);
    const deflated = zlib.deflateRawSync(zeros);
    it('uses a few KB that inflate to 110 MB', () => {
      assert.ok(deflated.length < 200 * 1024, `${deflated.length} bytes`);
    });
    it('refuses an entry with an honest declared size and a ratio above 100:1', async () => {
      const p = zipFile([...layer('DLTB'), { name: 'padding.bin', data: zeros, compressed: deflated }]);
      await rejectsCode(openZippedShapefile(p), 'IMPORT_ZIP_BOMB', /padding\.bin.*:1, more than 100:1/);
    });
    it('counts the inflated bytes when the declared size lies', async () => {
      const entries = layer('DLTB').map((e) => (String(e.name).endsWith('.dbf') ? { ...e, data: zeros, compressed: deflated, declaredSize: 4096 } : e));
      await rejectsCode(openZippedShapefile(zipFile(entries)), 'IMPORT_ZIP_BOMB', /DLTB\.dbf" inflates beyond its declared 4096 bytes/);
    });
    it('refuses when the declared total exceeds the limit', async () => {
      await rejectsCode(openZippedShapefile(zipFile(layer('DLTB')), { maxUncompressedBytes: 300 }), 'IMPORT_ZIP_BOMB', /declare \d+ bytes uncompressed; at most 300/);
    });
    it('refuses too many entries', async () => {
      const many = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }));
      await rejectsCode(openZippedShapefile(zipFile([...layer('DLTB'), ...many]), { maxEntries: 10 }), 'IMPORT_ZIP_BOMB', /24 entries; at most 10/);
    });
  });

  it('refuses an unknown CRS (no .prj, coordinates nonsense), giving the bbox seen', async () => {
    await rejectsCode(openZippedShapefile(zipFile(layer('DLTB', { prj: null, records: [[sq(5e7, 9e7, 10)], null, null] }))), 'IMPORT_CRS_UNKNOWN', /x 50000000…50000010, y 90000000…90000010/);
  });

  it('refuses longitude/latitude outside China', async () => {
    await rejectsCode(openZippedShapefile(zipFile(layer('DLTB', { prj: null, records: [[sq(-100, 40, 1)], null, null] }))), 'IMPORT_CRS_UNKNOWN', /outside China/);
  });

  it('asks for a zone for Gauss-Kruger coordinates without prefix and without .prj, and uses the hint', async () => {
    const p = zipFile(layer('DLTB', { prj: null, records: [[sq(370700, 2966200, 50)], null, null] }));
    await rejectsCode(openZippedShapefile(p), 'IMPORT_CRS_NEEDS_ZONE');
    assert.equal((await readAll(p, { zoneHint: { zone: 38 } })).src.crs.epsg, 4547);
  });

  it('refuses a Xian 1980 .prj: it needs a 7-parameter transformation', async () => {
    await rejectsCode(openZippedShapefile(zipFile(layer('DLTB', { prj: PRJ_XIAN80 }))), 'IMPORT_CRS_LEGACY_DATUM', /7-parameter/);
  });

  it('refuses a zip without .shp and a file that is not a zip', async () => {
    await rejectsCode(openZippedShapefile(zipFile([{ name: 'readme.txt', data: Buffer.from('hi') }])), 'IMPORT_ZIP_NO_LAYER', /readme\.txt/);
    const p = path.join(dir, 'not.zip');
    fs.writeFileSync(p, 'PK\x03\x04 this is not really a zip');
    await rejectsCode(openZippedShapefile(p), 'IMPORT_ZIP_CORRUPT');
  });
});
