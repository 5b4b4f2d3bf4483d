import type { Principal } from '../../core/auth/service.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { FeatureSource } from './formats/types.ts';
import { attachPartition, dropImportTable, importFeatures, type ImportProgress, type ImportResult } from './importer.ts';
import { NATIONAL_LAYERS } from './catalogue.ts';
import { IMPORT_QUEUE, type ImportJobPayload } from './import-job.ts';
import { assertCanRead, canRead, createLayer, findLayer, getLayer, listLayers, listVersions, reserveVersion, resolveVersion, type Layer, type NewLayer } from './layers.ts';

/** A page of features: bbox (EPSG:4490 lon/lat), equality filters on properties. */
export interface FeatureQuery {
  bbox?: number[];
  props?: Record<string, string>;
  limit: number;
  offset: number;
}

/** Who changes data: a signed-in user, or the system (null) for demo loading. */
export interface Actor {
  userId: string;
  username: string | null;
}

/**
 * The spatial platform's services: catalogue, versioned imports, feature queries and statistics.
 * Readers get only published versions; an import lands whole or not at all: its rows are written
 * under a reserved version that nobody reads until one transaction publishes it.
 */
export class GisService {
  /**
   * Layer rows for the serving paths (tiles, feature pages), so a tile costs one query, not two.
   * Changes made through this service drop the entry at once; another process's changes show
   * within SERVING_CACHE_MS.
   */
  private readonly serving = new Map<string, { layer: Layer; at: number }>();
  static readonly SERVING_CACHE_MS = 2000;

  constructor(private readonly ctx: AppContext) {}

  /** readableLayer through the serving cache; for read-only requests that ask for many objects of one layer. */
  async servingLayer(p: Principal | null, regionCode: string, code: string): Promise<Layer> {
    const key = `${regionCode}:${code}`;
    const hit = this.serving.get(key);
    let layer: Layer;
    if (hit && performance.now() - hit.at < GisService.SERVING_CACHE_MS) layer = hit.layer;
    else {
      layer = await getLayer(this.ctx.db, regionCode, code);
      if (this.serving.size > 1000) this.serving.clear();
      this.serving.set(key, { layer, at: performance.now() });
    }
    assertCanRead(layer, p);
    return layer;
  }

  /** Forgets cached layer rows after a change to a layer's metadata, access or current version. */
  invalidate(regionCode: string, code: string): void {
    this.serving.delete(`${regionCode}:${code}`);
  }

  async layersFor(p: Principal | null, regionCode: string) {
    const all = await listLayers(this.ctx.db, regionCode);
    return all.filter((l) => canRead(l, p));
  }

  async readableLayer(p: Principal | null, regionCode: string, code: string): Promise<Layer> {
    const layer = await getLayer(this.ctx.db, regionCode, code);
    assertCanRead(layer, p);
    return layer;
  }

  /** The layer an import writes to (access to it is checked by the caller's permission). */
  layerForImport(regionCode: string, code: string): Promise<Layer> {
    return getLayer(this.ctx.db, regionCode, code);
  }

  /**
   * Queues an import of a stored upload as the next version of a layer, creating the layer from
   * `define` (or the national catalogue for standard codes) when it is new. Returns at once.
   */
  async startImport(p: Principal, layerCode: string, o: { fileId: string; sourceLayer?: string; zone?: number; define?: Omit<NewLayer, 'code' | 'fields'> }) {
    const { db } = this.ctx;
    const file = await this.ctx.files.get(db, o.fileId, p.regionCode);
    return db.transaction(async (tx) => {
      let layer = await findLayer(tx, p.regionCode, layerCode);
      if (!layer) {
        const d = o.define ?? (NATIONAL_LAYERS[layerCode] ? { ...NATIONAL_LAYERS[layerCode]!, geometryType: 'polygon' as const } : undefined);
        if (!d) throw new AppError(G.LAYER_NOT_FOUND, { layer: layerCode }, 'a new layer needs its definition (name, category, geometryType)');
        layer = await createLayer(tx, p.regionCode, { ...d, code: layerCode });
      }
      const version = await reserveVersion(tx, layer, { fileName: file.originalName, fileId: file.id, sha256: file.sha256 }, p.userId);
      const payload: ImportJobPayload = { regionCode: p.regionCode, layerCode, version, fileId: file.id, sourceLayer: o.sourceLayer, zone: o.zone, userId: p.userId };
      const jobId = await this.ctx.jobs.enqueue(tx, IMPORT_QUEUE, payload as unknown as Record<string, unknown>, { regionCode: p.regionCode, maxAttempts: 1 });
      await tx.query('UPDATE layer_versions SET job_id = $3 WHERE layer_id = $1 AND version = $2', [layer.id, version, jobId]);
      return { jobId, layer: layerCode, version };
    });
  }

