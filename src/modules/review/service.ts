import type { Principal, RequestContext } from '../../core/auth/service.ts';
import type { AppContext } from '../../core/context.ts';
import type { Queryable } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors } from '../gis/errors.ts';
import { FormatErrors } from '../gis/formats/index.ts';
import { epsgForZone, gkZoneOf, zoneOfLongitude } from '../gis/formats/crs.ts';
import type { Layer } from '../gis/layers.ts';
import type { GisService } from '../gis/service.ts';
import type { BoundaryInput, Finding } from './boundary/types.ts';
import { analyse, type Analysis, type LayerReader, type LayerVersion, type RuleResult } from './engine/analyse.ts';
import { overlayLayer } from './engine/geometry.ts';
import { diffReports } from './engine/diff.ts';
import { areaUnits, worst } from './engine/verdict.ts';
import { ReviewErrors as E } from './errors.ts';
import * as repo from './repository.ts';
import { STARTER_RULE_SETS } from './rules/starter.ts';
import type { Rule, RuleSet, Verdict } from './rules/types.ts';
import { validateRules } from './rules/validate.ts';
import { renderReportPdf, type MapLayer } from './report-pdf.ts';
import type { CaseDirectory } from './cases.ts';

/** Who runs a review: a signed-in user, or the system (re-reviews after a layer changed). */
export interface Actor {
  userId: string;
  username: string;
  regionCode: string;
}

const PAGE = 5000;

/** A feature with its geometry, for drawing the report map. */
interface MapFeature {
  fid: number;
  props: Record<string, unknown>;
  /** GeoJSON text in EPSG:4490. */
  geometry: string;
}

/**
 * Finds layer versions through GisService (catalogue, published and pinned versions); the overlays
 * read the chosen version's features set-based (engine/geometry.ts), the report map through GisService.
 */
class GisLayerReader implements LayerReader {
  private readonly layers = new Map<string, Promise<Layer | null>>();
  constructor(private readonly gis: GisService, private readonly region: string) {}

  /** The layer (catalogue entry), looked up once per review. */
  private layer(code: string): Promise<Layer | null> {
    if (!this.layers.has(code)) {
      // The review reads every layer its rules name whatever the caller's own layer rights: the
      // report shows computed overlaps, not the layer.
      this.layers.set(code, this.gis.layerForImport(this.region, code).catch((err) => {
        if (err instanceof AppError && err.code === GisErrors.LAYER_NOT_FOUND) return null;
        throw err;
      }));
    }
    return this.layers.get(code)!;
  }

  async version(code: string, pinned?: number | null): Promise<LayerVersion | null> {
    const layer = await this.layer(code);
    if (!layer) return null;
    if (pinned === null) return null;
    if (pinned !== undefined) {
      try {
        return { code, name: layer.name, layerId: layer.id, version: await this.gis.version(layer, pinned) };
      } catch (err) {
        if (err instanceof AppError && err.code === GisErrors.LAYER_VERSION_NOT_FOUND) return null;
        throw err;
      }
    }
    return layer.currentVersion === null ? null : { code, name: layer.name, layerId: layer.id, version: layer.currentVersion };
  }

  /** The features meeting a polygon, with their geometries (the report map), through GisService. */
  async features(code: string, version: number, polygon: string): Promise<MapFeature[]> {
    const layer = await this.layer(code);
    if (!layer) return [];
    const geometry = JSON.parse(polygon) as object;
    const out: MapFeature[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const r = await this.gis.queryByPolygon(layer, version, geometry, PAGE, offset);
      for (const f of r.features) {
        const { _overlap, ...props } = f.properties as Record<string, unknown> & { _overlap: unknown };
        out.push({ fid: f.id, props, geometry: JSON.stringify(f.geometry) });
      }
      if (r.features.length < PAGE || offset + PAGE >= r.total) break;
    }
    return out;
  }
}

/** A boundary placed in EPSG:4490 with what the clerk should know about it. */
export interface PlacedBoundary {
  geojson: string;
  areaM2: number;
  gkEpsg: number;
  source: Record<string, unknown>;
}

/**
 * The compliance review: boundaries in, reproducible reports out. Rules are data (versioned per
 * service item); layers are read through GisService at recorded versions; every change is audited.
 */
export class ReviewService {
  private sweeping: Promise<unknown> = Promise.resolve();

