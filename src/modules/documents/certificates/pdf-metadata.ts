/**
 * Reads the certificate entries our PDFs carry in their document-information dictionary
 * (CertificateNo, CertificateDigestSM3, CertificateSignatureSM2). PDFKit writes the dictionary
 * uncompressed, each value either inline `(text)` or as an indirect object `n 0 R` holding `(text)`,
 * so a byte scan suffices; values are ASCII by construction (numbers and hex).
 */
export interface PdfCertificateMetadata {
  certificateNo: string;
  digest: string | null;
  signature: string | null;
}

function valueOf(text: string, key: string): string | null {
  const inline = new RegExp(`/${key}\\s*\\(([\\x20-\\x7e]{1,300}?)\\)`).exec(text);
  if (inline) return inline[1]!;
  const ref = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(text);
  if (!ref) return null;
  const obj = new RegExp(`(?:^|[\\r\\n])${ref[1]}\\s+${ref[2]}\\s+obj\\s*\\(([\\x20-\\x7e]{1,300}?)\\)\\s*endobj`).exec(text);
  return obj ? obj[1]! : null;
}

/** The certificate entries of a PDF, or null when it carries none. */
export function readCertificateMetadata(pdf: Buffer): PdfCertificateMetadata | null {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return null;
  // latin1 keeps one character per byte, so binary streams cannot break the scan.
  const text = pdf.toString('latin1');
  const certificateNo = valueOf(text, 'CertificateNo');
  if (!certificateNo || !/^[0-9]{10}[A-Z]{2,8}[0-9]{5}$/.test(certificateNo)) return null;
  return { certificateNo, digest: valueOf(text, 'CertificateDigestSM3'), signature: valueOf(text, 'CertificateSignatureSM2') };
}