  versions(layer: Layer) {
    return listVersions(this.ctx.db, layer.id);
  }

  /**
   * Imports a source as the next version of a layer (created from `define` when new), then
   * publishes it. On any error the version is marked failed and its rows are removed.
   */
  async importSource(
    p: Actor | null,
    regionCode: string,
    layerCode: string,
    source: FeatureSource,
    opts: { define?: Omit<NewLayer, 'code' | 'fields'>; fileName?: string; onProgress?: (x: ImportProgress) => Promise<void>; version?: number } = {},
  ): Promise<{ layer: Layer; version: number; result: ImportResult }> {
    const { db } = this.ctx;
    let layer = await findLayer(db, regionCode, layerCode);
    if (!layer) {
      if (!opts.define) throw new AppError(G.LAYER_NOT_FOUND, { layer: layerCode });
      layer = await createLayer(db, regionCode, { ...opts.define, code: layerCode, fields: source.fields });
    }
    // The import report keeps the reader's warnings (axes swapped, rings closed, area mismatch …).
    const warnings = ((source as { warnings?: unknown[] }).warnings ?? []).slice(0, 100);
    const meta = { format: source.format, name: source.name, fileName: opts.fileName ?? null, crs: source.crs, declaredCount: source.count, warnings };
    const version = opts.version ?? (await db.transaction((tx) => reserveVersion(tx, layer!, meta, p?.userId ?? null)));
    try {
      const result = await importFeatures(db, layer, version, source, opts.onProgress);
      await db.transaction(async (tx) => {
        await attachPartition(tx, layer!.id, version);
        await tx.query(
          `UPDATE layer_versions SET status = 'ready', feature_count = $3, repaired_count = $4, total_area_m2 = $5, bbox = $6, finished_at = $7, source = source || $8::jsonb
            WHERE layer_id = $1 AND version = $2`,
          [layer!.id, version, result.features, result.repaired, result.totalAreaM2, result.bbox, this.ctx.now(), JSON.stringify(meta)],
        );
        await tx.query('UPDATE layers SET current_version = $2, fields = $3, updated_at = $4 WHERE id = $1', [layer!.id, version, JSON.stringify(source.fields), this.ctx.now()]);
        await this.ctx.audit.record(tx, {
          regionCode, userId: p?.userId ?? null, username: p?.username ?? null, action: 'gis.layer_publish', objectType: 'layer', objectId: `${layerCode}@${version}`, result: 'success',
          detail: { features: result.features, repaired: result.repaired, crs: source.crs.epsg, fileName: opts.fileName ?? null },
        });
        await this.ctx.outbox.append(tx, { regionCode, topic: 'gis.layer_version_published', aggregateType: 'layer', aggregateId: layer!.id, payload: { layerCode, version, previous: layer!.currentVersion } });
      });
      this.invalidate(regionCode, layerCode);
      return { layer: { ...layer, currentVersion: version }, version, result };
    } catch (err) {
      await this.discard(layer, version, err);
      throw err;
    } finally {
      await source.close();
    }
  }

  /** Removes a failed import's rows and records why. */
  async discard(layer: Layer, version: number, err: unknown): Promise<void> {
    const message = err instanceof AppError ? `${err.code}: ${err.message}` : (err as Error).message;
    await this.ctx.db.transaction(async (tx) => {
      await dropImportTable(tx, layer.id, version);
      await tx.query(`UPDATE layer_versions SET status = 'failed', error = $3, finished_at = $4 WHERE layer_id = $1 AND version = $2`, [layer.id, version, message.slice(0, 2000), this.ctx.now()]);
    });
  }