  /** No directory: no case is known, so no re-review after a layer changed (a module without the approval engine). */
  private cases: CaseDirectory = { lookup: async () => null, visibleTo: async () => false };

  constructor(private readonly ctx: AppContext, private readonly gis: GisService) {}

  /** Where the review learns a case's state and who reviews it (the approval module). */
  useCases(cases: CaseDirectory): void {
    this.cases = cases;
  }

  private reader(region: string) {
    return new GisLayerReader(this.gis, region);
  }

  // --- boundary ---------------------------------------------------------------------------

  /**
   * Places the parcels in EPSG:4490, checks them with GEOS (validity, where), the zone against the
   * coordinates, and that the boundary lies in the county (the XZQ layer). Throws the review's codes.
   */
  async placeBoundary(region: string, input: BoundaryInput): Promise<PlacedBoundary> {
    const warnings: Finding[] = [...input.warnings];
    const placed = await repo.placeParcels(this.ctx.db, input.parcels.map((p) => JSON.stringify(p.geometry)), input.crs.epsg);
    const bad = placed.parcels.find((p) => !p.valid);
    if (bad || !placed.union || !placed.unionValid) {
      const reason = bad?.reason ?? placed.unionReason ?? 'empty';
      throw new AppError(FormatErrors.BOUNDARY_SELF_INTERSECTS, { parcel: bad?.n ?? null, reason, zh: `${bad ? `第${bad.n}个地块` : '红线'}几何图形无效：${reason}` }, `${bad ? `parcel ${bad.n}` : 'the boundary'} is not a valid polygon: ${reason}`);
    }
    const gk = gkZoneOf(input.crs.epsg);
    if (gk) {
      // A zone that contradicts the coordinates puts the parcels far from the zone's central meridian.
      const limit = gk.width === 3 ? 2 : 3.5;
      const off = placed.parcels.find((p) => Math.abs(p.lon - gk.centralMeridian) > limit);
      if (off) throw new AppError(E.ZONE_CONTRADICTS, { parcel: off.n, zone: gk.zone, zh: `第${off.n}个地块按第 ${gk.zone} 带换算后位于东经 ${off.lon.toFixed(3)}°，不在该带范围内（中央经线 ${gk.centralMeridian}°），请核对带号` }, `parcel ${off.n} lands at ${off.lon.toFixed(3)}°E with zone ${gk.zone} (central meridian ${gk.centralMeridian}°E): the zone contradicts the coordinates`);
    }
    const parcels = input.parcels.map((p, i) => {
      const pl = placed.parcels[i]!;
      const computedHa = (pl.planarM2 ?? pl.areaM2) / 10000;
      if (input.format !== 'boundary-txt' && p.declaredAreaHa !== null && Math.abs(p.declaredAreaHa - computedHa) > 0.01 * computedHa) {
        warnings.push({ code: E.AREA_MISMATCH, parcel: p.n, zh: `第${p.n}个地块填写面积 ${p.declaredAreaHa.toFixed(4)} 公顷与计算面积 ${computedHa.toFixed(4)} 公顷相差超过 1%`, en: `parcel ${p.n}: declared ${p.declaredAreaHa.toFixed(4)} ha differs from the computed ${computedHa.toFixed(4)} ha by more than 1 %` });
      }
      return { n: p.n, name: p.name, declaredAreaHa: p.declaredAreaHa, planarAreaM2: pl.planarM2 === null ? null : Math.round(pl.planarM2 * 100) / 100, area: areaUnits(pl.areaM2) };
    });
    const lon = placed.parcels[0]!.lon;
    const gkEpsg = epsgForZone(zoneOfLongitude(lon), 3, true)!;
    await this.checkCounty(region, placed.union, gkEpsg, placed.areaM2, warnings);
    return {
      geojson: placed.union,
      areaM2: placed.areaM2,
      gkEpsg,
      source: { format: input.format, fileName: input.fileName, encoding: input.encoding ?? null, crs: input.crs, parcels, warnings },
    };
  }

