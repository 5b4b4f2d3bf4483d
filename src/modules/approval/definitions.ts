import type { AppContext } from '../../core/context.ts';
import type { Queryable } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { auditOf, type Actor } from './actor.ts';
import { SEED_ITEMS } from './catalogue.ts';
import { ApprovalErrors as E } from './errors.ts';
import { validateGraph, type ProcessGraph } from './graph.ts';
import { seedDefinition } from './seed-definitions.ts';

export interface DefinitionRecord {
  id: string;
  itemCode: string;
  version: number;
  name: string;
  graph: ProcessGraph;
  reason: string;
  createdAt: string;
}

interface DefRow { id: string; item_code: string; version: number; name: string; graph: ProcessGraph; reason: string; created_at: Date }
const toRecord = (r: DefRow): DefinitionRecord => ({ id: r.id, itemCode: r.item_code, version: r.version, name: r.name, graph: r.graph, reason: r.reason, createdAt: r.created_at.toISOString() });
const COLS = 'id, item_code, version, name, graph, reason, created_at';

/** Process definitions: versioned graphs per item; a running case keeps the version it started on. */
export class DefinitionService {
  constructor(private readonly ctx: AppContext) {}

  async current(regionCode: string, itemCode: string, q: Queryable = this.ctx.db): Promise<DefinitionRecord> {
    const r = await q.query<DefRow>(`SELECT ${COLS} FROM process_definitions WHERE region_code = $1 AND item_code = $2 ORDER BY version DESC LIMIT 1`, [regionCode, itemCode]);
    if (!r.rows[0]) throw new AppError(E.DEFINITION_NOT_FOUND, { itemCode });
    return toRecord(r.rows[0]);
  }

  async byId(id: string, q: Queryable = this.ctx.db): Promise<DefinitionRecord> {
    const r = await q.query<DefRow>(`SELECT ${COLS} FROM process_definitions WHERE id = $1`, [id]);
    if (!r.rows[0]) throw new AppError(E.DEFINITION_NOT_FOUND, { id });
    return toRecord(r.rows[0]);
  }

  async versions(regionCode: string, itemCode: string): Promise<DefinitionRecord[]> {
    const r = await this.ctx.db.query<DefRow>(`SELECT ${COLS} FROM process_definitions WHERE region_code = $1 AND item_code = $2 ORDER BY version DESC`, [regionCode, itemCode]);
    return r.rows.map(toRecord);
  }

  /** Throws DEFINITION_INVALID listing every problem. */
  check(graph: ProcessGraph): void {
    const problems = validateGraph(graph);
    if (problems.length > 0) throw new AppError(E.DEFINITION_INVALID, { problems }, problems.map((p) => `${p.path}: ${p.problem}`).join('; '));
  }

  /** Saves a new version of an item's definition after validation; audited. */
  async save(actor: Actor, itemCode: string, body: { name: string; graph: ProcessGraph; reason: string; expectedVersion?: number }): Promise<DefinitionRecord> {
    this.check(body.graph);
    return this.ctx.db.transaction(async (tx) => {
      const item = await tx.query<{ id: string }>('SELECT id FROM service_items WHERE region_code = $1 AND code = $2 FOR UPDATE', [actor.regionCode, itemCode]);
      if (!item.rows[0]) throw new AppError(E.ITEM_NOT_FOUND, { code: itemCode });
      const cur = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM process_definitions WHERE region_code = $1 AND item_code = $2', [actor.regionCode, itemCode]);
      const latest = cur.rows[0]?.v ?? 0;
      if (body.expectedVersion !== undefined && body.expectedVersion !== latest) throw new AppError(E.ITEM_VERSION_CONFLICT, { currentVersion: latest });
      const r = await tx.query<DefRow>(
        `INSERT INTO process_definitions (region_code, item_code, version, name, graph, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLS}`,
        [actor.regionCode, itemCode, latest + 1, body.name, JSON.stringify(body.graph), body.reason, actor.userId, this.ctx.now()],
      );
      await this.ctx.audit.record(tx, auditOf(actor, 'approval.definition_save', 'process_definition', `${itemCode}@${latest + 1}`, { reason: body.reason, nodes: body.graph.nodes.length }));
      return toRecord(r.rows[0]!);
    });
  }

  /** A first definition for each seeded item that has none. */
  async seed(q: Queryable, regionCode: string): Promise<number> {
    let n = 0;
    for (const it of SEED_ITEMS) {
      const has = await q.query('SELECT 1 FROM process_definitions WHERE region_code = $1 AND item_code = $2 LIMIT 1', [regionCode, it.code]);
      if (has.rowCount > 0) continue;
      const graph = seedDefinition(it.code, it.guide);
      this.check(graph);
      await q.query(`INSERT INTO process_definitions (region_code, item_code, version, name, graph, reason) VALUES ($1, $2, 1, $3, $4, '初始流程') ON CONFLICT (region_code, item_code, version) DO NOTHING`,
        [regionCode, it.code, `${it.guide.name}流程`, JSON.stringify(graph)]);
      n++;
    }
    return n;
  }
}