  async version(layer: Layer, version?: number): Promise<number> {
    return resolveVersion(this.ctx.db, layer, version);
  }

  /** Features as GeoJSON with paging: bbox (EPSG:4490 lon/lat), equality filters on properties. */
  async queryFeatures(layer: Layer, version: number, q: FeatureQuery) {
    const page = await this.featurePage(layer, version, q);
    return { total: page.total, features: JSON.parse(page.featuresJson) as { type: 'Feature'; id: number; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };
  }

  /**
   * One page of features as ready-made GeoJSON text plus the number matched, in one statement: the
   * database writes the JSON (ST_AsGeoJSON, jsonb) and the server passes it through instead of
   * parsing and serialising every coordinate again. `latLon` flips axes for EPSG:4490 output.
   */
  async featurePage(layer: Layer, version: number, q: FeatureQuery & { latLon?: boolean }): Promise<{ total: number; returned: number; featuresJson: string }> {
    const where = ['layer_id = $1', 'version = $2'];
    const params: unknown[] = [layer.id, version, q.limit, q.offset, q.latLon === true];
    if (q.bbox) {
      // && uses the GiST index; ST_Intersects keeps only true intersections.
      const env = `ST_MakeEnvelope($${params.length + 1}, $${params.length + 2}, $${params.length + 3}, $${params.length + 4}, 4490)`;
      where.push(`geom && ${env}`, `ST_Intersects(geom, ${env})`);
      params.push(...q.bbox);
    }
    for (const [k, v] of Object.entries(q.props ?? {})) {
      if (!layer.fields.some((f) => f.name === k)) throw new AppError(G.PROPERTY_UNKNOWN, { property: k });
      where.push(`props ->> $${params.push(k)} = $${params.push(v)}`);
    }
    const r = await this.ctx.db.query<{ total: number; returned: number; features: string }>(
      `WITH m AS MATERIALIZED (SELECT fid, props, geom, area_m2 FROM features WHERE ${where.join(' AND ')}),
            p AS (SELECT * FROM m ORDER BY fid LIMIT $3 OFFSET $4)
       SELECT (SELECT count(*) FROM m)::int AS total, (SELECT count(*) FROM p)::int AS returned,
              (SELECT coalesce(json_agg(json_build_object(
                        'type', 'Feature', 'id', fid,
                        'properties', CASE WHEN area_m2 IS NULL THEN props ELSE props || jsonb_build_object('_area_m2', round(area_m2 * 100) / 100) END,
                        'geometry', ST_AsGeoJSON(CASE WHEN $5::boolean THEN ST_FlipCoordinates(geom) ELSE geom END, 7, 0)::json) ORDER BY fid), '[]')::text
                 FROM p) AS features`,
      params,
    );
    const row = r.rows[0]!;
    return { total: row.total, returned: row.returned, featuresJson: row.features };
  }

  async feature(layer: Layer, version: number, fid: number) {
    const r = await this.ctx.db.query<{ fid: number; props: Record<string, unknown>; g: string; area_m2: number | null }>(
      'SELECT fid, props, ST_AsGeoJSON(geom, 7, 0) AS g, area_m2 FROM features WHERE layer_id = $1 AND version = $2 AND fid = $3',
      [layer.id, version, fid],
    );
    const f = r.rows[0];
    if (!f) throw new AppError(G.FEATURE_NOT_FOUND, { layer: layer.code, fid });
    return { type: 'Feature' as const, id: f.fid, properties: { ...f.props, ...(f.area_m2 !== null ? { _area_m2: round2(f.area_m2) } : {}) }, geometry: JSON.parse(f.g) };
  }

  /** Features intersecting a polygon (GeoJSON, EPSG:4490), with the intersecting ellipsoidal area. */
  async queryByPolygon(layer: Layer, version: number, polygon: object, limit: number, offset: number) {
    const g = JSON.stringify(polygon);
    const total = await this.ctx.db.query<{ n: number }>(
      `WITH w AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g)
       SELECT count(*)::int AS n FROM features, w WHERE layer_id = $1 AND version = $2 AND geom && w.g AND ST_Intersects(geom, w.g)`,
      [layer.id, version, g],
    );
    const rows = await this.ctx.db.query<{ fid: number; props: Record<string, unknown>; g: string; a: number }>(
      `WITH w AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g)
       SELECT fid, props, ST_AsGeoJSON(geom, 7, 0) AS g, ST_Area(ST_Intersection(geom, w.g)::geography) AS a
         FROM features, w WHERE layer_id = $1 AND version = $2 AND geom && w.g AND ST_Intersects(geom, w.g)
        ORDER BY fid LIMIT $4 OFFSET $5`,
      [layer.id, version, g, limit, offset],
    );
    return {
      total: total.rows[0]!.n,
      features: rows.rows.map((r) => ({ type: 'Feature' as const, id: r.fid, properties: { ...r.props, _overlap: areaUnits(r.a) }, geometry: JSON.parse(r.g) })),
    };
  }

  /** The features of the readable layers under a point (EPSG:4490). */
  async identify(p: Principal | null, regionCode: string, lon: number, lat: number, layerCodes?: string[]) {
    const layers = (await this.layersFor(p, regionCode)).filter((l) => l.currentVersion !== null && (!layerCodes || layerCodes.includes(l.code)));
    const out = [];
    for (const l of layers) {
      const r = await this.ctx.db.query<{ fid: number; props: Record<string, unknown>; area_m2: number | null }>(
        `SELECT fid, props, area_m2 FROM features WHERE layer_id = $1 AND version = $2
            AND geom && ST_SetSRID(ST_MakePoint($3, $4), 4490) AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($3, $4), 4490)) ORDER BY fid LIMIT 20`,
        [l.id, l.currentVersion, lon, lat],
      );
      if (r.rows.length) out.push({ layer: l.code, name: l.name, version: l.currentVersion, features: r.rows.map((x) => ({ fid: x.fid, properties: x.props, areaM2: x.area_m2 === null ? null : round2(x.area_m2) })) });
    }
    return out;
  }

  /**
   * Area by a property (e.g. DLBM) of a layer version, optionally within a polygon (GeoJSON in
   * EPSG:4490): ellipsoidal areas of the intersections, in m², 公顷 and 亩.
   */
  async areaBy(layer: Layer, version: number, property: string, within?: object, prefixLength?: number) {
    if (!layer.fields.some((f) => f.name === property)) throw new AppError(G.PROPERTY_UNKNOWN, { property });
    // prefixLength groups hierarchical codes: ZLDWDM (12-digit village code) by 9 gives towns.
    const key = prefixLength ? `left(props ->> $3, ${Math.trunc(prefixLength)})` : 'props ->> $3';
    const params: unknown[] = [layer.id, version, property];
    let area = 'sum(area_m2)';
    let filter = '';
    if (within) {
      params.push(JSON.stringify(within));
      filter = `AND geom && w.g AND ST_Intersects(geom, w.g)`;
      area = 'sum(ST_Area(ST_Intersection(geom, w.g)::geography))';
    }
    const from = within ? `features, (SELECT ST_SetSRID(ST_GeomFromGeoJSON($4), 4490) AS g) w` : 'features';
    const r = await this.ctx.db.query<{ k: string | null; n: number; a: number | null }>(
      `SELECT ${key} AS k, count(*)::int AS n, ${area} AS a FROM ${from} WHERE layer_id = $1 AND version = $2 ${filter} GROUP BY 1 ORDER BY 3 DESC NULLS LAST`,
      params,
    );
    return r.rows.map((x) => ({ key: x.k, count: x.n, ...areaUnits(x.a ?? 0) }));
  }
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** m² → m², 公顷 (ha) and 亩 (1 亩 = 10000/15 m²). */
export function areaUnits(m2: number) {
  return { areaM2: round2(m2), areaHa: Math.round(m2 / 100) / 100, areaMu: Math.round((m2 * 15) / 10000 * 100) / 100 };
}
