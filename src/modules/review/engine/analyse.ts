import type { Queryable } from '../../../core/db/index.ts';
import { SilentStatementFailure } from '../../../core/db/index.ts';
import { LAYER_KEY_FIELDS } from '../rules/starter.ts';
import type { Rule, RuleFilter, Verdict } from '../rules/types.ts';
import { nearFeatures, outsideParts, overlayLayer, OverlayFailed, unionArea, type LayerOverlay, type LayerRef, type NearFeature } from './geometry.ts';
import { areaUnits, decide, worst, type Measured, type Text } from './verdict.ts';

/** A layer version the review reads: its catalogue entry's id and name, and the version number. */
export interface LayerVersion extends LayerRef {
  code: string;
  name: string;
}

/** Where the engine learns which layer version to read: the gis module's catalogue and published versions. */
export interface LayerReader {
  /** The layer's version to use (the pinned one or the current one), or null when it has no data. */
  version(code: string, pinned?: number | null): Promise<LayerVersion | null>;
}

export interface Boundary {
  geojson: string;
  areaM2: number;
  /** EPSG of the 3° Gauss-Krüger zone holding the boundary (sliver width tests). */
  gkEpsg: number;
}

export interface TouchedFeature {
  fid: number;
  attributes: Record<string, unknown>;
  areaM2: number;
  distanceM?: number;
}

export interface IgnoredPiece {
  fid: number | null;
  areaM2: number;
  reason: Text;
}

export interface RuleResult {
  ruleId: string;
  title: Text;
  layer: { code: string; name: string | null; version: number | null };
  measure: Rule['measure'];
  value: number | null;
  area: { m2: number; ha: number; mu: number };
  share: number;
  distanceM: number | null;
  features: TouchedFeature[];
  ignored: IgnoredPiece[];
  computedVerdict: Verdict;
  verdict: Verdict;
  message: Text;
  advice: Text | null;
  legalBasis: string | null;
  notes: Text[];
  guard: { tripped: boolean; reason: string } | null;
  override?: { verdict: Verdict; reason: string; by: string; byName: string | null; at: string };
}

export interface LandUseRow {
  dlbm: string;
  dlmc: string;
  area: { m2: number; ha: number; mu: number };
  /** Net of the deducted share (田坎, KCXS): overlap × (1 − KCXS) per patch (DOMAIN.md §2.3). */
  netArea: { m2: number; ha: number; mu: number };
  count: number;
}

export interface LandUse {
  layerVersion: number | null;
  rows: LandUseRow[];
  byClass: { code: string; name: string; area: { m2: number; ha: number; mu: number } }[];
  coveredShare: number;
  notes: Text[];
}

export interface Analysis {
  results: RuleResult[];
  landUse: LandUse;
  layerVersions: Record<string, number | null>;
  overall: Verdict;
}

const L1_NAMES: Record<string, string> = {
  '00': '湿地', '01': '耕地', '02': '种植园用地', '03': '林地', '04': '草地', '05': '商业服务业用地', '06': '工矿用地', '07': '住宅用地',
  '08': '公共管理与公共服务用地', '09': '特殊用地', '10': '交通运输用地', '11': '水域及水利设施用地', '12': '其他土地',
};

function matches(filter: RuleFilter | undefined, props: Record<string, unknown>): boolean {
  if (!filter) return true;
  const v = props[filter.field];
  const s = v === null || v === undefined ? '' : String(v);
  const hit = (filter.in?.includes(s) ?? false) || (filter.prefix?.some((p) => s.startsWith(p)) ?? false);
  return filter.negate ? !hit : hit;
}

function pick(props: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (props[f] !== undefined) out[f] = props[f];
  return out;
}

const MANUAL_ADVICE: Text = {
  zh: '本项由审查人员人工核查后给出结论，申请人无需重复提交材料；如有现场或权属资料，可一并提供以加快核查。',
  en: 'A reviewer checks this item by hand and gives the conclusion; nothing needs resubmitting. Site or title documents, if any, speed up the check.',
};

