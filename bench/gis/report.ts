// Markdown of the spatial benchmark (bench/results/gis.md).
import type { ImportFigures } from './imports.ts';
import { ogrArgs } from './imports.ts';
import type { RunFigures } from './load.ts';
import type { ServeFigures } from './serve.ts';
import type { MachineInfo } from './util.ts';

export interface Report {
  command: string;
  machine: MachineInfo;
  postgis?: string;
  patches: number;
  pglitePatches: number;
  seconds: number;
  pgliteSeconds: number;
  concurrency: number;
  generated?: { patches: number; dltb: number; seconds: number; mib: number }[];
  imports: ImportFigures[];
  reader?: { features: number; seconds: number; jsonBytes: number };
  ogrDb?: string;
  tileMix?: { total: number; used: number; byZoom: Record<string, number> };
  native?: ServeFigures;
  pglite?: ServeFigures;
  notes: string[];
  totalSeconds?: number;
  failure?: string;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const mib = (b: number) => (b / 2 ** 20).toFixed(1);
const yes = (ok: boolean) => (ok ? '**met**' : '**not met**');

function runRow(r: RunFigures, what: string): string {
  const status = Object.entries(r.status).map(([k, v]) => `${k}: ${v}`).join(', ') || '–';
  return `| ${r.label} | ${what} | ${f0(r.count)} | ${f1(r.perSecond)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.max)} | ${mib(r.bytes)} | ${status} | ${r.errors} | ${f0(r.cpu.selfPct)} % | ${f0(r.cpu.machinePct)} % |`;
}

function serveSection(title: string, s: ServeFigures, targets: boolean): string[] {
  const head = ['| Run | What is measured | Requests | per s | p50 ms | p95 ms | p99 ms | max ms | MiB | HTTP status | errors | CPU bench process (1 core = 100 %) | CPU machine (all cores) |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |'];
  const ratio = s.tilesHttpCold.perSecond / s.tilesRaw.perSecond;
  const lines = [
    `### ${title}`, '',
    ...head,
    runRow(s.tilesRaw, 'raw encoder call (no HTTP), distinct tiles; MiB = tile bodies'),
    runRow(s.tilesHttpCold, `HTTP **cold**: ${s.tilesHttpCold.note ?? ''}; MiB incl. headers`),
    runRow(s.tilesHttpHot, `HTTP **hot**: ${s.tilesHttpHot.note ?? ''}`),
    runRow(s.bboxRaw, `raw SQL: the plain count and page-of-100 statements (bare SQL; the service now writes count, page and GeoJSON in one statement), ~1 km boxes; mean ${f1(s.bboxMeanRows)} rows`),
    runRow(s.bboxHttp, '`GET /api/gis/layers/DLTB/features?bbox=…&limit=100`, same boxes'),
    '',
    `HTTP cold tiles / raw tiles throughput: **${(ratio * 100).toFixed(0)} %**.`,
    '',
  ];
  if (targets) {
    lines.push(
      '| Target | Figure | Verdict |', '| --- | ---: | --- |',
      `| Tile server ≥ 80 % of raw SQL throughput (cold) | ${(ratio * 100).toFixed(0)} % | ${yes(ratio >= 0.8)} |`,
      `| Tile p95 < 50 ms (cold, HTTP) | ${f1(s.tilesHttpCold.p95)} ms | ${yes(s.tilesHttpCold.p95 < 50)} |`,
      `| Tile p95 < 50 ms (hot, HTTP) | ${f1(s.tilesHttpHot.p95)} ms | ${yes(s.tilesHttpHot.p95 < 50)} |`,
      `| Feature query p95 < 30 ms (HTTP) | ${f1(s.bboxHttp.p95)} ms | ${yes(s.bboxHttp.p95 < 30)} |`,
      '',
    );
  }
  lines.push('Raw tile run by zoom (what the mixed list hit during the run):', '', '| Zoom | Tiles | p50 ms | p95 ms | mean KiB |', '| ---: | ---: | ---: | ---: | ---: |');
  for (const z of s.rawByZoom) lines.push(`| ${z.z} | ${z.n} | ${f1(z.p50)} | ${f1(z.p95)} | ${f1(z.meanBytes / 1024)} |`);
  lines.push('', 'Per-zoom probes (first tiles of each zoom in the list, encoded one at a time, no concurrency):', '', '| Zoom | Tiles | median ms | max ms | median KiB | max KiB |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of s.probes) lines.push(`| ${p.z} | ${p.tiles} | ${f0(p.medianMs)} | ${f0(p.maxMs)} | ${f1(p.medianBytes / 1024)} | ${f1(p.maxBytes / 1024)} |`);
  lines.push('');
  return lines;
}

export function renderReport(r: Report): string {
  const m = r.machine;
  const L: string[] = [
    '# Spatial benchmark (国土空间基础信息平台 §6)', '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM, ${m.os}; Node ${m.node}; ${m.postgres}${r.postgis ? `, ${r.postgis}` : ''}; ${m.gdal}. Run ${m.date}, ${r.totalSeconds ? `${(r.totalSeconds / 60).toFixed(1)} min in all` : ''}.`, '',
    `Everything (database server, the landgov server, the load generator) runs on this one ${m.cores}-core machine, so they compete for the same CPUs: absolute figures are a floor, the ratios are the useful part.`, '',
  ];
  if (r.failure) L.push(`**The run stopped early:** ${r.failure}`, '');
  L.push('## Data', '');
  for (const g of r.generated ?? []) L.push(`- \`generateCounty({ seed: 1, patches: ${g.patches} })\`: DLTB ${f0(g.dltb)} features, county.gpkg ${f0(g.mib)} MiB, generated in ${f1(g.seconds)} s.`);
  if (r.tileMix) L.push(`- Tiles: all ${f0(r.tileMix.total)} Web Mercator tiles z10–z16 touching 112.1–113.13°E, 26.53–26.97°N, shuffled with seed 1, first ${f0(r.tileMix.used)} used (by zoom: ${Object.entries(r.tileMix.byZoom).map(([z, n]) => `z${z} ${n}`).join(', ')}). The mix follows the tile count per zoom, so it is mostly z15–z16; the per-zoom rows show the cost of low zooms.`);
  L.push('- Feature queries: 20 000 seeded random boxes of 0.01° × 0.009° (~1 km × 1 km) inside the same extent (some fall outside the county polygon and return nothing).', '');

  L.push('## 1–2. Import of DLTB', '', `Wall time from opening the GeoPackage to a published layer version (importer) or to ogr2ogr's exit; the GiST index is **included in both** (the importer loads the version's own table — a partition of \`features\` — then builds its primary key and GiST index, gathers statistics and attaches it; ogr2ogr builds its index with \`SPATIAL_INDEX=GIST\`). Database creation and migrations are excluded from both. The importer additionally checks every geometry (kind, emptiness, coordinate range of its CRS, inside China), validates/repairs (ST_IsValid/ST_MakeValid), stores ellipsoidal areas (computed while reading for parcels in degrees, PostGIS ST_Area(geography) otherwise) and the layer statistics, and stores attributes as jsonb; ogr2ogr only copies.`, '');
  L.push('| Importer | Features | Seconds | Features/s | Seconds inside db.query | Repaired | Note |', '| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const i of r.imports) L.push(`| ${i.label} | ${f0(i.features)} | ${f1(i.seconds)} | ${f0(i.perSecond)} | ${f1(i.dbSeconds)} | ${i.repaired} | ${i.note ?? ''} |`);
  if (r.reader) L.push(`| GeoPackage reader alone (openGpkg + JSON.stringify, no database) | ${f0(r.reader.features)} | ${f1(r.reader.seconds)} | ${f0(r.reader.features / r.reader.seconds)} | – | – | ${mib(r.reader.jsonBytes)} MiB of JSON |`);
  const pgImp = r.imports.find((i) => i.label.startsWith('PostgreSQL')), ogr = r.imports.find((i) => i.label.startsWith('GDAL'));
  if (pgImp && ogr) {
    const ratio = pgImp.seconds / ogr.seconds;
    L.push('', `Importer time / ogr2ogr time: **${ratio.toFixed(2)}×** (target: importer no slower than GDAL, i.e. ≤ 1.00×) — ${yes(ratio <= 1)}.`);
  }
  L.push('', `ogr2ogr command (database created empty with \`CREATE EXTENSION postgis\` first, dropped afterwards):`, '', '```sh', `ogr2ogr ${ogrArgs(r.ogrDb ?? 'landgov_bench_gis_ogr_<pid>', 'county.gpkg').map((a) => (/[\s:=]/.test(a) && a.startsWith('PG:') ? `"${a}"` : a)).join(' ')}`, '```', '');

  L.push(`## 3–4. Serving on native PostgreSQL (${r.seconds} s per run, ${r.concurrency} connections / concurrent callers)`, '',
    `HTTP: the real server (\`buildApp\` + \`listen\` on 127.0.0.1, logger off) in the bench process, on the imported database (pool of ${r.concurrency}); the DLTB layer is defined with access \`public\`, so no sign-in. autocannon runs in a child process (so it does not share the server's event loop); its ${r.concurrency} connections share one cursor over the list, so in the cold run every request is a different tile. Raw: \`new SqlTileEncoder(db).encode(layer, version, tileBounds('webmercator', z, x, y))\` (the server's SQL: ST_AsMVTGeom + ST_AsMVT) and the two feature statements, from ${r.concurrency} concurrent callers on a separate pool of ${r.concurrency}, same lists. Latency is per request; the raw runs come first, so the HTTP runs meet the same (warm) database buffers.`, '');
  if (r.native) L.push(...serveSection('PostgreSQL', r.native, true));
  L.push(`## 5. Serving on PGlite (${r.pgliteSeconds} s per run, no targets)`, '',
    `In-memory PGlite, same server and lists${r.pglitePatches !== r.patches ? ` but the DLTB of a county generated with ${r.pglitePatches} patches` : ''}; tiles through JsTileEncoder (ST_AsGeoJSON + JavaScript + vt-pbf, PGlite's PostGIS has no ST_AsMVT). PGlite has one connection: the ${r.concurrency} callers queue on it.`, '');
  if (r.pglite) L.push(...serveSection('PGlite', r.pglite, false));
  if (r.notes.length) L.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  L.push('Produced by:', '', '```sh', r.command, '```', '');
  return L.join('\n');
}
