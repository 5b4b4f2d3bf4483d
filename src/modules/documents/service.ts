import { sm2, sm3 } from 'sm-crypto-v2';
import type { AppContext } from '../../core/context.ts';
import type { Queryable } from '../../core/db/index.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';
import { idNumberProblem, usccProblem } from '../portal/accounts/validators.ts';
import { bureauName } from './bureau.ts';
import { chinaDateParts } from './pdf/index.ts';
import { canonicalJson } from './certificates/canonical.ts';
import { readCertificateMetadata } from './certificates/pdf-metadata.ts';
import { CERTIFICATE_TYPES, isCertificateType, type CertificateTypeCode } from './certificates/types.ts';
import { DocumentErrors as E } from './errors.ts';
import { certificateRepository as repo, type CertificateRow, type SigningKeyRow } from './repository.ts';
import { renderCertificate } from './templates/certificate.ts';

/** Who does something, for the audit record. */
export interface Actor {
  userId: string;
  username: string;
  regionCode: string;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export type BoundaryGeoJson = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** What the case engine (or a clerk) passes to issue a certificate: plain data, no case objects. */
export interface IssueCertificateInput {
  typeCode: string;
  holder: { name: string; idType: 'uscc' | 'id_card' | 'other'; idNo: string };
  project: { name: string; location: string };
  /** Approved boundary, GeoJSON Polygon/MultiPolygon in CGCS2000 longitude/latitude (EPSG:4490). */
  boundary: BoundaryGeoJson;
  /** Type-specific rows as printed (用地性质, 建设规模 …). */
  details?: { label: string; value: string }[];
  /** Issue date (YYYY-MM-DD); default today in China. */
  issuedOn?: string;
  /** 办件编号 of the case that produced it (plain text). */
  caseNo?: string | null;
}

export type VerificationStatus = 'valid' | 'revoked' | 'tampered';

/** What a certificate shows the public: personal ID numbers masked. */
export interface PublicCertificate {
  certificateNo: string;
  typeCode: string;
  typeName: string;
  holder: { name: string; idType: string; idNo: string };
  project: { name: string; location: string; landAreaM2: string };
  boundary: BoundaryGeoJson;
  details: { label: string; value: string }[];
  issuedOn: string;
  issuer: string;
  caseNo: string | null;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokedReason: string | null;
  signature: { algorithm: 'SM2'; keyId: string; digest: string; value: string };
}

export interface Verification {
  status: VerificationStatus;
  /** For an uploaded PDF: whether the digest and signature it carries are the record's. */
  file?: { digestMatches: boolean; signatureMatches: boolean };
  /** Which checks passed: the content matches its digest, the signature verifies, the status record is intact. */
  checks: { content: boolean; signature: boolean; statusRecord: boolean };
  verifiedAt: string;
  certificate: PublicCertificate;
}

/** SM2 signatures use the GM/T 0009 default user id (Z value input). */
export const SM2_USER_ID = '1234567812345678';

/** Masks a personal ID: 430422199001011234 → 4304**********1234. Organisation codes are public. */
export function maskIdNo(type: string, idNo: string): string {
  if (type === 'uscc') return idNo;
  if (idNo.length <= 8) return '*'.repeat(idNo.length);
  return `${idNo.slice(0, 4)}${'*'.repeat(idNo.length - 8)}${idNo.slice(-4)}`;
}

/**
 * Shape checks of a holder's ID: resident ID card (GB 11643, 17 digits and a check character
 * ISO 7064 MOD 11-2) and unified social credit code (GB 32100, 18 characters without I O Z S V).
 */
export function holderIdWellFormed(type: string, idNo: string): boolean {
  // The national check characters: GB 11643 (resident ID) and GB 32100 (unified social credit code).
  if (type === 'id_card') return idNumberProblem(idNo) === null;
  if (type === 'uscc') return usccProblem(idNo) === null;
  return idNo.length >= 4;
}

/** The signed content of a certificate, rebuilt from its stored columns. */
export function certificateContent(row: Pick<CertificateRow, 'certificate_no' | 'region_code' | 'type_code' | 'type_name' | 'holder_name' | 'holder_id_type' | 'holder_id_no' | 'project_name' | 'project_location' | 'land_area_m2' | 'boundary' | 'details' | 'issued_on' | 'issuer' | 'case_no' | 'key_id'>): Record<string, unknown> {
  return {
    v: 1,
    certificateNo: row.certificate_no,
    regionCode: row.region_code,
    type: { code: row.type_code, name: row.type_name },
    holder: { name: row.holder_name, idType: row.holder_id_type, idNo: row.holder_id_no },
    project: { name: row.project_name, location: row.project_location, landAreaM2: row.land_area_m2 },
    boundary: row.boundary,
    details: row.details,
    issuedOn: row.issued_on,
    issuer: row.issuer,
    caseNo: row.case_no,
    keyId: row.key_id,
  };
}

function statusRecord(no: string, status: string, revokedAt: Date | null, reason: string | null): string {
  return canonicalJson({ no, status, revokedAt: revokedAt ? revokedAt.toISOString() : null, reason });
}

/**
 * Electronic certificates: issue (numbered, SM2-signed over the SM3 digest of the canonical
 * content, one transaction with its audit record), verify (valid / revoked / tampered), revoke
 * and render the PDF. Signing keys are generated per region on first use; the private key is
 * stored SM4-encrypted with the server key.
 */
export class CertificateService {
  private readonly privateKeys = new Map<string, string>();

