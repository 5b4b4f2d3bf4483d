import type { NoticeBase } from './common.ts';
import {
  renderAcceptanceNotice,
  renderApprovalDecision,
  renderDenialDecision,
  renderRejectionNotice,
  renderSupplementNotice,
  type NoticeKind,
} from './notices.ts';

/**
 * Sample data for each notice, so staff can preview the layout (and tests can render every
 * template). The bureau and base URL come from the server's configuration.
 */
export function sampleBase(bureau: string, publicBaseUrl: string, regionCode: string): NoticeBase {
  return {
    bureau,
    publicBaseUrl,
    caseNo: `${regionCode}20261130JSYDGH000012`,
    queryCode: 'K7M2Q9',
    docNo: '衡自然资许〔2026〕12号',
    applicant: { name: '衡南县城市建设投资有限公司' },
    itemName: '建设用地规划许可证核发',
    date: '2026-11-30',
    contact: { phone: '0734-8822000', address: '衡南县云集街道政务服务中心自然资源窗口' },
  };
}

/** Renders the sample of one notice kind. */
export function renderSample(kind: NoticeKind, base: NoticeBase): Promise<Buffer> {
  switch (kind) {
    case 'acceptance':
      return renderAcceptanceNotice({
        ...base,
        submittedOn: '2026-11-27',
        acceptedOn: '2026-11-30',
        promisedDays: 5,
        legalDays: 20,
        dueDate: '2026-12-07',
        materials: [
          { name: '建设用地规划许可申请表', form: '原件1份' },
          { name: '建设项目用地预审与选址意见书', form: '复印件1份' },
          { name: '项目批准文件', form: '复印件1份' },
          { name: '勘测定界成果及用地红线坐标（TXT）', form: '电子件' },
          { name: '申请人身份证明（营业执照）', form: '复印件1份' },
        ],
      });
    case 'rejection':
      return renderRejectionNotice({
        ...base,
        itemName: '采矿权登记',
        submittedOn: '2026-11-27',
        reasons: ['申请事项为河道采砂许可，依法不属于本机关职权范围。'],
        legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
        advice: '请向衡南县水利局提出申请。',
      });
    case 'supplement':
      return renderSupplementNotice({
        ...base,
        submittedOn: '2026-11-27',
        deadline: '2026-12-29',
        items: [
          { material: '用地红线坐标（TXT）', reason: '缺少', requirement: '按部颁界址点坐标格式提交，CGCS2000 坐标系，3°带' },
          { material: '项目批准文件', reason: '复印件不清晰，无法辨认文号', requirement: '提交清晰的复印件并加盖单位公章' },
          { material: '授权委托书', reason: '委托人未签字', requirement: '由法定代表人签字并加盖公章' },
        ],
      });
    case 'approval':
      return renderApprovalDecision({
        ...base,
        date: '2026-12-04',
        acceptedOn: '2026-11-30',
        decidedOn: '2026-12-04',
        projectName: '衡南县云集街道雁栖路道路工程',
        projectLocation: '衡南县云集街道雁栖路（天马山路至花桥路段）',
        legalBasis: '《中华人民共和国城乡规划法》第三十七条',
        permitted: [
          ['用地性质', '城镇道路用地（1207）'],
          ['用地面积', '18 352.46 平方米'],
          ['建设规模', '道路全长约 1.2 千米，红线宽 30 米'],
        ],
        conditions: ['按批准的红线范围使用土地，不得擅自改变用途。', '项目开工前应依法取得建设工程规划许可证。'],
        certificate: { typeName: '建设用地规划许可证', number: `2026${base.caseNo.slice(0, 6)}JSYDGH00012` },
      });
    case 'denial':
      return renderDenialDecision({
        ...base,
        date: '2026-12-04',
        acceptedOn: '2026-11-30',
        decidedOn: '2026-12-04',
        projectName: '衡南县某物流仓储项目',
        reasons: ['项目用地范围占用永久基本农田 2.36 公顷，不符合国土空间规划的管控要求。', '项目不属于可以占用永久基本农田的国家重大建设项目范围。'],
        legalBasis: '《中华人民共和国土地管理法》第三十五条、《中华人民共和国行政许可法》第三十八条第二款',
      });
  }
}
