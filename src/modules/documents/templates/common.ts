import { chineseDate, mm, numericChineseDate, PdfBuilder } from '../pdf/index.ts';

/** What every notice and decision prints: issuer, case, applicant and where to check progress. */
export interface NoticeBase {
  /** Issuing bureau, e.g. 衡南县自然资源局. */
  bureau: string;
  /** 办件编号. */
  caseNo: string;
  /** The applicant's query code for the public progress page (printed beside the QR code). */
  queryCode: string;
  /** Public site address (config.publicBaseUrl), without a trailing slash. */
  publicBaseUrl: string;
  /** 发文字号, e.g. 衡自然资受〔2026〕12号; omitted when the bureau numbers notices by case. */
  docNo?: string;
  applicant: { name: string };
  /** 事项名称, e.g. 建设用地规划许可证核发. */
  itemName: string;
  /** 成文日期 (a Date is read in China time, a string as YYYY-MM-DD). */
  date: Date | string;
  /** Where and how to reach the bureau; printed as a closing line. */
  contact?: { phone?: string; address?: string };
}

/** The public progress page the QR code leads to. */
export function progressUrl(publicBaseUrl: string, caseNo: string, queryCode: string): string {
  const q = new URLSearchParams({ no: caseNo, code: queryCode });
  return `${publicBaseUrl.replace(/\/+$/, '')}/progress?${q.toString()}`;
}

/** The legal-remedy sentence of 行政许可法 Art 38 (2) / 行政复议法 (2023) Art 20, 24 and 行政诉讼法 Art 46. */
export function remedySentence(o: { reconsiderationBody?: string; court?: string; bureau: string }): string {
  // Since the 2023 revision of 行政复议法, a county department's acts are reviewed by the county government.
  const body = o.reconsiderationBody ?? defaultReconsiderationBody(o.bureau);
  const court = o.court ?? '有管辖权的人民法院';
  return `如不服本决定，可以自收到本文书之日起六十日内向${body}申请行政复议，或者自收到本文书之日起六个月内向${court}提起行政诉讼。`;
}

/** 衡南县自然资源局 → 衡南县人民政府. */
export function defaultReconsiderationBody(bureau: string): string {
  const m = /^(.*?[县市区旗])自然资源(?:和规划)?局$/.exec(bureau);
  return m ? `${m[1]}人民政府` : '本级人民政府';
}

/** Dates in body text: 2026年11月30日. */
export const day = (d: Date | string): string => numericChineseDate(d);

/** Opens a notice: bureau line, title, document number, case number and salutation. */
export function openNotice(title: string, data: NoticeBase, subject: string): PdfBuilder {
  const pdf = new PdfBuilder({
    title,
    subject,
    author: data.bureau,
    keywords: data.caseNo,
    info: { CaseNo: data.caseNo, DocumentKind: subject },
    fontSize: 13,
    margins: { top: 20, bottom: 16, left: 26, right: 24 },
  });
  pdf.centred(data.bureau, { size: 17, bold: true, gapAfter: 0.1 });
  pdf.title(title, { size: 21, gapAfter: 0.3 });
  if (data.docNo) pdf.centred(data.docNo, { size: 13, gapAfter: 0.2 });
  pdf.rule({ width: 1.2, gapAfter: 6 });
  pdf.text(`办件编号：${data.caseNo}`, { size: 12, align: 'right', gapAfter: 0.6 });
  pdf.text(`${data.applicant.name}：`, { gapAfter: 0.3 });
  return pdf;
}

/**
 * Closes a notice: optional contact line, then the QR code (left) and the seal block (right)
 * side by side, and returns the bytes.
 */
export async function closeNotice(pdf: PdfBuilder, data: NoticeBase): Promise<Buffer> {
  if (data.contact?.phone || data.contact?.address) {
    const parts = [data.contact.address ? `地址：${data.contact.address}` : '', data.contact.phone ? `联系电话：${data.contact.phone}` : ''].filter(Boolean);
    pdf.text(parts.join('　　'), { size: 12, gapAfter: 0.2 });
  }
  const qrSide = mm(26);
  // The QR code with its two-line caption, or the seal block, whichever is taller.
  pdf.ensureSpace(Math.max(mm(4) + qrSide + 24, 2 * mm(16) + 16));
  const top = pdf.y;
  pdf.qrCode(progressUrl(data.publicBaseUrl, data.caseNo, data.queryCode), { x: pdf.left, y: top + mm(4), size: qrSide, caption: `扫码查询办理进度\n查询码：${data.queryCode}` });
  pdf.doc.y = top;
  pdf.seal({ organisation: data.bureau, date: chineseDate(data.date) });
  return pdf.toBuffer();
}