  constructor(private readonly ctx: AppContext) {}

  /** The region's active signing key, created (and audited) on first use. */
  async signingKey(region: string, q?: Queryable): Promise<SigningKeyRow> {
    const existing = await repo.activeKey(q ?? this.ctx.db, region);
    if (existing) return existing;
    const pair = sm2.generateKeyPairHex();
    const id = sm3(pair.publicKey).slice(0, 16);
    const create = async (tx: Queryable) => {
      const inserted = await repo.insertKeyIfNone(tx, { id, region, publicKey: pair.publicKey, privateKeyEnc: this.ctx.box.encrypt(pair.privateKey), at: this.ctx.now() });
      if (inserted) {
        await this.ctx.audit.record(tx, { regionCode: region, action: 'certificate.signing_key_create', objectType: 'signing_key', objectId: id, result: 'success', detail: { algorithm: 'SM2' } });
      }
    };
    // Within the caller's transaction when given (a query outside it would wait for it on PGlite).
    if (q) await create(q);
    else await this.ctx.db.transaction(create);
    const key = await repo.activeKey(q ?? this.ctx.db, region);
    if (!key) throw new Error('signing key missing after creation');
    return key;
  }

  /**
   * Replaces the region's signing key (密钥更换, e.g. yearly or after a suspected leak): the old key
   * is retired but kept, so certificates it signed still verify; new certificates use the new key.
   */
  async rotateSigningKey(actor: Actor): Promise<{ keyId: string; retiredKeyId: string | null }> {
    const pair = sm2.generateKeyPairHex();
    const id = sm3(pair.publicKey).slice(0, 16);
    const retired = await this.ctx.db.transaction(async (tx) => {
      const old = await repo.retireActiveKey(tx, actor.regionCode, this.ctx.now());
      await repo.insertKeyIfNone(tx, { id, region: actor.regionCode, publicKey: pair.publicKey, privateKeyEnc: this.ctx.box.encrypt(pair.privateKey), at: this.ctx.now() });
      await this.ctx.audit.record(tx, {
        regionCode: actor.regionCode, userId: actor.userId, username: actor.username, ip: actor.ip, userAgent: actor.userAgent, requestId: actor.requestId,
        action: 'certificate.signing_key_rotate', objectType: 'signing_key', objectId: id, result: 'success', detail: { algorithm: 'SM2', retired: old },
      });
      return old;
    });
    return { keyId: id, retiredKeyId: retired };
  }

