import { chineseDate, mm, PdfBuilder, type BoundaryGeometry } from '../pdf/index.ts';
import type { PublicCertificate } from '../service.ts';

export interface CertificateRenderOptions {
  /** The public verification page (printed and encoded in the QR code). */
  verifyUrl: string;
  /** Fixed creation date so the same certificate renders to the same bytes. */
  creationDate?: Date;
  preamble: string;
  holderLabel: string;
  locationLabel: string;
}

const area = (m2: string): string => {
  const n = Number(m2);
  return `${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/,/g, ' ')} 平方米（${(n / 10000).toFixed(4)} 公顷）`;
};

/**
 * An electronic certificate as PDF: page 1 the certificate (number, holder, project, area, type
 * rows, issuer, date, seal and verification QR code); then the approved boundary map and the
 * boundary-point coordinate table (附图). The document information carries the number, the
 * SM3 digest and the SM2 signature, so a downloaded file names what it claims to be.
 */
export async function renderCertificate(c: PublicCertificate, o: CertificateRenderOptions): Promise<Buffer> {
  const pdf = new PdfBuilder({
    title: `${c.typeName} ${c.certificateNo}`,
    subject: c.typeName,
    author: c.issuer,
    keywords: c.certificateNo,
    creationDate: o.creationDate,
    info: { CertificateNo: c.certificateNo, CertificateDigestSM3: c.signature.digest, CertificateSignatureSM2: c.signature.value, CertificateKeyId: c.signature.keyId },
  });
  pdf.centred('中华人民共和国', { size: 16, bold: true, gapAfter: 0.3 });
  pdf.title(c.typeName, { size: 26, gapAfter: 0.5 });
  pdf.text(`编号：${c.certificateNo}`, { size: 12, align: 'right', gapAfter: 0.6 });
  if (c.status === 'revoked') pdf.centred(`本证已于${c.revokedAt?.slice(0, 10) ?? ''}撤销：${c.revokedReason ?? ''}`, { size: 14, bold: true, color: '#c00000' });
  pdf.paragraph(o.preamble, { size: 13, gapAfter: 0.6 });
  pdf.keyValues(
    [
      [o.holderLabel, c.holder.name],
      ['项目名称', c.project.name],
      [o.locationLabel, c.project.location],
      ['用地面积', area(c.project.landAreaM2)],
      ...c.details.map((d) => [d.label, d.value] as [string, string]),
      ...(c.caseNo ? [['办件编号', c.caseNo] as [string, string]] : []),
      ['附图及附件', '用地红线图及界址点坐标表（见附图）'],
    ],
    { size: 13, labelWidth: 1.1 },
  );
  pdf.text('遵守事项：一、本证是经自然资源主管部门依法审核，建设用地或建设工程符合国土空间规划和用途管制要求的法律凭证。二、未经发证机关审核同意，本证的各项规定不得随意变更。三、自然资源主管部门依法有权查验本证，建设单位（个人）有责任提交查验。四、本证所需附图及附件由发证机关依法确定，与本证具有同等法律效力。', { size: 10, gapAfter: 0.4 });
  const top = pdf.y;
  pdf.ensureSpace(mm(45));
  const y = pdf.y === top ? top : pdf.y;
  pdf.qrCode(o.verifyUrl, { x: pdf.left, y: y + mm(4), size: mm(28), caption: '扫码核验证照' });
  pdf.doc.y = y;
  pdf.seal({ organisation: `发证机关：${c.issuer}`, date: chineseDate(c.issuedOn) });
  pdf.text(`证照核验：${o.verifyUrl}　　签名算法：SM2（SM3 摘要）　密钥标识：${c.signature.keyId}`, { size: 8, color: '#444444', gapAfter: 0.1 });
  pdf.text(`内容摘要（SM3）：${c.signature.digest}`, { size: 8, color: '#444444' });

  pdf.newPage();
  pdf.title('附图：用地红线图', { size: 18, gapAfter: 0.3 });
  pdf.text(`证照编号：${c.certificateNo}　　项目名称：${c.project.name}`, { size: 11, gapAfter: 0.4 });
  const projected = pdf.boundaryMap(c.boundary as BoundaryGeometry, { title: '用地红线', height: mm(110) });
  pdf.text(`界址点坐标表（CGCS2000 国家大地坐标系，3°带高斯-克吕格投影，第${projected.zone}带，中央经线${projected.centralMeridian}°E；单位：米）`, { size: 11, gapAfter: 0.3 });
  pdf.table({
    columns: [{ header: '点号', width: 0.8, align: 'center' }, { header: 'X（北坐标）', width: 2, align: 'right' }, { header: 'Y（东坐标）', width: 2, align: 'right' }, { header: '经度', width: 1.6, align: 'right' }, { header: '纬度', width: 1.6, align: 'right' }],
    rows: projected.vertices.map((v) => [v.label, v.x.toFixed(3), v.y.toFixed(3), v.lon.toFixed(7), v.lat.toFixed(7)]),
    size: 10,
  });
  return pdf.toBuffer();
}
