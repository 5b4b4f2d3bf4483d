// The smaller layers: 已批/已供 construction land, 采矿权 and 地质灾害易发区.
import type { AdminModel } from './admin.ts';
import { ellipsoidalArea, round2 } from './area.ts';
import { dissolve } from './dissolve.ts';
import type { Ring } from './geom.ts';
import type { GpkgLayer } from './gpkg-writer.ts';
import type { Landscape } from './landscape.ts';
import type { LayerName } from './layers.ts';
import { approvedParcels, miningParcels, suppliedFrom } from './parcels.ts';
import type { Boundary } from './planning.ts';
import { Noise, Rng, pickWeighted } from './prng.ts';
import { xKm, yKm } from './geom.ts';

const MINERALS = [['建筑用花岗岩', 5], ['建筑石料用灰岩', 5], ['砖瓦用页岩', 4], ['水泥用灰岩', 2], ['高岭土', 1], ['萤石', 1]] as const;
const PLACES = ['狮子岭', '大岭', '石门', '白石', '青山', '黄泥冲', '杉木塘', '龙口', '观音岩', '鹅公岭', '金盆', '枫树坳'];

function date(year: number, rng: Rng): string {
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function writeParcels(seed: number, admin: AdminModel, land: Landscape, bounds: readonly Boundary[], L: Record<LayerName, GpkgLayer>): void {
  const rng = new Rng(seed, 8);
  const approved = approvedParcels(seed, bounds, admin, 320);
  // Approvals come in batches (批次) of a few parcels sharing one 批准文号.
  let batch = 0;
  let left = 0;
  let pzwh = '';
  let pzrq = '';
  let year = 2015;
  let xmmc = '';
  let supplied = 0;
  for (const p of approved) {
    if (left === 0) {
      batch++;
      left = 1 + rng.int(6);
      year = 2015 + rng.int(10);
      pzwh = `湘政地〔${year}〕${1 + rng.int(999)}号`;
      pzrq = date(year, rng);
      xmmc = `衡南县${year}年度第${1 + rng.int(12)}批次城镇建设用地`;
    }
    left--;
    const mj = round2(ellipsoidalArea([p.poly]));
    L.PZYD.insert([p.poly], [xmmc, pzwh, pzrq, mj]);
    if (rng.next() < 0.72) {
      supplied++;
      const poly = suppliedFrom(p, rng.next() < 0.6 ? 1 : rng.range(0.7, 0.95));
      const gyfs = rng.next() < 0.7 ? '出让' : '划拨';
      const tdyt = gyfs === '出让' ? pickWeighted(rng.next(), [['城镇住宅用地', 5], ['商服用地', 2], ['工业用地', 4]] as const) : pickWeighted(rng.next(), [['公共管理与公共服务用地', 3], ['交通运输用地', 1]] as const);
      const gyYear = Math.min(2024, year + rng.int(3));
      const town = admin.towns[p.town]!.name;
      L.GYD.insert([poly], [
        `430422${gyYear}${gyfs === '出让' ? 'B' : 'A'}${String(supplied).padStart(5, '0')}`,
        `${town}${tdyt === '工业用地' ? '工业项目' : tdyt === '城镇住宅用地' ? '住宅项目' : '建设项目'}${String(batch).padStart(3, '0')}`,
        gyfs, tdyt, date(gyYear, rng), round2(ellipsoidalArea([poly])),
      ]);
    }
  }
  const mines = miningParcels(seed, admin, land, bounds, 36);
  mines.forEach((m, k) => {
    const kcmc = pickWeighted(rng.next(), MINERALS);
    const y0 = 2008 + rng.int(15);
    const place = PLACES[k % PLACES.length]!;
    const town = admin.towns[m.town]!.name;
    const seq = String(12000 + k * 37 + rng.int(30)).padStart(7, '0');
    L.CKQ.insert([m.poly], [
      `C430422${y0}${String(1 + rng.int(12)).padStart(2, '0')}713${seq}`,
      `衡南县${town}${place}${kcmc}矿`, kcmc, kcmc === '高岭土' || kcmc === '萤石' ? '地下开采' : '露天开采',
      date(y0, rng), date(y0 + 3 + rng.int(8), rng), round2(ellipsoidalArea([m.poly])),
    ]);
  });
}

/** Hazard-prone zones: admin cells scored by terrain and noise, dissolved per grade. */
export function writeHazard(seed: number, admin: AdminModel, land: Landscape, L: Record<LayerName, GpkgLayer>): void {
  const noise = new Noise(seed ^ 0x4a2a, 8, 3);
  const pts = admin.diagram.delaunay.points;
  const scored: { i: number; s: number }[] = [];
  for (let i = 0; i < admin.diagram.count; i++) {
    if (admin.cellVillage[i]! < 0) continue;
    const x = pts[2 * i]!, y = pts[2 * i + 1]!;
    scored.push({ i, s: 0.65 * land.terrainAt(x, y) + 0.35 * noise.at(xKm(x), yKm(y)) });
  }
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  const grades: [string, Ring[]][] = [['高易发', []], ['中易发', []], ['低易发', []]];
  scored.forEach((c, k) => {
    const g = k < 0.15 * scored.length ? 0 : k < 0.5 * scored.length ? 1 : 2;
    grades[g]![1].push(admin.rings[c.i]!);
  });
  let n = 0;
  for (const [yfcd, rings] of grades) {
    const polys = dissolve(rings);
    if (!polys) throw new Error(`could not dissolve ${yfcd} zones`);
    for (const p of polys) {
      n++;
      L.DZZHYFQ.insert([p], [`YFQ${String(n).padStart(4, '0')}`, yfcd, round2(ellipsoidalArea([p]))]);
    }
  }
}
