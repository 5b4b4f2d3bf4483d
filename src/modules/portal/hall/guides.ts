import { DEPARTMENTS } from '../../../core/bootstrap.ts';
import { AppError } from '../../../core/errors.ts';
import { HALL_GUIDES } from '../../approval/catalogue.ts';
import type { DefinitionService } from '../../approval/definitions.ts';
import type { ProcessGraph } from '../../approval/graph.ts';
import type { ItemRecord, ItemService } from '../../approval/items.ts';
import type { ItemGuide } from '../../approval/schemas.ts';
import { PdfBuilder } from '../../documents/pdf/index.ts';
import { HallErrors as E } from './errors.ts';

export type Theme = NonNullable<ItemGuide['theme']>;
export type Audience = 'person' | 'organisation';

export const THEMES: { code: Theme; name: string; nameEn: string }[] = [
  { code: 'planning', name: '规划', nameEn: 'Planning' },
  { code: 'land', name: '用地', nameEn: 'Land use' },
  { code: 'mineral', name: '矿产', nameEn: 'Mineral resources' },
  { code: 'survey', name: '测绘', nameEn: 'Surveying and mapping' },
  { code: 'realestate', name: '不动产', nameEn: 'Real estate' },
];

/** A guide's theme and audiences; items saved before the hall existed fall back to the seeded catalogue. */
export function hallFields(code: string, g: ItemGuide): { theme: Theme; audiences: Audience[]; faq: NonNullable<ItemGuide['faq']> } {
  const seeded = HALL_GUIDES[code];
  return {
    theme: g.theme ?? seeded?.theme ?? 'planning',
    audiences: g.audiences ?? seeded?.audiences ?? ['person', 'organisation'],
    faq: g.faq ?? seeded?.faq ?? [],
  };
}

