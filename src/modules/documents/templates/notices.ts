import { closeNotice, day, openNotice, remedySentence, type NoticeBase } from './common.ts';

/**
 * The written notices and decisions of 行政许可法 Art 32, 38 and 44 as PDFs. Each takes plain data
 * (the case engine passes what it knows) and returns the bytes of an A4 PDF with the bureau, the
 * title, the case number, the body, the seal block and a QR code to the public progress page.
 */

export interface MaterialLine {
  name: string;
  /** e.g. 原件1份 / 复印件2份 / 电子件. */
  form?: string;
}

/** 受理通知书 (Art 32 (5)). */
export interface AcceptanceNoticeData extends NoticeBase {
  /** When the application was received. */
  submittedOn: Date | string;
  acceptedOn: Date | string;
  materials: MaterialLine[];
  /** 承诺时限 in working days and the resulting due date. */
  promisedDays: number;
  dueDate: Date | string;
  /** 法定时限 in working days (printed for reference). */
  legalDays?: number;
}

/** 不予受理通知书 (Art 32 (1)–(2)). */
export interface RejectionNoticeData extends NoticeBase {
  submittedOn: Date | string;
  reasons: string[];
  /** The provisions the refusal rests on, e.g. 《中华人民共和国行政许可法》第三十二条第一款第二项. */
  legalBasis: string;
  /** Where the applicant should turn instead (Art 32 (1) 2: 告知申请人向有关行政机关申请). */
  advice?: string;
  reconsiderationBody?: string;
  court?: string;
}

/** One line of a 补正告知书: the material and what is wrong with it. */
export interface SupplementLine {
  material: string;
  /** 缺少 / 不符合法定形式 …: why it must be supplied or corrected. */
  reason: string;
  /** What a correct material looks like. */
  requirement?: string;
}

/** 补正告知书 (Art 32 (4): 一次性告知 all that must be supplied or corrected). */
export interface SupplementNoticeData extends NoticeBase {
  submittedOn: Date | string;
  items: SupplementLine[];
  /** Supply by this date; the clock does not run meanwhile. */
  deadline?: Date | string;
}

/** 准予行政许可决定书 (Art 38 (1), 39, 44). */
export interface ApprovalDecisionData extends NoticeBase {
  acceptedOn: Date | string;
  decidedOn: Date | string;
  projectName: string;
  projectLocation?: string;
  legalBasis: string;
  /** What is permitted (rows printed as a table: label and value). */
  permitted: [string, string][];
  /** Conditions and obligations attached to the permit. */
  conditions?: string[];
  /** The certificate issued with the decision. */
  certificate?: { typeName: string; number: string };
}

/** 不予行政许可决定书 (Art 38 (2): reasons and the rights to 复议 and 诉讼). */
export interface DenialDecisionData extends NoticeBase {
  acceptedOn: Date | string;
  decidedOn: Date | string;
  projectName: string;
  reasons: string[];
  legalBasis: string;
  reconsiderationBody?: string;
  court?: string;
}

const numbered = (xs: string[]): string[] => xs.map((x, i) => `${i + 1}. ${x}`);

export async function renderAcceptanceNotice(d: AcceptanceNoticeData): Promise<Buffer> {
  const pdf = openNotice('受理通知书', d, 'acceptance');
  pdf.paragraph(
    `你（单位）于${day(d.submittedOn)}提出的“${d.itemName}”申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第五项的规定，本机关决定予以受理，受理日期为${day(d.acceptedOn)}。`,
  );
  pdf.paragraph(
    `本事项承诺办理时限为${d.promisedDays}个工作日${d.legalDays ? `（法定时限${d.legalDays}个工作日）` : ''}，预计于${day(d.dueDate)}前作出决定。依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在办理时限内，本机关将另行书面告知。`,
  );
  if (d.materials.length > 0) {
    pdf.text('已收取的申请材料：', { gapAfter: 0.2 });
    pdf.table({ columns: [{ header: '序号', width: 0.6, align: 'center' }, { header: '材料名称', width: 4 }, { header: '形式及份数', width: 1.6 }], rows: d.materials.map((m, i) => [String(i + 1), m.name, m.form ?? '']) });
  }
  pdf.paragraph('你（单位）可凭办件编号和查询码，扫描下方二维码或登录网上办事大厅查询办理进度。');
  pdf.paragraph('特此通知。');
  return closeNotice(pdf, d);
}

