import type { Queryable } from '../../core/db/index.ts';

/** What a certificate issuer needs to know about an approved case. */
export interface CertificateRequest {
  caseId: string;
  caseNo: string;
  regionCode: string;
  itemCode: string;
  resultName: string;
  applicantName: string;
  project: Record<string, unknown>;
  decidedAt: Date;
}

/**
 * Makes the certificate (证照) of an approved case inside the case's transaction and returns its
 * number. The documents module implements this with PDF/OFD electronic certificates; the default
 * only records a number.
 */
export interface CertificateIssuer {
  issue(tx: Queryable, req: CertificateRequest): Promise<{ certificateNo: string }>;
}

/** Default issuer: a number derived from the case number (item code, date, daily serial). */
export class RecordingCertificateIssuer implements CertificateIssuer {
  async issue(_tx: Queryable, req: CertificateRequest): Promise<{ certificateNo: string }> {
    return { certificateNo: `${req.itemCode}-${req.caseNo.slice(6, 14)}-${req.caseNo.slice(-6)}` };
  }
}