  /** Public keys of a region (active first), for anyone who checks signatures offline. */
  async publicKeys(region: string): Promise<{ keyId: string; publicKey: string; active: boolean; createdAt: string }[]> {
    await this.signingKey(region);
    const keys = await repo.keysOfRegion(this.ctx.db, region);
    return keys.map((k) => ({ keyId: k.id, publicKey: k.public_key, active: k.active, createdAt: k.created_at.toISOString() }));
  }

  private privateKeyOf(key: SigningKeyRow): string {
    let pk = this.privateKeys.get(key.id);
    if (!pk) {
      pk = this.ctx.box.decrypt(key.private_key_enc);
      this.privateKeys.set(key.id, pk);
    }
    return pk;
  }

  /** Checks the boundary with PostGIS and returns its ellipsoidal area (m², 2 decimals, as text). */
  private async measure(boundary: BoundaryGeoJson, q: Queryable = this.ctx.db): Promise<string> {
    for (const c of (boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates).flat(2)) {
      // China's extent: a longitude/latitude pair outside it is a projected coordinate or a typo.
      if (c.length < 2 || !(c[0]! >= 73 && c[0]! <= 136 && c[1]! >= 3 && c[1]! <= 54)) {
        throw new AppError(E.CERTIFICATE_BOUNDARY_INVALID, {}, 'coordinates must be CGCS2000 longitude/latitude within China');
      }
    }
    let m: Awaited<ReturnType<typeof repo.measureBoundary>>;
    try {
      m = await repo.measureBoundary(q, JSON.stringify(boundary));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(E.CERTIFICATE_BOUNDARY_INVALID, {}, 'the boundary is not a readable GeoJSON polygon');
    }
    if (!m) throw new AppError(CoreErrors.SPATIAL_ENGINE_FAILURE);
    if (!m.valid) throw new AppError(E.CERTIFICATE_BOUNDARY_INVALID, { reason: m.reason }, `the boundary is not valid: ${m.reason}`);
    if (!(Number(m.area) > 0)) throw new AppError(E.CERTIFICATE_BOUNDARY_INVALID, {}, 'the boundary has no area');
    return m.area;
  }

