import type { Queryable } from '../../core/db/index.ts';

/** What a certificate issuer needs to know about an approved case. */
export interface CertificateRequest {
  caseId: string;
  caseNo: string;
  regionCode: string;
  itemCode: string;
  resultName: string;
  applicantName: string;
  /** The holder's identity as registered on the case (the ID number decrypted for the certificate). */
  applicant: { type: 'person' | 'organisation'; idType: string; idNumber: string };
  project: Record<string, unknown>;
  /** The approved project boundary (GeoJSON, EPSG:4490), when the case has one. */
  boundary: Record<string, unknown> | null;
  decidedAt: Date;
  /** The staff member certifying (for the certificate's audit record). */
  actor: { userId: string | null; username: string };
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