const isEngineFailure = (err: unknown) => err instanceof SilentStatementFailure || err instanceof OverlayFailed || (err as { code?: string })?.code === 'XX000';

/** A promise whose rejection is handled where it is awaited, not reported as unhandled while it waits. */
function started<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * Runs every rule against the boundary. Each layer version is overlaid once, set-based in the
 * database (geometry.ts: one statement per layer gives every touched feature's exact area and
 * sliver tests); the statements of all layers start together (a connection pool runs them side by
 * side). A rule whose layer has no data, or whose overlay fails or disagrees with itself, is MANUAL
 * with the reason: a review never reports "no overlap" because a computation failed.
 */
export async function analyse(q: Queryable, boundary: Boundary, rules: Rule[], layers: LayerReader, pinned: Record<string, number | null> = {}): Promise<Analysis> {
  const versions = new Map<string, Promise<LayerVersion | null>>();
  const versionOf = (code: string) => {
    if (!versions.has(code)) versions.set(code, started(layers.version(code, pinned[code])));
    return versions.get(code)!;
  };
  // The sliver widths each layer's statement tests, in the order of first use.
  const widths = new Map<string, number[]>([['DLTB', []]]);
  for (const rule of rules) {
    if (rule.measure === 'distance') continue;
    const list = widths.get(rule.layer) ?? [];
    const w = rule.tolerance?.minWidthM ?? 0;
    if (w > 0 && !list.includes(w)) list.push(w);
    widths.set(rule.layer, list);
  }
  const overlays = new Map<string, Promise<LayerOverlay | null>>();
  for (const [code, ws] of widths) {
    overlays.set(code, started(versionOf(code).then((lv) => (lv ? overlayLayer(q, lv, boundary.geojson, { widths: ws, gkEpsg: boundary.gkEpsg, union: true }) : null))));
  }
  const near = new Map<string, Promise<NearFeature[] | null>>();
  for (const rule of rules) {
    const key = `${rule.layer}:${rule.searchRadiusM}`;
    if (rule.measure !== 'distance' || near.has(key)) continue;
    near.set(key, started(versionOf(rule.layer).then((lv) => (lv ? nearFeatures(q, lv, boundary.geojson, rule.searchRadiusM!) : null))));
  }

  const results: RuleResult[] = [];
  for (const rule of rules) {
    let lv: LayerVersion | null;
    try {
      lv = await versionOf(rule.layer);
    } catch (err) {
      // The statements started for the other layers must settle before the error leaves the review.
      await Promise.allSettled([...overlays.values(), ...near.values()]);
      throw err;
    }
    const base: RuleResult = {
      ruleId: rule.id, title: rule.title, layer: { code: rule.layer, name: lv?.name ?? null, version: lv?.version ?? null }, measure: rule.measure,
      value: null, area: areaUnits(0), share: 0, distanceM: null, features: [], ignored: [], computedVerdict: 'MANUAL', verdict: 'MANUAL',
      message: { zh: '', en: '' }, advice: null, legalBasis: rule.legalBasis ?? null, notes: [], guard: null,
    };
    if (!lv) {
      const message = { zh: `缺少图层 ${rule.layer} 的数据，无法自动审查，需人工核查`, en: `Layer ${rule.layer} has no published data; check by hand` };
      results.push({ ...base, message, advice: MANUAL_ADVICE });
      continue;
    }
    try {
      results.push(rule.measure === 'distance'
        ? await distanceRule(rule, base, (await near.get(`${rule.layer}:${rule.searchRadiusM}`)!)!)
        : await areaRule(q, boundary, rule, lv, base, (await overlays.get(rule.layer)!)!, widths.get(rule.layer)!));
    } catch (err) {
      if (!isEngineFailure(err)) {
        await Promise.allSettled([...overlays.values(), ...near.values()]);
        throw err;
      }
      const reason = (err as Error).message.slice(0, 300);
      results.push({
        ...base, guard: { tripped: true, reason }, advice: MANUAL_ADVICE,
        message: { zh: `空间叠加计算失败（图层 ${rule.layer} 第 ${lv.version} 版，几何图形可能无效），结果不可用，需人工核查`, en: `The overlay with layer ${rule.layer} v${lv.version} failed (a geometry may be invalid); no result: check by hand` },
      });
    }
  }

  let landUse: LandUse;
  const dltb = await versionOf('DLTB');
  try {
    landUse = landUseOf(boundary, dltb, await overlays.get('DLTB')!);
  } catch (err) {
    if (!isEngineFailure(err)) throw err;
    landUse = { layerVersion: dltb?.version ?? null, rows: [], byClass: [], coveredShare: 0, notes: [{ zh: '地类图斑叠加计算失败，土地利用现状无法统计，需人工核查', en: 'The overlay with the land-use patches failed; no breakdown: check by hand' }] };
  }
  const layerVersions: Record<string, number | null> = {};
  const settled = await Promise.all([...versions.entries()].map(async ([code, v]) => [code, (await v)?.version ?? null] as const));
  for (const [code, v] of settled.sort(([a], [b]) => a.localeCompare(b))) layerVersions[code] = v;
  return { results, landUse, layerVersions, overall: worst(results.map((r) => r.verdict)) };
}

