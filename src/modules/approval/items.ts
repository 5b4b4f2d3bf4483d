import { Value } from '@sinclair/typebox/value';
import { canonicalJson } from '../../core/audit/audit.ts';
import type { AppContext } from '../../core/context.ts';
import type { Queryable } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { auditOf, type Actor } from './actor.ts';
import { SEED_ITEMS } from './catalogue.ts';
import { ApprovalErrors as E } from './errors.ts';
import { ItemGuide } from './schemas.ts';

export interface ItemRecord {
  id: string;
  code: string;
  version: number;
  active: boolean;
  updatedAt: string;
  guide: ItemGuide;
}

interface ItemRow { id: string; code: string; version: number; active: boolean; updated_at: Date; guide: ItemGuide }

function toRecord(r: ItemRow): ItemRecord {
  return { id: r.id, code: r.code, version: r.version, active: r.active, updatedAt: r.updated_at.toISOString(), guide: r.guide };
}

/** The service-item catalogue (事项目录): public reads, versioned and audited edits. */
export class ItemService {
  constructor(private readonly ctx: AppContext) {}

  async list(regionCode: string, includeInactive = false): Promise<ItemRecord[]> {
    const r = await this.ctx.db.query<ItemRow>(
      `SELECT id, code, version, active, updated_at, guide FROM service_items WHERE region_code = $1 AND ($2 OR active) ORDER BY code`,
      [regionCode, includeInactive],
    );
    return r.rows.map(toRecord);
  }

  async get(regionCode: string, code: string, q: Queryable = this.ctx.db): Promise<ItemRecord> {
    const r = await q.query<ItemRow>('SELECT id, code, version, active, updated_at, guide FROM service_items WHERE region_code = $1 AND code = $2', [regionCode, code]);
    if (!r.rows[0]) throw new AppError(E.ITEM_NOT_FOUND, { code });
    return toRecord(r.rows[0]);
  }

  async versions(regionCode: string, code: string): Promise<{ version: number; reason: string; changedBy: string | null; changedAt: string; guide: ItemGuide }[]> {
    await this.get(regionCode, code);
    const r = await this.ctx.db.query<{ version: number; reason: string; changed_by: string | null; changed_at: Date; guide: ItemGuide }>(
      'SELECT version, reason, changed_by, changed_at, guide FROM service_item_versions WHERE region_code = $1 AND code = $2 ORDER BY version DESC',
      [regionCode, code],
    );
    return r.rows.map((x) => ({ version: x.version, reason: x.reason, changedBy: x.changed_by, changedAt: x.changed_at.toISOString(), guide: x.guide }));
  }

  /** Replaces the guide as a new version; refuses a stale expectedVersion (optimistic lock). */
  async edit(actor: Actor, code: string, body: { expectedVersion: number; reason: string; guide: ItemGuide; active?: boolean }): Promise<ItemRecord> {
    return this.ctx.db.transaction(async (tx) => {
      const cur = await tx.query<ItemRow>('SELECT id, code, version, active, updated_at, guide FROM service_items WHERE region_code = $1 AND code = $2 FOR UPDATE', [actor.regionCode, code]);
      const row = cur.rows[0];
      if (!row) throw new AppError(E.ITEM_NOT_FOUND, { code });
      if (row.version !== body.expectedVersion) throw new AppError(E.ITEM_VERSION_CONFLICT, { currentVersion: row.version });
      if (body.guide.promisedDays > body.guide.legalDays) throw new AppError(E.ITEM_GUIDE_INVALID, { field: 'promisedDays' }, 'the promised time limit cannot exceed the legal one');
      const version = row.version + 1;
      const now = this.ctx.now();
      const active = body.active ?? row.active;
      await tx.query('UPDATE service_items SET name = $2, kind = $3, version = $4, guide = $5, active = $6, updated_at = $7, updated_by = $8 WHERE id = $1',
        [row.id, body.guide.name, body.guide.kind, version, JSON.stringify(body.guide), active, now, actor.userId]);
      await tx.query('INSERT INTO service_item_versions (item_id, region_code, code, version, guide, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [row.id, actor.regionCode, code, version, JSON.stringify(body.guide), body.reason, actor.userId, now]);
      const changed = Object.keys(body.guide).filter((k) => canonicalJson((body.guide as Record<string, unknown>)[k]) !== canonicalJson((row.guide as Record<string, unknown>)[k]));
      await this.ctx.audit.record(tx, auditOf(actor, 'approval.item_edit', 'service_item', code, { fromVersion: row.version, toVersion: version, changed, reason: body.reason, active }));
      await this.ctx.outbox.append(tx, { regionCode: actor.regionCode, topic: 'service_item.changed', aggregateType: 'service_item', aggregateId: code, payload: { code, version } });
      return { id: row.id, code, version, active, updatedAt: now.toISOString(), guide: body.guide };
    });
  }

  /** Seeds the bureau's items once per region (idempotent: existing items are left as edited). */
  async seed(q: Queryable, regionCode: string): Promise<number> {
    let n = 0;
    for (const it of SEED_ITEMS) {
      if (!Value.Check(ItemGuide, it.guide)) throw new Error(`seed item ${it.code} does not match the guide schema: ${[...Value.Errors(ItemGuide, it.guide)].map((e) => `${e.path} ${e.message}`).join('; ')}`);
      const r = await q.query<{ id: string }>(
        `INSERT INTO service_items (region_code, code, name, kind, version, guide) VALUES ($1, $2, $3, $4, 1, $5)
         ON CONFLICT (region_code, code) DO NOTHING RETURNING id`,
        [regionCode, it.code, it.guide.name, it.guide.kind, JSON.stringify(it.guide)],
      );
      if (!r.rows[0]) continue;
      await q.query(`INSERT INTO service_item_versions (item_id, region_code, code, version, guide, reason) VALUES ($1, $2, $3, 1, $4, '初始目录')`, [r.rows[0].id, regionCode, it.code, JSON.stringify(it.guide)]);
      n++;
    }
    return n;
  }
}
