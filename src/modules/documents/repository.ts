import type { Queryable } from '../../core/db/index.ts';

/** A certificate row as stored (dates as YYYY-MM-DD text, the area as numeric text). */
export interface CertificateRow {
  id: string;
  region_code: string;
  certificate_no: string;
  type_code: string;
  type_name: string;
  holder_name: string;
  holder_id_type: 'uscc' | 'id_card' | 'other';
  holder_id_no: string;
  project_name: string;
  project_location: string;
  land_area_m2: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
  details: { label: string; value: string }[];
  issued_on: string;
  issuer: string;
  case_no: string | null;
  content: unknown;
  content_digest: string;
  signature: string;
  key_id: string;
  status: 'valid' | 'revoked';
  revoked_at: Date | null;
  revoked_reason: string | null;
  status_mac: string;
  created_at: Date;
}

export interface SigningKeyRow {
  id: string;
  region_code: string;
  public_key: string;
  private_key_enc: string;
  active: boolean;
  created_at: Date;
}

const CERT_COLUMNS = `id, region_code, certificate_no, type_code, type_name, holder_name, holder_id_type, holder_id_no,
  project_name, project_location, land_area_m2::text AS land_area_m2, boundary, details,
  to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issuer, case_no, content, content_digest, signature, key_id,
  status, revoked_at, revoked_reason, status_mac, created_at`;

export interface NewCertificate {
  regionCode: string;
  certificateNo: string;
  typeCode: string;
  typeName: string;
  holderName: string;
  holderIdType: string;
  holderIdNo: string;
  projectName: string;
  projectLocation: string;
  landAreaM2: string;
  boundary: unknown;
  details: unknown;
  issuedOn: string;
  issuer: string;
  caseNo: string | null;
  content: unknown;
  contentDigest: string;
  signature: string;
  keyId: string;
  statusMac: string;
  issuedBy: string | null;
  createdAt: Date;
}

/** The only place that talks SQL for certificates and their signing keys. */
export const certificateRepository = {
  async byNumber(q: Queryable, number: string): Promise<CertificateRow | null> {
    const r = await q.query<CertificateRow>(`SELECT ${CERT_COLUMNS} FROM certificates WHERE certificate_no = $1`, [number]);
    return r.rows[0] ?? null;
  },

  async lockByNumber(q: Queryable, number: string): Promise<CertificateRow | null> {
    const r = await q.query<CertificateRow>(`SELECT ${CERT_COLUMNS} FROM certificates WHERE certificate_no = $1 FOR UPDATE`, [number]);
    return r.rows[0] ?? null;
  },

  async insert(q: Queryable, c: NewCertificate): Promise<void> {
    await q.query(
      `INSERT INTO certificates (region_code, certificate_no, type_code, type_name, holder_name, holder_id_type, holder_id_no,
         project_name, project_location, land_area_m2, boundary, details, issued_on, issuer, case_no, content, content_digest,
         signature, key_id, status_mac, issued_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11, $12, $13::date, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [
        c.regionCode, c.certificateNo, c.typeCode, c.typeName, c.holderName, c.holderIdType, c.holderIdNo,
        c.projectName, c.projectLocation, c.landAreaM2, JSON.stringify(c.boundary), JSON.stringify(c.details), c.issuedOn,
        c.issuer, c.caseNo, JSON.stringify(c.content), c.contentDigest, c.signature, c.keyId, c.statusMac, c.issuedBy, c.createdAt,
      ],
    );
  },

  async revoke(q: Queryable, id: string, at: Date, reason: string, by: string, statusMac: string): Promise<void> {
    await q.query(
      `UPDATE certificates SET status = 'revoked', revoked_at = $2, revoked_reason = $3, revoked_by = $4, status_mac = $5 WHERE id = $1`,
      [id, at, reason, by, statusMac],
    );
  },

  /** The next serial of a region, year and type; gap-free because it runs in the issuing transaction. */
  async nextSerial(q: Queryable, region: string, year: number, typeCode: string): Promise<number> {
    const r = await q.query<{ last_serial: number }>(
      `INSERT INTO certificate_serials (region_code, year, type_code, last_serial) VALUES ($1, $2, $3, 1)
       ON CONFLICT (region_code, year, type_code) DO UPDATE SET last_serial = certificate_serials.last_serial + 1
       RETURNING last_serial`,
      [region, year, typeCode],
    );
    return r.rows[0]!.last_serial;
  },

  /**
   * Validates a GeoJSON boundary with PostGIS and measures it on the GRS80 ellipsoid. ST_IsValid
   * and a geography area do not go through GEOS overlay, so a bow-tie answers valid = false rather
   * than failing; an empty answer (PGlite swallowing an engine error) is the caller's to refuse.
   */
  async measureBoundary(q: Queryable, geojson: string): Promise<{ valid: boolean; reason: string; area: string; srid: number } | null> {
    const r = await q.query<{ valid: boolean; reason: string; area: string; srid: number }>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
              round(ST_Area(g::geography, true)::numeric, 2)::text AS area, ST_SRID(g) AS srid
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS g) s`,
      [geojson],
    );
    return r.rows[0] ?? null;
  },

  async activeKey(q: Queryable, region: string): Promise<SigningKeyRow | null> {
    const r = await q.query<SigningKeyRow>(`SELECT id, region_code, public_key, private_key_enc, active, created_at FROM certificate_signing_keys WHERE region_code = $1 AND active`, [region]);
    return r.rows[0] ?? null;
  },

  async keyById(q: Queryable, id: string): Promise<SigningKeyRow | null> {
    const r = await q.query<SigningKeyRow>(`SELECT id, region_code, public_key, private_key_enc, active, created_at FROM certificate_signing_keys WHERE id = $1`, [id]);
    return r.rows[0] ?? null;
  },

  async keysOfRegion(q: Queryable, region: string): Promise<SigningKeyRow[]> {
    const r = await q.query<SigningKeyRow>(
      `SELECT id, region_code, public_key, private_key_enc, active, created_at FROM certificate_signing_keys WHERE region_code = $1 ORDER BY active DESC, created_at DESC`,
      [region],
    );
    return r.rows;
  },

  async retireActiveKey(q: Queryable, region: string, at: Date): Promise<string | null> {
    const r = await q.query<{ id: string }>(`UPDATE certificate_signing_keys SET active = false, retired_at = $2 WHERE region_code = $1 AND active RETURNING id`, [region, at]);
    return r.rows[0]?.id ?? null;
  },

  /** Inserts a key unless the region already has an active one; returns whether it was inserted. */
  async insertKeyIfNone(q: Queryable, k: { id: string; region: string; publicKey: string; privateKeyEnc: string; at: Date }): Promise<boolean> {
    const r = await q.query<{ id: string }>(
      `INSERT INTO certificate_signing_keys (id, region_code, public_key, private_key_enc, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (region_code) WHERE active DO NOTHING RETURNING id`,
      [k.id, k.region, k.publicKey, k.privateKeyEnc, k.at],
    );
    return r.rows.length === 1;
  },
};