  private async checkCounty(region: string, boundary: string, gkEpsg: number, areaM2: number, warnings: Finding[]): Promise<void> {
    const reader = this.reader(region);
    const xzq = await reader.version('XZQ');
    if (!xzq) {
      warnings.push({ code: 'COUNTY_EXTENT_UNKNOWN', zh: '缺少行政区（XZQ）数据，未能核对红线是否在本县范围内', en: 'No administrative-division (XZQ) data: whether the boundary lies in the county was not checked' });
      return;
    }
    // Each level (县 / 乡镇 / 村) covers the county once: the best-covering level tells how much lies inside.
    const byLevel = new Map<string, number>();
    // One statement: the boundary's exact overlap with every division it meets (levels overlap, so no union).
    for (const c of (await overlayLayer(this.ctx.db, xzq, boundary, { widths: [], gkEpsg, union: false })).pieces) {
      const k = String(c.props.JB ?? '');
      byLevel.set(k, (byLevel.get(k) ?? 0) + c.areaM2);
    }
    const inside = Math.max(0, ...byLevel.values());
    const outside = areaM2 - inside;
    if (inside < 0.01) throw new AppError(E.BOUNDARY_OUTSIDE_COUNTY, { outsideM2: Math.round(areaM2 * 100) / 100, zh: '用地红线完全不在本县（区）行政区域内，请核对坐标和带号' }, 'the boundary lies entirely outside the county; check the coordinates and the zone');
    if (outside > Math.max(1, areaM2 * 0.001)) {
      throw new AppError(E.BOUNDARY_OUTSIDE_COUNTY, { outsideM2: Math.round(outside * 100) / 100, zh: `用地红线有 ${outside.toFixed(2)} 平方米（${((outside / areaM2) * 100).toFixed(2)}%）位于本县（区）行政区域外` }, `${outside.toFixed(2)} m² (${((outside / areaM2) * 100).toFixed(2)} %) of the boundary lie outside the county`);
    }
  }

  // --- rule sets --------------------------------------------------------------------------

  private view(row: repo.RuleSetRow): RuleSet & { createdByName: string | null } {
    return { itemCode: row.item_code, version: row.version, rules: row.rules, note: row.note, createdBy: row.created_by, createdByName: row.created_by_name, createdAt: row.created_at.toISOString() };
  }

  /** Writes the starter rule set as version 1 when the region has none for the item yet. */
  private async ensureStarter(region: string, itemCode: string): Promise<void> {
    const starter = STARTER_RULE_SETS[itemCode];
    if (!starter) return;
    await repo.insertRuleSet(this.ctx.db, region, itemCode, starter, '初始规则集（系统预置）', null, this.ctx.now(), true);
  }

  async ruleSet(region: string, itemCode: string, version?: number) {
    await this.ensureStarter(region, itemCode);
    const row = await repo.ruleSetVersion(this.ctx.db, region, itemCode, version);
    if (!row) {
      if (version) throw new AppError(E.RULE_SET_VERSION_NOT_FOUND, { itemCode, version });
      throw new AppError(E.ITEM_HAS_NO_REVIEW, { itemCode });
    }
    return this.view(row);
  }

  async ruleSetHistory(region: string, itemCode: string) {
    await this.ensureStarter(region, itemCode);
    const rows = await repo.ruleSetHistory(this.ctx.db, region, itemCode);
    if (rows.length === 0) throw new AppError(E.ITEM_HAS_NO_REVIEW, { itemCode });
    return rows.map((r) => this.view(r));
  }

  async ruleSets(region: string) {
    for (const code of Object.keys(STARTER_RULE_SETS)) await this.ensureStarter(region, code);
    return (await repo.latestRuleSets(this.ctx.db, region)).map((r) => this.view(r));
  }

  /** Saves an edited rule set as the next version, validated and audited in one transaction. */
  async saveRuleSet(p: Principal, itemCode: string, rules: unknown, note: string | null, rctx: RequestContext) {
    const layers = await this.gis.layersFor(p, p.regionCode);
    const valid = validateRules(rules, layers.map((l) => l.code), Object.fromEntries(layers.map((l) => [l.code, l.fields.map((f) => f.name)])));
    await this.ensureStarter(p.regionCode, itemCode);
    const version = await this.ctx.db.transaction(async (tx) => {
      const before = await repo.ruleSetVersion(tx, p.regionCode, itemCode);
      const v = await repo.insertRuleSet(tx, p.regionCode, itemCode, valid, note, p.userId, this.ctx.now());
      if (v === null) throw new AppError('CONFLICT');
      await this.ctx.audit.record(tx, {
        regionCode: p.regionCode, userId: p.userId, username: p.username, ip: rctx.ip, userAgent: rctx.userAgent, requestId: rctx.requestId,
        action: 'review.rule_set_update', objectType: 'review_rule_set', objectId: `${itemCode}@${v}`, result: 'success',
        detail: { itemCode, version: v, previousVersion: before?.version ?? null, rules: valid.length, note },
      });
      return v;
    });
    return this.ruleSet(p.regionCode, itemCode, version);
  }