function distanceRule(rule: Rule, base: RuleResult, near: NearFeature[]): RuleResult {
  const keyFields = rule.keyFields ?? LAYER_KEY_FIELDS[rule.layer] ?? [];
  const radius = rule.searchRadiusM!;
  const r: RuleResult = { ...base, notes: [] };
  const within = near.filter((c) => matches(rule.filter, c.props) && c.distanceM <= radius).sort((a, b) => a.distanceM - b.distanceM || a.fid - b.fid);
  const min = within.length ? within[0]!.distanceM : null;
  r.features = within.map((c) => ({ fid: c.fid, attributes: pick(c.props, keyFields), areaM2: 0, distanceM: Math.round(c.distanceM * 10) / 10 }));
  r.distanceM = min === null ? null : Math.round(min * 10) / 10;
  r.value = r.distanceM;
  return finish(r, rule, { value: r.value, areaM2: 0, share: 0, distanceM: r.distanceM, count: within.length });
}

async function areaRule(q: Queryable, boundary: Boundary, rule: Rule, lv: LayerVersion, base: RuleResult, overlay: LayerOverlay, widths: number[]): Promise<RuleResult> {
  const keyFields = rule.keyFields ?? LAYER_KEY_FIELDS[rule.layer] ?? [];
  // Pieces under 0.05 m² are below what the survey and the layers can tell apart.
  const minArea = Math.max(rule.tolerance?.minAreaM2 ?? 0, 0.05);
  const minWidth = rule.tolerance?.minWidthM ?? 0;
  const w = minWidth > 0 ? widths.indexOf(minWidth) : -1;
  const r: RuleResult = { ...base, notes: [] };

  const cands = overlay.pieces.filter((c) => matches(rule.filter, c.props));
  const counted: number[] = [];
  let sum = 0;
  let ignoredSum = 0;
  for (const p of cands) {
    // Guard: every feature the index and ST_Intersects found must give a non-empty intersection (it
    // has at least a common point). A NULL or empty answer is a failed overlay, never "no overlap".
    if (p.isNull) throw new OverlayFailed(`feature ${p.fid}: the intersection came back NULL although the layer query found it intersecting`);
    if (p.empty) throw new OverlayFailed(`feature ${p.fid}: the intersection came back empty although the layer query found it intersecting`);
    const exact = p.areaM2;
    if ((p.dim !== null && p.dim < 2) || exact === 0) {
      r.ignored.push({ fid: p.fid, areaM2: Math.round(exact * 100) / 100, reason: { zh: '仅边界相接（无重叠面积），不计入', en: 'touches along the edge only (no overlap area); not counted' } });
      ignoredSum += exact;
      continue;
    }
    if (exact < minArea) {
      r.ignored.push({ fid: p.fid, areaM2: Math.round(exact * 100) / 100, reason: { zh: `低于容差：面积 ${exact.toFixed(2)} 平方米小于 ${minArea} 平方米，不计入`, en: `below tolerance: ${exact.toFixed(2)} m² is less than ${minArea} m²; not counted` } });
      ignoredSum += exact;
      continue;
    }
    if (w >= 0 && p.narrow?.[w] === true) {
      r.ignored.push({ fid: p.fid, areaM2: Math.round(exact * 100) / 100, reason: { zh: `低于容差：重叠部分宽度不足 ${minWidth} 米（图层精度造成的狭长碎片），不计入`, en: `below tolerance: the overlap is narrower than ${minWidth} m (a sliver from the layer’s scale); not counted` } });
      ignoredSum += exact;
      continue;
    }
    counted.push(p.fid);
    sum += exact;
    r.features.push({ fid: p.fid, attributes: pick(p.props, keyFields), areaM2: Math.round(exact * 100) / 100 });
  }
  let inside = sum;
  if (counted.length > 1) {
    // Σ of the parts against the area of their union: features of a layer may overlap each other
    // (then the union counts once); a union larger than the parts means a failed overlay. When the
    // union of all the layer's pieces equals their sum, no two pieces overlap, so neither do these.
    const all = overlay.pieces.reduce((s, p) => s + p.areaM2, 0);
    const disjoint = overlay.unionM2 !== null && overlay.unionM2 <= all * 1.001 + 1 && overlay.unionM2 >= all - Math.max(1, all * 0.001);
    if (overlay.unionM2 !== null && overlay.unionM2 > all * 1.001 + 1) throw new OverlayFailed(`the union of the layer's overlaps (${overlay.unionM2.toFixed(2)} m²) exceeds the sum of the parts (${all.toFixed(2)} m²)`);
    const u = disjoint ? sum : await unionArea(q, lv, boundary.geojson, counted);
    if (u > sum * 1.001 + 1) throw new OverlayFailed(`the union of the overlaps (${u.toFixed(2)} m²) exceeds the sum of the parts (${sum.toFixed(2)} m²)`);
    if (u < sum - Math.max(1, sum * 0.001)) {
      inside = u;
      r.notes.push({ zh: `图层中的要素相互重叠，重叠部分只计一次（各要素面积之和 ${sum.toFixed(2)} 平方米）`, en: `features of the layer overlap each other; counted once (sum of parts ${sum.toFixed(2)} m²)` });
    }
  }
  if (inside > boundary.areaM2 * 1.0001 + 0.1) throw new OverlayFailed(`the overlap (${inside.toFixed(2)} m²) exceeds the boundary area (${boundary.areaM2.toFixed(2)} m²)`);
  r.features.sort((a, b) => b.areaM2 - a.areaM2 || a.fid - b.fid);

  let area = inside;
  if (rule.measure === 'outside_area' || rule.measure === 'outside_share') {
    // Outside = the boundary minus the (filtered) features; each outside part under the tolerance is listed and not counted.
    const parts = await outsideParts(q, lv, boundary.geojson, cands.map((c) => c.fid), minWidth, boundary.gkEpsg);
    area = 0;
    for (const p of parts) {
      if (p.areaM2 < minArea || p.narrow) {
        r.ignored.push({ fid: null, areaM2: Math.round(p.areaM2 * 100) / 100, reason: p.areaM2 < minArea
          ? { zh: `低于容差：界外部分面积 ${p.areaM2.toFixed(2)} 平方米小于 ${minArea} 平方米，不计入`, en: `below tolerance: an outside part of ${p.areaM2.toFixed(2)} m² is less than ${minArea} m²; not counted` }
          : { zh: `低于容差：界外部分宽度不足 ${minWidth} 米，不计入`, en: `below tolerance: an outside part is narrower than ${minWidth} m; not counted` } });
      } else area += p.areaM2;
    }
    const expected = boundary.areaM2 - inside - ignoredSum;
    if (Math.abs(parts.reduce((s, p) => s + p.areaM2, 0) - expected) > Math.max(1, boundary.areaM2 * 0.001) && r.notes.length === 0) {
      throw new OverlayFailed(`inside ${inside.toFixed(2)} m² + outside ${parts.reduce((s, p) => s + p.areaM2, 0).toFixed(2)} m² differ from the boundary area ${boundary.areaM2.toFixed(2)} m²`);
    }
  }
  const share = boundary.areaM2 > 0 ? area / boundary.areaM2 : 0;
  r.area = areaUnits(area);
  r.share = Math.round(share * 1e6) / 1e6;
  r.value = rule.measure.endsWith('_share') ? r.share : r.area.m2;
  return finish(r, rule, { value: r.value, areaM2: area, share, distanceM: null, count: r.features.length });
}

