import type { Queryable } from '../../../core/db/index.ts';

export interface RatingRow {
  id: string;
  region_code: string;
  case_id: string;
  case_no: string;
  item_code: string;
  item_name: string;
  department_code: string;
  channel: 'online' | 'window';
  applicant_id: string | null;
  level: number;
  tags: string[];
  comment: string;
  created_at: Date;
}

export interface RectificationRow {
  id: string;
  region_code: string;
  rating_id: string;
  case_id: string;
  department_code: string;
  due_date: string;
  status: 'open' | 'closed';
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
}

export interface RectificationListRow extends RectificationRow {
  case_no: string;
  item_code: string;
  item_name: string;
  level: number;
  tags: string[];
  comment: string;
  applicant_id: string | null;
  department_name: string | null;
}

const RATING_COLS = 'id, region_code, case_id, case_no, item_code, item_name, department_code, channel, applicant_id, level, tags, comment, created_at';
const RECT_COLS = 'r.id, r.region_code, r.rating_id, r.case_id, r.department_code, r.due_date::text AS due_date, r.status, r.reply, r.replied_at, r.created_at';

/** The only place that reads and writes case_ratings and rating_rectifications. */
export const ratingsRepo = {
  async byCase(q: Queryable, caseId: string): Promise<RatingRow | undefined> {
    return (await q.query<RatingRow>(`SELECT ${RATING_COLS} FROM case_ratings WHERE case_id = $1`, [caseId])).rows[0];
  },

  async insert(q: Queryable, r: Omit<RatingRow, 'id' | 'created_at'> & { enteredBy: string | null; now: Date; ratedOn: string }): Promise<RatingRow> {
    const res = await q.query<RatingRow>(
      `INSERT INTO case_ratings (region_code, case_id, case_no, item_code, item_name, department_code, channel, applicant_id, entered_by, level, tags, comment, created_at, rated_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${RATING_COLS}`,
      [r.region_code, r.case_id, r.case_no, r.item_code, r.item_name, r.department_code, r.channel, r.applicant_id, r.enteredBy, r.level, r.tags, r.comment, r.now, r.ratedOn],
    );
    return res.rows[0]!;
  },

  async insertRectification(q: Queryable, r: { regionCode: string; ratingId: string; caseId: string; department: string; dueDate: string; now: Date }): Promise<RectificationRow> {
    const res = await q.query<RectificationRow>(
      `INSERT INTO rating_rectifications AS r (region_code, rating_id, case_id, department_code, due_date, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RECT_COLS}`,
      [r.regionCode, r.ratingId, r.caseId, r.department, r.dueDate, r.now],
    );
    return res.rows[0]!;
  },

  async rectificationOf(q: Queryable, ratingId: string): Promise<RectificationRow | undefined> {
    return (await q.query<RectificationRow>(`SELECT ${RECT_COLS} FROM rating_rectifications r WHERE r.rating_id = $1`, [ratingId])).rows[0];
  },

  /** A rectification with its rating, locked for the reply. */
  async rectificationForUpdate(q: Queryable, regionCode: string, id: string): Promise<RectificationListRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return (
      await q.query<RectificationListRow>(
        `SELECT ${RECT_COLS}, g.case_no, g.item_code, g.item_name, g.level, g.tags, g.comment, g.applicant_id, NULL AS department_name
           FROM rating_rectifications r JOIN case_ratings g ON g.id = r.rating_id WHERE r.id = $1 AND r.region_code = $2 FOR UPDATE OF r`,
        [id, regionCode],
      )
    ).rows[0];
  },

  async close(q: Queryable, id: string, reply: string, by: string, now: Date): Promise<void> {
    await q.query(`UPDATE rating_rectifications SET status = 'closed', reply = $2, replied_by = $3, replied_at = $4 WHERE id = $1`, [id, reply, by, now]);
  },

  async rectifications(q: Queryable, regionCode: string, f: { status: 'open' | 'closed' | 'all'; department: string | null }): Promise<RectificationListRow[]> {
    return (
      await q.query<RectificationListRow>(
        `SELECT ${RECT_COLS}, g.case_no, g.item_code, g.item_name, g.level, g.tags, g.comment, g.applicant_id, d.name AS department_name
           FROM rating_rectifications r JOIN case_ratings g ON g.id = r.rating_id
           LEFT JOIN departments d ON d.region_code = r.region_code AND d.code = r.department_code
          WHERE r.region_code = $1 AND ($2 = 'all' OR r.status = $2) AND ($3::text IS NULL OR r.department_code = $3)
          ORDER BY r.status, r.due_date, r.created_at, r.id`,
        [regionCode, f.status, f.department],
      )
    ).rows;
  },

  /** Ratings of a period (China-local days, both ends included) for the statistics. */
  async ratingsIn(q: Queryable, regionCode: string, from: string, to: string): Promise<(Pick<RatingRow, 'item_code' | 'item_name' | 'department_code' | 'level'> & { department_name: string | null })[]> {
    return (
      await q.query<Pick<RatingRow, 'item_code' | 'item_name' | 'department_code' | 'level'> & { department_name: string | null }>(
        `SELECT g.item_code, g.item_name, g.department_code, g.level, d.name AS department_name
           FROM case_ratings g LEFT JOIN departments d ON d.region_code = g.region_code AND d.code = g.department_code
          WHERE g.region_code = $1 AND g.rated_on BETWEEN $2::date AND $3::date`,
        [regionCode, from, to],
      )
    ).rows;
  },
};