  // --- reviews ----------------------------------------------------------------------------

  /** Runs the item's current rule set on a boundary and stores the report. */
  async review(actor: Actor, o: { itemCode: string; caseId: string | null; input: BoundaryInput }, rctx: RequestContext | null) {
    const set = await this.ruleSet(actor.regionCode, o.itemCode);
    const boundary = await this.placeBoundary(actor.regionCode, o.input);
    const analysis = await analyse(this.ctx.db, boundary, set.rules, this.reader(actor.regionCode));
    const id = await this.store(actor, { itemCode: o.itemCode, caseId: o.caseId, boundary, ruleSetVersion: set.version, analysis, previous: null, trigger: 'manual' }, rctx);
    return this.report(actor.regionCode, id);
  }

  /**
   * Runs a stored report again on its boundary and rule-set version: on the same layer versions
   * (pinVersions) the numbers are identical; on the current versions the new report says what changed.
   */
  async rerun(actor: Actor, reportId: string, o: { pinVersions: boolean; trigger?: 'rerun' | 'layer_update'; flag?: FlagTarget }, rctx: RequestContext | null) {
    const prev = await repo.getReport(this.ctx.db, actor.regionCode, reportId);
    if (!prev) throw new AppError(E.REPORT_NOT_FOUND, { id: reportId });
    const set = await this.ruleSet(actor.regionCode, prev.item_code, prev.rule_set_version);
    const boundary: PlacedBoundary = { geojson: prev.boundary, areaM2: prev.boundary_area_m2, gkEpsg: gkOfSource(prev), source: prev.source };
    const analysis = await analyse(this.ctx.db, boundary, set.rules, this.reader(actor.regionCode), o.pinVersions ? prev.layer_versions : {});
    const id = await this.store(actor, { itemCode: prev.item_code, caseId: prev.case_id, boundary, ruleSetVersion: set.version, analysis, previous: prev, trigger: o.trigger ?? 'rerun', flag: o.flag }, rctx);
    return this.report(actor.regionCode, id);
  }

  private async store(actor: Actor, o: { itemCode: string; caseId: string | null; boundary: PlacedBoundary; ruleSetVersion: number; analysis: Analysis; previous: repo.ReportRow | null; trigger: 'manual' | 'rerun' | 'layer_update'; flag?: FlagTarget }, rctx: RequestContext | null): Promise<string> {
    const now = this.ctx.now();
    const a = o.analysis;
    const diff = o.previous
      ? diffReports(
        { results: o.previous.results as RuleResult[], layerVersions: o.previous.layer_versions, overall: o.previous.overall_computed, ruleSetVersion: o.previous.rule_set_version },
        { results: a.results, layerVersions: a.layerVersions, overall: a.overall, ruleSetVersion: o.ruleSetVersion },
      )
      : null;
    return this.ctx.db.transaction(async (tx) => {
      const reportNo = await repo.nextReportNo(tx, actor.regionCode, chinaDay(now));
      const id = await repo.insertReport(tx, {
        region: actor.regionCode, reportNo, itemCode: o.itemCode, caseId: o.caseId, boundary: o.boundary.geojson, boundaryAreaM2: o.boundary.areaM2,
        source: { ...o.boundary.source, gkEpsg: o.boundary.gkEpsg }, ruleSetVersion: o.ruleSetVersion, layerVersions: a.layerVersions, results: a.results, landUse: a.landUse,
        overall: a.overall, previousReportId: o.previous?.id ?? null, diff, trigger: o.trigger, createdBy: o.trigger === 'layer_update' ? null : actor.userId, createdAt: now,
      });
      if (o.trigger === 'layer_update' && o.caseId && o.previous && diff) {
        const flagId = await repo.insertFlag(tx, actor.regionCode, o.caseId, id, o.previous.id, { reportNo, ...diff }, now);
        await this.announceFlag(tx, actor.regionCode, { flagId, caseId: o.caseId, reportNo, previousReportNo: o.previous.report_no, diff, target: o.flag ?? null }, now);
      }
      await this.ctx.audit.record(tx, {
        regionCode: actor.regionCode, userId: o.trigger === 'layer_update' ? null : actor.userId, username: o.trigger === 'layer_update' ? null : actor.username,
        ip: rctx?.ip ?? null, userAgent: rctx?.userAgent ?? null, requestId: rctx?.requestId ?? null,
        action: o.trigger === 'manual' ? 'review.run' : `review.${o.trigger}`, objectType: 'review_report', objectId: reportNo, result: 'success',
        detail: { itemCode: o.itemCode, caseId: o.caseId, overall: a.overall, ruleSetVersion: o.ruleSetVersion, layerVersions: a.layerVersions, previous: o.previous?.report_no ?? null },
      });
      return id;
    });
  }