function summaryOf(g: ItemGuide): string {
  const s = g.conditions.join('；');
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

function listItem(it: ItemRecord) {
  const g = it.guide;
  const h = hallFields(it.code, g);
  return {
    code: it.code, name: g.name, nameEn: g.nameEn, theme: h.theme, audiences: h.audiences, kind: g.kind, handlingType: g.handlingType,
    onlineDepth: g.onlineDepth, maxVisits: g.maxVisits, legalDays: g.legalDays, promisedDays: g.promisedDays, charged: g.fees.charged,
    spatialReview: g.spatialReview.required, summary: summaryOf(g),
  };
}

/** Whether an item matches a search text: name (zh/en), code or conditions, case-insensitive. */
export function matches(it: ItemRecord, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  const g = it.guide;
  return [g.name, g.nameEn, it.code, ...g.conditions].some((s) => s.toLowerCase().includes(needle));
}

const DEPT = new Map(DEPARTMENTS.map((d) => [d.code, d]));

/** The task steps of a process graph in the order a case meets them (breadth first from the start). */
export function stepsOf(graph: ProcessGraph, competent: string) {
  const start = graph.nodes.find((n) => n.type === 'start');
  const seen = new Set<string>();
  const queue = start ? [start.id] : [];
  const steps: { name: string; nameEn: string; department: string; departmentEn: string; timeLimitDays: number }[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodes.find((n) => n.id === id);
    if (node?.type === 'task') {
      const code = node.department === '$competent' ? competent : node.department;
      const d = code ? DEPT.get(code) : undefined;
      // Departments by name only: the applicant never learns who handles the case.
      steps.push({ name: node.name, nameEn: node.nameEn, department: d?.name ?? '衡南县自然资源局', departmentEn: d?.nameEn ?? 'County natural resources bureau', timeLimitDays: node.timeLimitDays });
    }
    for (const f of graph.flows) if (f.from === id && !seen.has(f.to)) queue.push(f.to);
  }
  return steps;
}

export type MaterialPdfKind = 'template' | 'sample';

const SAMPLE_TEXT: Record<string, string> = {
  projectName: '衡南县云集街道示例道路工程', projectCode: '2611-430422-04-01-000001', location: '衡南县云集街道新塘村', landUse: '城镇村道路用地',
  village: '云集街道新塘村', permitNo: '建字第430422202600001号', mineName: '衡南县示例建筑用砂岩矿', mineral: '建筑用砂岩', markerNo: 'Ⅲ等三角点 HN021',
  unitNo: '430422001001GB00001F00010001',
};

function sampleValue(f: ItemGuide['formSchema']['fields'][number]): string {
  if (f.type === 'select') return f.options?.[0]?.label ?? '';
  if (f.type === 'number') {
    const v = f.key === 'landArea' ? 25000 : f.key === 'floorArea' ? 18000 : f.key === 'durationMonths' ? 24 : Math.max(f.min ?? 1, 1);
    return `${v}${f.unit ? ` ${f.unit}` : ''}`;
  }
  if (f.type === 'date') return '2026年12月1日';
  return SAMPLE_TEXT[f.key] ?? `示例${f.label}`;
}

/**
 * A material's blank template (空白模板) or filled sample (填写示例) as an A4 PDF with Chinese text:
 * the application form from the item's form schema, other materials as a cover sheet with the
 * checklist's requirements.
 */
export async function renderMaterialPdf(it: ItemRecord, m: ItemGuide['materials'][number], kind: MaterialPdfKind, bureau: string): Promise<Buffer> {
  const g = it.guide;
  const sample = kind === 'sample';
  const pdf = new PdfBuilder({ title: `${m.name}${sample ? '（填写示例）' : '（空白模板）'}`, subject: g.name, author: bureau, info: { ItemCode: it.code, Material: m.code }, creationDate: new Date(Date.UTC(2026, 0, 1)) });
  pdf.title(m.name);
  pdf.centred(`${g.name}${sample ? ' · 填写示例' : ' · 空白模板'}`, { size: 12 });
  if (sample) pdf.centred('（本页为示例，内容仅供参考，请按实际情况填写）', { size: 10, color: '#b00020' });
  pdf.space(8);
  const blank = (s: string) => (sample ? s : '');
  if (m.code === 'application_form') {
    pdf.heading('一、申请人信息');
    pdf.table({ columns: [{ header: '项目', width: 1 }, { header: '填写内容', width: 2.4 }], rows: [
      ['申请人名称', blank('衡南县城市建设投资有限公司')], ['证件类型', blank('统一社会信用代码')], ['证件号码', blank('91430422MA4L0ABC11')],
      ['联系人', blank('王经理')], ['联系电话', blank('13907340000')], ['通讯地址', blank('衡南县云集街道云集大道 1 号')],
    ] });
    pdf.heading('二、项目信息');
    pdf.table({ columns: [{ header: '项目', width: 1 }, { header: '填写内容', width: 2.4 }], rows: g.formSchema.fields.map((f) => [`${f.label}${f.required ? '（必填）' : ''}`, blank(sampleValue(f))]) });
    pdf.heading('三、申请人承诺');
    pdf.paragraph('本申请人对所提交申请材料的真实性、合法性、有效性负责，如有虚假，愿承担相应法律责任。', { indent: true });
    pdf.space(12);
    pdf.text(`申请人（签章）：${blank('衡南县城市建设投资有限公司')}`, { align: 'right' });
    pdf.text(`日期：${sample ? '2026年12月1日' : '      年    月    日'}`, { align: 'right' });
  } else {
    pdf.heading('一、材料要求');
    const form = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子件' }[m.form];
    pdf.keyValues([
      ['材料名称', m.name], ['材料形式', form], ['份数', `${m.count} 份`], ['是否必需', m.requirement === 'required' ? '必需' : `按情形提交：${m.condition ?? ''}`],
      ['电子材料', m.electronicAllowed ? '可上传 PDF、JPEG、PNG（单个文件不超过 20 MB）' : '须提交纸质材料'], ...(m.note ? [['说明', m.note] as [string, string]] : []),
    ]);
    pdf.heading('二、材料封面');
    pdf.table({ columns: [{ header: '项目', width: 1 }, { header: '内容', width: 2.4 }], rows: [
      ['申请事项', g.name], ['申请人', blank('衡南县城市建设投资有限公司')], ['项目名称', blank(SAMPLE_TEXT.projectName!)], ['材料页数', blank('共 12 页')],
      ['提交日期', sample ? '2026年12月1日' : ''],
    ] });
    pdf.paragraph('复印件须注明“与原件一致”并由申请人签字或盖章；电子件应清晰完整，一份材料一个文件。', { indent: true, size: 11 });
  }
  pdf.space(10);
  pdf.text(`${bureau}　咨询电话：${g.enquiryPhone}　办理地点：${g.place}`, { size: 9, color: '#555555' });
  return pdf.toBuffer();
}

/** The public guides of the online hall, built on the approval module's catalogue and process definitions. */
export class GuideService {
  private readonly pdfs = new Map<string, Promise<Buffer>>();

  constructor(private readonly items: ItemService, private readonly definitions: DefinitionService, private readonly bureau: (region: string) => string) {}

  async list(region: string, f: { q?: string; theme?: Theme; audience?: Audience }) {
    const all = (await this.items.list(region)).filter((it) => (!f.q || matches(it, f.q)) && (!f.audience || hallFields(it.code, it.guide).audiences.includes(f.audience)));
    const themes = THEMES.map((t) => ({ ...t, count: all.filter((it) => hallFields(it.code, it.guide).theme === t.code).length }));
    const items = all.filter((it) => !f.theme || hallFields(it.code, it.guide).theme === f.theme).map(listItem);
    return { themes, items };
  }

  /** An active item; anything else is GUIDE_NOT_FOUND. */
  async item(region: string, code: string): Promise<ItemRecord> {
    try {
      const it = await this.items.get(region, code);
      if (it.active) return it;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'ITEM_NOT_FOUND')) throw err;
    }
    throw new AppError(E.GUIDE_NOT_FOUND, { code });
  }

  async detail(region: string, code: string) {
    const it = await this.item(region, code);
    const h = hallFields(it.code, it.guide);
    const def = await this.definitions.current(region, code);
    const base = `/api/portal/guides/${encodeURIComponent(it.code)}/materials`;
    return {
      code: it.code,
      version: it.version,
      guide: { ...it.guide, theme: h.theme, audiences: h.audiences, faq: h.faq },
      steps: stepsOf(def.graph as ProcessGraph, it.guide.competentDepartment),
      materials: it.guide.materials.map((m) => ({ ...m, templateUrl: `${base}/${m.code}/template.pdf`, sampleUrl: `${base}/${m.code}/sample.pdf` })),
      faq: h.faq,
    };
  }

  /** A material's template or sample PDF, rendered on first request and kept per guide version. */
  async materialPdf(region: string, code: string, materialCode: string, kind: MaterialPdfKind): Promise<{ bytes: Buffer; fileName: string; version: number }> {
    const it = await this.item(region, code);
    const m = it.guide.materials.find((x) => x.code === materialCode);
    if (!m) throw new AppError(E.GUIDE_NOT_FOUND, { code, materialCode });
    const key = `${region}:${it.code}:${it.version}:${m.code}:${kind}`;
    let p = this.pdfs.get(key);
    if (!p) {
      p = renderMaterialPdf(it, m, kind, this.bureau(region));
      p.catch(() => this.pdfs.delete(key));
      this.pdfs.set(key, p);
    }
    return { bytes: await p, fileName: `${m.name.slice(0, 40)}-${kind === 'template' ? '模板' : '示例'}.pdf`, version: it.version };
  }
}