function finish(r: RuleResult, rule: Rule, m: Measured): RuleResult {
  const d = decide(rule, m);
  return { ...r, computedVerdict: d.verdict, verdict: d.verdict, message: d.message, advice: d.advice };
}

/** The land-use breakdown (地类 by DLBM) from the DLTB statement's pieces: gross and net of 田坎 (KCXS). */
function landUseOf(boundary: Boundary, lv: { version: number } | null, overlay: LayerOverlay | null): LandUse {
  if (!lv || !overlay) return { layerVersion: null, rows: [], byClass: [], coveredShare: 0, notes: [{ zh: '缺少地类图斑（DLTB）数据，无法统计土地利用现状', en: 'No current land-use (DLTB) data; no breakdown' }] };
  const by = new Map<string, { dlmc: string; m2: number; net: number; count: number }>();
  for (const c of overlay.pieces) {
    if (c.isNull) throw new OverlayFailed(`land-use patch ${c.fid}: the intersection came back NULL`);
    if (c.areaM2 <= 0) continue;
    const k = String(c.props.DLBM ?? '');
    const e = by.get(k) ?? { dlmc: String(c.props.DLMC ?? ''), m2: 0, net: 0, count: 0 };
    const kcxs = Number(c.props.KCXS ?? 0);
    e.m2 += c.areaM2;
    e.net += c.areaM2 * (Number.isFinite(kcxs) && kcxs > 0 && kcxs < 1 ? 1 - kcxs : 1);
    e.count++;
    by.set(k, e);
  }
  const rows = [...by.entries()].map(([dlbm, e]) => ({ dlbm, dlmc: e.dlmc, area: areaUnits(e.m2), netArea: areaUnits(e.net), count: e.count })).sort((a, b) => a.dlbm.localeCompare(b.dlbm));
  const classes = new Map<string, number>();
  for (const [dlbm, e] of by) classes.set(dlbm.slice(0, 2), (classes.get(dlbm.slice(0, 2)) ?? 0) + e.m2);
  const total = [...by.values()].reduce((s, e) => s + e.m2, 0);
  const coveredShare = boundary.areaM2 > 0 ? Math.round((total / boundary.areaM2) * 1e6) / 1e6 : 0;
  const notes: Text[] = [];
  // Σ of the land-use parts against the boundary: 地类图斑 cover the county without gaps, so a
  // shortfall means missing data (or a failed overlay) and must be seen.
  if (coveredShare < 0.999) notes.push({ zh: `地类图斑只覆盖红线面积的 ${(coveredShare * 100).toFixed(2)}%，土地利用现状统计不完整，需人工核查`, en: `Land-use patches cover only ${(coveredShare * 100).toFixed(2)} % of the boundary; the breakdown is incomplete: check by hand` });
  return {
    layerVersion: lv.version, rows, coveredShare, notes,
    byClass: [...classes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, m2]) => ({ code, name: L1_NAMES[code] ?? code, area: areaUnits(m2) })),
  };
}