  async report(region: string, id: string) {
    const r = /^[0-9a-f-]{36}$/i.test(id) ? await repo.getReport(this.ctx.db, region, id) : null;
    if (!r) throw new AppError(E.REPORT_NOT_FOUND, { id });
    const src = r.source as { warnings?: Finding[] };
    return {
      id: r.id, reportNo: r.report_no, itemCode: r.item_code, caseId: r.case_id, createdAt: r.created_at.toISOString(), createdBy: r.created_by, createdByName: r.created_by_name,
      trigger: r.trigger, previousReportId: r.previous_report_id, diff: r.diff,
      boundary: { geometry: JSON.parse(r.boundary) as object, area: areaUnits(r.boundary_area_m2), source: r.source, warnings: src.warnings ?? [] },
      ruleSetVersion: r.rule_set_version, layerVersions: r.layer_versions,
      overall: r.overall, overallComputed: r.overall_computed, results: r.results as RuleResult[], landUse: r.land_use, overrides: r.overrides,
    };
  }

  /** The report as PDF, with the counted features of each rule drawn under the boundary. */
  async pdf(region: string, id: string): Promise<{ reportNo: string; bytes: Buffer }> {
    const report = await this.report(region, id);
    const reader = this.reader(region);
    const boundary = JSON.stringify(report.boundary.geometry);
    const layers: MapLayer[] = [];
    for (const r of report.results) {
      if (r.layer.version === null || r.features.length === 0 || r.measure === 'distance' || layers.some((l) => l.code === r.layer.code)) continue;
      const fids = new Set(report.results.filter((x) => x.layer.code === r.layer.code).flatMap((x) => x.features.map((f) => f.fid)));
      const features = (await reader.features(r.layer.code, r.layer.version, boundary)).filter((c) => fids.has(c.fid)).map((c) => ({ fid: c.fid, geometry: JSON.parse(c.geometry) as { type: string; coordinates: unknown } }));
      layers.push({ code: r.layer.code, name: r.layer.name ?? r.layer.code, features });
    }
    const bytes = await renderReportPdf(report as unknown as Parameters<typeof renderReportPdf>[0], layers);
    return { reportNo: report.reportNo, bytes };
  }

  /** A reviewer's verdict for a rule judged a false positive: only with a written reason; audited; the computed verdict stays beside it. */
  async override(p: Principal, id: string, o: { ruleId: string; verdict: Verdict; reason: string }, rctx: RequestContext) {
    const reason = o.reason.trim();
    if ([...reason].length < 10) throw new AppError(E.OVERRIDE_REASON_REQUIRED);
    await this.ctx.db.transaction(async (tx) => {
      const r = await repo.getReport(tx, p.regionCode, id, true);
      if (!r) throw new AppError(E.REPORT_NOT_FOUND, { id });
      const results = r.results as RuleResult[];
      const res = results.find((x) => x.ruleId === o.ruleId);
      if (!res) throw new AppError(E.RULE_NOT_IN_REPORT, { ruleId: o.ruleId });
      const at = this.ctx.now().toISOString();
      const entry = { ruleId: o.ruleId, computedVerdict: res.computedVerdict, previousVerdict: res.verdict, verdict: o.verdict, reason, by: p.userId, byName: p.displayName, at };
      res.override = { verdict: o.verdict, reason, by: p.userId, byName: p.displayName, at };
      res.verdict = o.verdict;
      const overall = worst(results.map((x) => x.verdict));
      await repo.saveOverride(tx, r.id, results, [...r.overrides, entry], overall);
      await this.ctx.audit.record(tx, {
        regionCode: p.regionCode, userId: p.userId, username: p.username, ip: rctx.ip, userAgent: rctx.userAgent, requestId: rctx.requestId,
        action: 'review.override', objectType: 'review_report', objectId: r.report_no, result: 'success',
        detail: { ruleId: o.ruleId, computedVerdict: res.computedVerdict, previousVerdict: entry.previousVerdict, verdict: o.verdict, reason, overall },
      });
    });
    return this.report(p.regionCode, id);
  }