  /** Issues a certificate: numbers it, signs it and stores it with its audit record in one transaction. */
  async issue(input: IssueCertificateInput, actor: Actor, tx?: Queryable): Promise<PublicCertificate> {
    if (!isCertificateType(input.typeCode)) throw new AppError(E.CERTIFICATE_TYPE_UNKNOWN, { typeCode: input.typeCode });
    const type = CERTIFICATE_TYPES[input.typeCode as CertificateTypeCode];
    // Check characters are written upper-case on cards and licences.
    const holder = { ...input.holder, idNo: input.holder.idType === 'other' ? input.holder.idNo : input.holder.idNo.toUpperCase() };
    if (!holderIdWellFormed(holder.idType, holder.idNo)) throw new AppError(E.CERTIFICATE_HOLDER_ID_INVALID, { idType: holder.idType });
    const region = actor.regionCode;
    const area = await this.measure(input.boundary, tx);
    const key = await this.signingKey(region, tx);
    const privateKey = this.privateKeyOf(key);
    const now = this.ctx.now();
    const [y, mo, d] = chinaDateParts(now);
    const issuedOn = input.issuedOn ?? `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const year = Number(issuedOn.slice(0, 4));
    // Inside the caller's transaction when given (the case engine certifies within its transition).
    const inTx = <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => (tx ? fn(tx) : this.ctx.db.transaction(fn));
    const number = await inTx(async (tx) => {
      const serial = await repo.nextSerial(tx, region, year, type.code);
      const certificateNo = `${year}${region}${type.code}${String(serial).padStart(5, '0')}`;
      const row = {
        certificate_no: certificateNo,
        region_code: region,
        type_code: type.code,
        type_name: type.name,
        holder_name: holder.name,
        holder_id_type: holder.idType,
        holder_id_no: holder.idNo,
        project_name: input.project.name,
        project_location: input.project.location,
        land_area_m2: area,
        boundary: input.boundary as CertificateRow['boundary'],
        details: input.details ?? [],
        issued_on: issuedOn,
        issuer: bureauName(region),
        case_no: input.caseNo ?? null,
        key_id: key.id,
      };
      const content = certificateContent(row);
      const canonical = canonicalJson(content);
      const signature = sm2.doSignature(canonical, privateKey, { hash: true, publicKey: key.public_key, userId: SM2_USER_ID });
      await repo.insert(tx, {
        regionCode: region,
        certificateNo,
        typeCode: type.code,
        typeName: type.name,
        holderName: row.holder_name,
        holderIdType: row.holder_id_type,
        holderIdNo: row.holder_id_no,
        projectName: row.project_name,
        projectLocation: row.project_location,
        landAreaM2: area,
        boundary: row.boundary,
        details: row.details,
        issuedOn,
        issuer: row.issuer,
        caseNo: row.case_no,
        content,
        contentDigest: sm3(canonical),
        signature,
        keyId: key.id,
        statusMac: this.ctx.box.mac(statusRecord(certificateNo, 'valid', null, null)),
        issuedBy: actor.userId,
        createdAt: now,
      });
      await this.ctx.audit.record(tx, {
        regionCode: region, userId: actor.userId, username: actor.username, ip: actor.ip, userAgent: actor.userAgent, requestId: actor.requestId,
        action: 'certificate.issue', objectType: 'certificate', objectId: certificateNo, result: 'success',
        detail: { type: type.code, caseNo: row.case_no, keyId: key.id, digest: sm3(canonical) },
      });
      return certificateNo;
    });
    return this.publicView(await this.row(number, tx));
  }

  private async row(number: string, q: Queryable = this.ctx.db): Promise<CertificateRow> {
    const row = await repo.byNumber(q, number);
    if (!row) throw new AppError(E.CERTIFICATE_NOT_FOUND, { certificateNo: number });
    return row;
  }

  publicView(row: CertificateRow): PublicCertificate {
    return {
      certificateNo: row.certificate_no,
      typeCode: row.type_code,
      typeName: row.type_name,
      holder: { name: row.holder_name, idType: row.holder_id_type, idNo: maskIdNo(row.holder_id_type, row.holder_id_no) },
      project: { name: row.project_name, location: row.project_location, landAreaM2: row.land_area_m2 },
      boundary: row.boundary as BoundaryGeoJson,
      details: row.details,
      issuedOn: row.issued_on,
      issuer: row.issuer,
      caseNo: row.case_no,
      status: row.status,
      revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
      revokedReason: row.revoked_reason,
      signature: { algorithm: 'SM2', keyId: row.key_id, digest: row.content_digest, value: row.signature },
    };
  }

  /** The certificate as the public sees it (no verification). */
  async get(number: string): Promise<PublicCertificate> {
    return this.publicView(await this.row(number));
  }

  /**
   * Verifies a certificate: the content rebuilt from the stored columns must equal the signed
   * content and its SM3 digest, the SM2 signature must verify with the key it names, and the
   * status record must carry the server's HMAC. Any failure reads 'tampered'; otherwise the status.
   */
  async verify(number: string): Promise<Verification> {
    const row = await this.row(number);
    return { ...this.check(row, await repo.keyById(this.ctx.db, row.key_id)), verifiedAt: this.ctx.now().toISOString(), certificate: this.publicView(row) };
  }

  /**
   * Verifies an uploaded certificate PDF: the record it names must verify, and the digest and
   * signature in the file must be the record's; a file carrying other values reads 'tampered'.
   * (The page content itself is not compared; the record is the authority, and the page shows it.)
   */
  async verifyPdf(pdf: Buffer): Promise<Verification> {
    const meta = readCertificateMetadata(pdf);
    if (!meta) throw new AppError(E.CERTIFICATE_PDF_UNREADABLE);
    const result = await this.verify(meta.certificateNo);
    const file = { digestMatches: meta.digest === result.certificate.signature.digest, signatureMatches: meta.signature === result.certificate.signature.value };
    return { ...result, status: file.digestMatches && file.signatureMatches ? result.status : 'tampered', file };
  }

  private check(row: CertificateRow, key: SigningKeyRow | null): { status: VerificationStatus; checks: Verification['checks'] } {
    let canonical: string | null = null;
    try {
      canonical = canonicalJson(certificateContent(row));
    } catch {
      canonical = null;
    }
    const content = canonical !== null && canonical === safeCanonical(row.content) && sm3(canonical) === row.content_digest;
    let signature = false;
    if (canonical !== null && key && key.region_code === row.region_code && /^[0-9a-f]{128}$/.test(row.signature)) {
      try {
        signature = sm2.doVerifySignature(canonical, row.signature, key.public_key, { hash: true, userId: SM2_USER_ID });
      } catch {
        signature = false;
      }
    }
    const statusOk = this.ctx.box.mac(statusRecord(row.certificate_no, row.status, row.revoked_at, row.revoked_reason)) === row.status_mac;
    const checks = { content, signature, statusRecord: statusOk };
    const status: VerificationStatus = !content || !signature || !statusOk ? 'tampered' : row.status;
    return { status, checks };
  }

  /** Revokes a valid certificate of the actor's region, with its audit record, in one transaction. */
  async revoke(number: string, reason: string, actor: Actor): Promise<Verification> {
    await this.ctx.db.transaction(async (tx) => {
      const row = await repo.lockByNumber(tx, number);
      if (!row || row.region_code !== actor.regionCode) throw new AppError(E.CERTIFICATE_NOT_FOUND, { certificateNo: number });
      if (row.status === 'revoked') throw new AppError(E.CERTIFICATE_ALREADY_REVOKED, { certificateNo: number, revokedAt: row.revoked_at?.toISOString() });
      const at = this.ctx.now();
      await repo.revoke(tx, row.id, at, reason, actor.userId, this.ctx.box.mac(statusRecord(number, 'revoked', at, reason)));
      await this.ctx.audit.record(tx, {
        regionCode: actor.regionCode, userId: actor.userId, username: actor.username, ip: actor.ip, userAgent: actor.userAgent, requestId: actor.requestId,
        action: 'certificate.revoke', objectType: 'certificate', objectId: number, result: 'success', detail: { reason },
      });
    });
    return this.verify(number);
  }

  /** The certificate as a PDF (rendered from the stored row; its metadata carries number, digest and signature). */
  async renderPdf(number: string): Promise<Buffer> {
    const row = await this.row(number);
    // A tampered row would print as a genuine-looking certificate carrying the original signature.
    if (this.check(row, await repo.keyById(this.ctx.db, row.key_id)).status === 'tampered') throw new AppError(E.CERTIFICATE_TAMPERED, { certificateNo: number });
    return renderCertificate(this.publicView(row), {
      verifyUrl: verifyUrl(this.ctx.config.publicBaseUrl, number),
      creationDate: row.created_at,
      preamble: isCertificateType(row.type_code) ? CERTIFICATE_TYPES[row.type_code].preamble : '',
      holderLabel: isCertificateType(row.type_code) ? CERTIFICATE_TYPES[row.type_code].holderLabel : '持证人',
      locationLabel: isCertificateType(row.type_code) ? CERTIFICATE_TYPES[row.type_code].locationLabel : '位置',
    });
  }
}

function safeCanonical(v: unknown): string | null {
  try {
    return canonicalJson(v);
  } catch {
    return null;
  }
}

/** The public verification page of a certificate (the QR code on it leads here). */
export function verifyUrl(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}