export async function renderRejectionNotice(d: RejectionNoticeData): Promise<Buffer> {
  const pdf = openNotice('不予受理通知书', d, 'rejection');
  pdf.paragraph(`你（单位）于${day(d.submittedOn)}提出的“${d.itemName}”申请，经审查，因以下原因，根据${d.legalBasis}的规定，本机关决定不予受理：`);
  for (const r of numbered(d.reasons)) pdf.paragraph(r);
  if (d.advice) pdf.paragraph(d.advice);
  pdf.paragraph(remedySentence({ bureau: d.bureau, reconsiderationBody: d.reconsiderationBody, court: d.court }));
  pdf.paragraph('特此通知。');
  return closeNotice(pdf, d);
}

export async function renderSupplementNotice(d: SupplementNoticeData): Promise<Buffer> {
  const pdf = openNotice('补正材料告知书', d, 'supplement');
  pdf.paragraph(
    `你（单位）于${day(d.submittedOn)}提出的“${d.itemName}”申请，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，现一次性告知你（单位）需要补正的全部内容如下：`,
  );
  pdf.table({
    columns: [{ header: '序号', width: 0.6, align: 'center' }, { header: '材料名称', width: 2.2 }, { header: '补正原因', width: 2.2 }, { header: '补正要求', width: 2.2 }],
    rows: d.items.map((it, i) => [String(i + 1), it.material, it.reason, it.requirement ?? '']),
  });
  pdf.paragraph(
    `请你（单位）${d.deadline ? `于${day(d.deadline)}前` : ''}按上述要求补正全部材料后重新提交。补正期间不计入办理时限；本机关自收到全部补正材料之日起受理。逾期未补正且无正当理由的，视为撤回申请。`,
  );
  pdf.paragraph('特此告知。');
  return closeNotice(pdf, d);
}

export async function renderApprovalDecision(d: ApprovalDecisionData): Promise<Buffer> {
  const pdf = openNotice('准予行政许可决定书', d, 'approval');
  pdf.paragraph(
    `你（单位）提出的“${d.projectName}”${d.itemName}申请，本机关于${day(d.acceptedOn)}受理。经审查，该申请符合法定条件、标准，根据${d.legalBasis}的规定，本机关决定准予行政许可。`,
  );
  const rows: [string, string][] = [['项目名称', d.projectName], ...(d.projectLocation ? [['项目位置', d.projectLocation] as [string, string]] : []), ...d.permitted];
  pdf.text('许可内容：', { gapAfter: 0.2 });
  pdf.table({ columns: [{ header: '项目', width: 1.2 }, { header: '内容', width: 3.8 }], rows });
  if (d.conditions?.length) {
    pdf.text('许可条件及要求：', { gapAfter: 0.2 });
    for (const c of numbered(d.conditions)) pdf.paragraph(c);
  }
  if (d.certificate) {
    pdf.paragraph(`本机关依法向你（单位）颁发${d.certificate.typeName}（编号：${d.certificate.number}），电子证照与纸质证照具有同等法律效力，可扫描证照上的二维码核验真伪。`);
  }
  pdf.paragraph(`决定日期：${day(d.decidedOn)}。`);
  return closeNotice(pdf, d);
}

export async function renderDenialDecision(d: DenialDecisionData): Promise<Buffer> {
  const pdf = openNotice('不予行政许可决定书', d, 'denial');
  pdf.paragraph(`你（单位）提出的“${d.projectName}”${d.itemName}申请，本机关于${day(d.acceptedOn)}受理。经审查，该申请存在以下情形：`);
  for (const r of numbered(d.reasons)) pdf.paragraph(r);
  pdf.paragraph(`根据${d.legalBasis}的规定，本机关决定不予行政许可。`);
  pdf.paragraph(remedySentence({ bureau: d.bureau, reconsiderationBody: d.reconsiderationBody, court: d.court }));
  pdf.paragraph(`决定日期：${day(d.decidedOn)}。`);
  return closeNotice(pdf, d);
}

/** The notice kinds, by the name used in URLs. */
export const NOTICE_KINDS = ['acceptance', 'rejection', 'supplement', 'approval', 'denial'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