  /** The reports of a case, newest first (the first one is the case's current review). */
  /** Links a report made before its case existed to the case, in the caller's transaction (see repository). */
  async linkToCase(q: Queryable, region: string, reportId: string, caseId: string): Promise<void> {
    const r = await repo.linkReportToCase(q, region, reportId, caseId);
    if (r === 'not_found') throw new AppError(E.REPORT_NOT_FOUND, { id: reportId });
    if (r === 'other_case') throw new AppError(E.REPORT_OF_ANOTHER_CASE, { id: reportId });
  }

  async reportsOfCase(region: string, caseId: string) {
    return (await repo.reportsOfCase(this.ctx.db, region, caseId)).map((r) => ({
      id: r.id, reportNo: r.report_no, itemCode: r.item_code, overall: r.overall, overallComputed: r.overall_computed, trigger: r.trigger,
      previousReportId: r.previous_report_id, ruleSetVersion: r.rule_set_version, layerVersions: r.layer_versions, createdAt: r.created_at.toISOString(),
    }));
  }

  /** The re-review flags of the given cases, oldest first; acknowledged ones only when asked for. */
  /** Flags of the listed cases that the user may see (their data scope); other cases' flags are left out. */
  async flags(p: Principal, caseIds: string[], includeAcknowledged = false) {
    const rows = await repo.flagsOfCases(this.ctx.db, p.regionCode, caseIds, includeAcknowledged);
    const visible = new Map<string, boolean>();
    for (const id of new Set(rows.map((r) => r.case_id))) visible.set(id, await this.cases.visibleTo(p, id));
    return rows.filter((r) => visible.get(r.case_id)).map(flagView);
  }

  /**
   * The reviewer has read a re-review flag: once (a second time is FLAG_ALREADY_ACKNOWLEDGED), by
   * someone who may see the case, with an optional note; audited. The flag leaves the default list.
   */
  async acknowledgeFlag(p: Principal, id: number, note: string | null, rctx: RequestContext) {
    const flag = await repo.getFlag(this.ctx.db, p.regionCode, id);
    // A flag of a case outside the caller's data scope does not exist for them.
    if (!flag || !(await this.cases.visibleTo(p, flag.case_id))) throw new AppError(E.FLAG_NOT_FOUND, { id });
    const text = note?.trim() ? note.trim() : null;
    await this.ctx.db.transaction(async (tx) => {
      const done = await repo.acknowledgeFlag(tx, p.regionCode, id, p.userId, text, this.ctx.now());
      if (!done) {
        const current = await repo.getFlag(tx, p.regionCode, id);
        throw new AppError(E.FLAG_ALREADY_ACKNOWLEDGED, { id, acknowledgedAt: current?.acknowledged_at?.toISOString() ?? null, acknowledgedByName: current?.acknowledged_by_name ?? null });
      }
      await this.ctx.audit.record(tx, {
        regionCode: p.regionCode, userId: p.userId, username: p.username, ip: rctx.ip, userAgent: rctx.userAgent, requestId: rctx.requestId,
        action: 'review.flag_acknowledge', objectType: 'review_flag', objectId: String(id), result: 'success',
        detail: { caseId: flag.case_id, reportId: flag.report_id, note: text },
      });
    });
    return flagView((await repo.getFlag(this.ctx.db, p.regionCode, id))!);
  }

