import type { Queryable } from '../../core/db/index.ts';
import { AuthErrors } from '../../core/auth/errors.ts';
import { AppError } from '../../core/errors.ts';
import { RecordingCertificateIssuer, type CertificateIssuer, type CertificateRequest } from '../approval/certificates.ts';
import { isCertificateType } from './certificates/types.ts';
import type { BoundaryGeoJson, CertificateService } from './service.ts';

// Project fields printed on a certificate, in this order, with their labels (the items' form fields).
const DETAIL_FIELDS: [key: string, label: string, unit?: string][] = [
  ['projectCode', '项目代码'],
  ['landUse', '用地性质'],
  ['landArea', '申请用地面积', '平方米'],
  ['floorArea', '总建筑面积', '平方米'],
  ['supplyMethod', '供地方式'],
  ['projectType', '项目类型'],
  ['village', '所在村（社区）'],
];

const HOLDER_ID: Record<string, 'id_card' | 'uscc' | 'other'> = { resident_id: 'id_card', credit_code: 'uscc' };

/**
 * The case engine's certificate step (制证) made real: an approved case of an item whose result is
 * an electronic certificate (用地预审与选址意见书, 建设用地/建设工程/乡村建设规划许可证) and that carries
 * its approved boundary gets an SM2-signed certificate, numbered and stored in the case's own
 * transaction, so a failed transition leaves no certificate behind. Other results (e.g. 不动产登记)
 * keep the recorded result number.
 */
export class CaseCertificateIssuer implements CertificateIssuer {
  private readonly fallback = new RecordingCertificateIssuer();

  constructor(private readonly certs: CertificateService) {}

  async issue(tx: Queryable, req: CertificateRequest): Promise<{ certificateNo: string }> {
    if (!isCertificateType(req.itemCode) || !req.boundary) return this.fallback.issue(tx, req);
    if (!req.actor.userId) throw new AppError(AuthErrors.FORBIDDEN, {}, 'certificates are issued by staff');
    const p = req.project;
    const text = (k: string) => (p[k] === undefined || p[k] === null ? '' : String(p[k]));
    const details = DETAIL_FIELDS.filter(([k]) => text(k) !== '').map(([k, label, unit]) => ({ label, value: unit ? `${text(k)} ${unit}` : text(k) }));
    const cert = await this.certs.issue(
      {
        typeCode: req.itemCode,
        holder: { name: req.applicantName, idType: HOLDER_ID[req.applicant.idType] ?? 'other', idNo: req.applicant.idNumber },
        project: { name: text('projectName') || text('mineName') || req.resultName, location: text('location') },
        boundary: req.boundary as BoundaryGeoJson,
        details,
        caseNo: req.caseNo,
      },
      { userId: req.actor.userId, username: req.actor.username, regionCode: req.regionCode },
      tx,
    );
    return { certificateNo: cert.certificateNo };
  }
}