  /**
   * Tells the case's reviewers about a new flag: an in-app notification to whoever holds the case's
   * open steps (deduplicated per flag and person), and a `review.case_flagged` event for other channels.
   */
  private async announceFlag(tx: Queryable, region: string, f: { flagId: number; caseId: string; reportNo: string; previousReportNo: string; diff: ReturnType<typeof diffReports>; target: FlagTarget | null }, now: Date): Promise<void> {
    const changed = (f.diff.rules as { ruleId: string; verdict?: { before: string; after: string } }[]).filter((r) => r.verdict && r.verdict.before !== r.verdict.after);
    const layers = (f.diff.layers as { code: string; before: number | null; after: number | null }[]).map((l) => `${l.code} v${l.before ?? '-'}→v${l.after ?? '-'}`).join('、');
    const caseNo = f.target?.caseNo ?? f.caseId;
    const title = `【复审提醒】办件 ${caseNo} 的辅助审查结果因图层更新发生变化`;
    const body = `图层 ${layers || '-'} 发布新版本后自动复审，新报告 ${f.reportNo}（原报告 ${f.previousReportNo}）${changed.length ? `，${changed.length} 项规则结论变化` : '，面积有变化'}。请在“复审提醒”中查看并确认。`;
    const recipients = f.target ? await repo.stepHolders(tx, region, f.target.openTasks) : [];
    await repo.notifyStaff(tx, region, recipients, { caseId: f.caseId, title, body, dedupeKey: `review_flag:${f.flagId}` }, now);
    await this.ctx.outbox.append(tx, {
      regionCode: region, topic: 'review.case_flagged', aggregateType: 'case', aggregateId: f.caseId,
      payload: { flagId: f.flagId, caseNo, reportNo: f.reportNo, previousReportNo: f.previousReportNo, changedRules: changed.map((r) => r.ruleId), recipients },
    });
  }

  // --- re-review after a layer changed ------------------------------------------------------

  /**
   * Finds every open case (before a decision) whose latest report read an older version of a layer than the current one,
   * re-reviews it on the current versions (same boundary, same rule-set version, so the difference
   * is the data's) and flags it to the reviewer with the diff. Idempotent: a case already reviewed
   * on the current versions is left alone. Returns the new report ids.
   */
  async sweepLayerChanges(region: string): Promise<string[]> {
    const reader = this.reader(region);
    const current = new Map<string, number | null>();
    const done: string[] = [];
    for (const r of await repo.latestCaseReports(this.ctx.db, region)) {
      let outdated = false;
      for (const [code, v] of Object.entries(r.layer_versions)) {
        if (!current.has(code)) current.set(code, (await reader.version(code))?.version ?? null);
        if (current.get(code) !== v) outdated = true;
      }
      if (!outdated) continue;
      try {
        // Only open cases: a decided, withdrawn or unknown case keeps the report it was decided on.
        const c = await this.cases.lookup(region, r.case_id);
        if (!c?.open) continue;
        const report = await this.rerun({ userId: '', username: 'system', regionCode: region }, r.id, { pinVersions: false, trigger: 'layer_update', flag: { caseNo: c.caseNo, openTasks: c.openTasks } }, null);
        done.push(report.id);
      } catch {
        // One case that cannot be re-reviewed (its rule-set version is gone …) must not stop the others;
        // it stays on its old report and the next sweep tries again.
      }
    }
    return done;
  }

  /** Queues a sweep after a layer version is published (outbox subscribers run inside the dispatch transaction, so the sweep starts after it). */
  onLayerPublished(region: string): void {
    this.sweeping = this.sweeping.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => this.sweepLayerChanges(region)).catch(() => undefined);
  }

  /** Resolves when queued sweeps have finished (tests, shutdown). */
  idle(): Promise<unknown> {
    return this.sweeping;
  }
}

/** The case a layer-update re-review flags, and the steps whose holders are told. */
interface FlagTarget {
  caseNo: string;
  openTasks: { permission: string; departmentCode: string | null }[];
}

function flagView(f: repo.FlagRow) {
  return {
    id: f.id, caseId: f.case_id, reportId: f.report_id, previousReportId: f.previous_report_id, summary: f.summary, createdAt: f.created_at.toISOString(),
    acknowledgedAt: f.acknowledged_at?.toISOString() ?? null, acknowledgedBy: f.acknowledged_by, acknowledgedByName: f.acknowledged_by_name, note: f.note,
  };
}

function gkOfSource(r: repo.ReportRow): number {
  const g = (r.source as { gkEpsg?: number }).gkEpsg;
  return typeof g === 'number' ? g : 4526;
}

/** yyyyMMdd in China Standard Time (UTC+8), the bureau's day. */
function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
