import type { ItemGuide } from './schemas.ts';

/**
 * The county bureau's service items (DOMAIN.md §4), seeded for each region. Promised time limits
 * are examples; the bureau imports the real values from its 实施清单.
 */
export const BUREAU = { name: '衡南县自然资源局', creditCode: '11430422MB1C73208X' } as const;

const common = {
  implementingAgency: BUREAU,
  warningDays: 2,
  enquiryPhone: '0734-8666001',
  complaintPhone: '12345',
  place: '衡南县政务服务中心二楼自然资源窗口（云集街道）',
  officeHours: '工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）',
  fees: { charged: false, description: '不收费' },
};

const idMaterial = { code: 'identity', name: '申请人身份证明（营业执照或身份证）及授权委托书', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true, note: '可通过电子证照共享获取的，免于提交' } as const;

const projectFields: ItemGuide['formSchema']['fields'] = [
  { key: 'projectName', label: '项目名称', labelEn: 'Project name', type: 'text', required: true, maxLength: 200 },
  { key: 'projectCode', label: '项目代码', labelEn: 'Investment project code', type: 'text', required: false, maxLength: 40 },
  { key: 'location', label: '项目位置', labelEn: 'Location', type: 'text', required: true, maxLength: 200 },
  { key: 'landArea', label: '用地面积', labelEn: 'Land area', type: 'number', unit: 'm²', required: true, min: 0.01, max: 100000000 },
];
const projectType: ItemGuide['formSchema']['fields'][number] = {
  key: 'projectType', label: '项目类型', labelEn: 'Project type', type: 'select', required: true,
  options: [{ value: 'block', label: '块状', labelEn: 'Block' }, { value: 'linear', label: '线性', labelEn: 'Linear' }],
};
const supplyMethod: ItemGuide['formSchema']['fields'][number] = {
  key: 'supplyMethod', label: '拟供地方式', labelEn: 'Supply method', type: 'select', required: true,
  options: [{ value: 'allocation', label: '划拨', labelEn: 'Allocation' }, { value: 'transfer', label: '出让', labelEn: 'Transfer (sale)' }],
};
const landUse: ItemGuide['formSchema']['fields'][number] = { key: 'landUse', label: '拟用地用途', labelEn: 'Intended land use', type: 'text', required: true, maxLength: 60 };

function impl(kindDigits: string, seq: number): string {
  return `${BUREAU.creditCode}${kindDigits}${String(seq).padStart(5, '0')}0000`;
}

const BASE_ITEMS: { code: string; guide: ItemGuide }[] = [
  {
    code: 'YDYS',
    guide: {
      ...common,
      name: '建设项目用地预审与选址意见书核发', nameEn: 'Land-use pre-examination and site-selection opinion for construction projects',
      implementationCode: impl('01', 1), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'land_use_control',
      legalDays: 20, promisedDays: 12,
      specialProcedures: [
        { code: 'publicity', name: '批前公示', maxDays: 10 },
        { code: 'hearing', name: '听证', maxDays: 20 },
        { code: 'expert_review', name: '专家评审', maxDays: 20 },
        { code: 'site_survey', name: '现场踏勘', maxDays: 5 },
      ],
      conditions: ['项目已取得立项批复、核准或备案（项目代码）', '拟选址符合国土空间规划及“三区三线”管控要求', '用地规模符合土地使用标准，节约集约用地'],
      materials: [
        { code: 'application_form', name: '建设项目用地预审与选址申请表', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'application_report', name: '申请报告（项目基本情况、拟选址、拟用地总规模和类型、规划符合性、补充耕地初步方案）', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'project_basis', name: '项目建设依据（项目建议书批复、可研或核准/备案信息）', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'boundary_txt', name: '用地红线坐标文件（国土TXT）及勘测定界图、位置图', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'intensive_use', name: '节约集约用地论证分析专章', form: 'original', count: 1, requirement: 'conditional', condition: '占用永久基本农田、生态保护红线或在城镇开发边界外的', electronicAllowed: true },
        { code: 'unavoidable', name: '不可避让论证材料', form: 'original', count: 1, requirement: 'conditional', condition: '涉及生态保护红线的', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国土地管理法》第五十二条', '《中华人民共和国土地管理法实施条例》第二十四条', '《中华人民共和国城乡规划法》第三十六条', '《建设项目用地预审管理办法》', '《自然资源部关于以“多规合一”为基础推进规划用地“多审合一、多证合一”改革的通知》（自然资规〔2019〕2号）'],
      process: ['申请', '受理', '审查（用途管制、耕地保护、国土空间规划、矿产资源联合审查）', '审核', '决定', '制证', '送达'],
      resultName: '建设项目用地预审与选址意见书',
      onlineDepth: '全程网办', maxVisits: 0,
      spatialReview: { required: true, ruleSet: 'YDYS' },
      formSchema: { fields: [...projectFields, projectType, supplyMethod, landUse] },
    },
  },
  {
    code: 'JSYDGH',
    guide: {
      ...common,
      name: '建设用地规划许可证核发', nameEn: 'Construction land planning permit',
      implementationCode: impl('01', 2), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'planning',
      legalDays: 20, promisedDays: 5,
      specialProcedures: [{ code: 'publicity', name: '批前公示', maxDays: 10 }, { code: 'site_survey', name: '现场踏勘', maxDays: 5 }],
      conditions: ['划拨项目已取得用地预审与选址意见书', '出让项目已签订国有建设用地使用权出让合同（附规划条件）'],
      materials: [
        { code: 'application_form', name: '建设用地规划许可申请表', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'site_opinion', name: '建设项目用地预审与选址意见书', form: 'copy', count: 1, requirement: 'conditional', condition: '划拨项目', electronicAllowed: true },
        { code: 'transfer_contract', name: '国有建设用地使用权出让合同（附规划条件）及成交确认书', form: 'copy', count: 1, requirement: 'conditional', condition: '出让项目', electronicAllowed: true },
        { code: 'project_approval', name: '项目批准、核准或备案文件', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'boundary_txt', name: '勘测定界成果（红线坐标TXT、红线图）', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国城乡规划法》第三十七条、第三十八条', '自然资规〔2019〕2号'],
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '建设用地规划许可证',
      onlineDepth: '全程网办', maxVisits: 0,
      spatialReview: { required: true, ruleSet: 'JSYDGH' },
      formSchema: { fields: [...projectFields, supplyMethod, landUse] },
    },
  },
  {
    code: 'JSGCGH',
    guide: {
      ...common,
      name: '建设工程规划许可证核发', nameEn: 'Construction works planning permit',
      implementationCode: impl('01', 3), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'planning',
      legalDays: 20, promisedDays: 10,
      specialProcedures: [{ code: 'publicity', name: '批前公示', maxDays: 10 }, { code: 'expert_review', name: '专家评审', maxDays: 15 }],
      conditions: ['已取得建设用地规划许可证及用地批准文件', '建设工程设计方案符合规划条件'],
      materials: [
        { code: 'application_form', name: '建设工程规划许可申请表', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'land_certificate', name: '用地证明文件（不动产权证书或用地批准文件、建设用地规划许可证）', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'design_scheme', name: '建设工程设计方案（总平面图、单体平立剖、经济技术指标表）及电子报批数据', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'sunlight', name: '日照分析报告', form: 'original', count: 1, requirement: 'conditional', condition: '住宅项目', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国城乡规划法》第四十条'],
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '建设工程规划许可证',
      onlineDepth: '全程网办', maxVisits: 0,
      spatialReview: { required: true, ruleSet: 'JSGCGH' },
      formSchema: { fields: [...projectFields, { key: 'floorArea', label: '总建筑面积', labelEn: 'Total floor area', type: 'number', unit: 'm²', required: true, min: 1 }] },
    },
  },
  {
    code: 'XCJSGH',
    guide: {
      ...common,
      name: '乡村建设规划许可证核发', nameEn: 'Rural construction planning permit',
      implementationCode: impl('01', 4), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'planning',
      legalDays: 20, promisedDays: 10,
      specialProcedures: [{ code: 'publicity', name: '公示', maxDays: 7 }, { code: 'site_survey', name: '现场踏勘', maxDays: 5 }],
      conditions: ['符合村庄规划', '不占用永久基本农田和生态保护红线'],
      materials: [
        { code: 'application_form', name: '农村村民住宅用地（建房）申请审批表', form: 'original', count: 1, requirement: 'required', electronicAllowed: false },
        { code: 'village_opinion', name: '村民委员会或村民小组书面意见', form: 'original', count: 1, requirement: 'required', electronicAllowed: false },
        { code: 'homestead_approval', name: '宅基地批准文件或用地审批文件', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'house_design', name: '房屋设计图或通用图集选用说明', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'location_map', name: '位置图及四至', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国城乡规划法》第四十一条', '《中华人民共和国土地管理法》第六十二条'],
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '乡村建设规划许可证',
      onlineDepth: '网上申报', maxVisits: 1,
      spatialReview: { required: true, ruleSet: 'XCJSGH' },
      formSchema: { fields: [...projectFields, { key: 'village', label: '所在村（社区）', labelEn: 'Village', type: 'text', required: true, maxLength: 60 }] },
    },
  },
  {
    code: 'LSYD',
    guide: {
      ...common,
      name: '临时用地审批', nameEn: 'Temporary land-use approval',
      implementationCode: impl('01', 5), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'land_use_control',
      legalDays: 20, promisedDays: 10,
      specialProcedures: [{ code: 'site_survey', name: '现场踏勘', maxDays: 5 }],
      conditions: ['临时使用期限一般不超过两年', '已与土地权属单位签订临时使用土地合同', '已编制土地复垦方案并落实复垦费用'],
      materials: [
        { code: 'application_form', name: '临时用地申请书（位置、用途、权属、地类、面积、期限）', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'project_approval', name: '项目批准文件', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'use_contract', name: '临时使用土地合同', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'reclamation_plan', name: '土地复垦方案（报告表）及复垦费用存储证明', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'boundary_txt', name: '勘测定界坐标文件及位置图', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国土地管理法》第五十七条', '《中华人民共和国土地管理法实施条例》第二十条', '《自然资源部关于规范临时用地管理的通知》（自然资规〔2021〕2号）', '《土地复垦条例》'],
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '临时用地批复',
      onlineDepth: '全程网办', maxVisits: 0,
      spatialReview: { required: true, ruleSet: 'LSYD' },
      formSchema: { fields: [...projectFields, { key: 'durationMonths', label: '使用期限', labelEn: 'Duration', type: 'number', unit: '月', required: true, min: 1, max: 48 }] },
    },
  },
  {
    code: 'CKQDJ',
    guide: {
      ...common,
      name: '采矿权登记', nameEn: 'Mining right registration',
      implementationCode: impl('01', 6), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'mineral',
      legalDays: 40, promisedDays: 20,
      specialProcedures: [{ code: 'expert_review', name: '专家评审', maxDays: 20 }, { code: 'site_survey', name: '现场核查', maxDays: 5 }],
      conditions: ['已取得采矿权出让合同或成交确认书并缴纳出让收益', '矿区范围不与生态保护红线、永久基本农田、自然保护地冲突'],
      materials: [
        { code: 'application_form', name: '采矿权申请登记书及矿区范围图（拐点坐标）', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'transfer_contract', name: '采矿权出让合同或成交确认书及出让收益缴纳凭证', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'development_plan', name: '矿产资源开发利用与生态保护修复方案', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'reserve_filing', name: '矿产资源储量评审备案文件', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'eia', name: '环境影响评价批复', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国矿产资源法》', '《矿产资源开采登记管理办法》（国务院令第241号）'],
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '采矿许可证',
      onlineDepth: '网上申报', maxVisits: 1,
      spatialReview: { required: true, ruleSet: 'CKQDJ' },
      formSchema: { fields: [
        { key: 'mineName', label: '矿山名称', labelEn: 'Mine name', type: 'text', required: true, maxLength: 100 },
        { key: 'mineral', label: '开采矿种', labelEn: 'Mineral', type: 'text', required: true, maxLength: 40 },
        { key: 'landArea', label: '矿区面积', labelEn: 'Mining area', type: 'number', unit: 'm²', required: true, min: 1 },
        { key: 'registrationType', label: '登记类型', labelEn: 'Registration type', type: 'select', required: true, options: [
          { value: 'new', label: '新立', labelEn: 'New' }, { value: 'renewal', label: '延续', labelEn: 'Renewal' }, { value: 'change', label: '变更', labelEn: 'Change' }, { value: 'cancel', label: '注销', labelEn: 'Cancellation' }] },
      ] },
    },
  },
  {
    code: 'GHHS',
    guide: {
      ...common,
      name: '建设工程规划核实', nameEn: 'Planning verification of completed construction works',
      implementationCode: impl('02', 7), kind: '其他行政权力', handlingType: '承诺件', competentDepartment: 'planning',
      legalDays: 20, promisedDays: 7,
      specialProcedures: [{ code: 'site_survey', name: '现场核实', maxDays: 5 }],
      conditions: ['建设工程已竣工', '已完成竣工规划核实测量（多测合一）'],
      materials: [
        { code: 'application_form', name: '建设工程规划核实申请表', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'works_permit', name: '建设工程规划许可证及附图', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'survey_results', name: '竣工规划核实测量成果', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'photos', name: '现场照片', form: 'electronic', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国城乡规划法》第四十五条'],
      process: ['申请', '受理', '现场核实', '审核', '决定', '制证', '送达'],
      resultName: '建设工程规划核实合格证明',
      onlineDepth: '网上申报', maxVisits: 1,
      spatialReview: { required: true, ruleSet: 'GHHS' },
      formSchema: { fields: [...projectFields, { key: 'permitNo', label: '建设工程规划许可证号', labelEn: 'Works permit number', type: 'text', required: true, maxLength: 60 }] },
    },
  },
  {
    code: 'BDCDJ',
    guide: {
      ...common,
      name: '不动产登记', nameEn: 'Real estate registration',
      implementationCode: impl('03', 8), kind: '行政确认', handlingType: '承诺件', competentDepartment: 'registration',
      legalDays: 30, promisedDays: 5,
      specialProcedures: [{ code: 'publicity', name: '公告', maxDays: 15 }, { code: 'site_survey', name: '实地查看', maxDays: 5 }],
      conditions: ['权属来源清楚，界址清晰', '申请材料齐全，符合法定形式'],
      materials: [
        { code: 'application_form', name: '不动产登记申请书', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'title_source', name: '权属来源证明材料', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'cadastral_survey', name: '不动产权籍调查成果', form: 'original', count: 1, requirement: 'conditional', condition: '首次登记或界址变化的', electronicAllowed: true },
        { code: 'tax_receipt', name: '完税凭证', form: 'copy', count: 1, requirement: 'conditional', condition: '转移登记', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《不动产登记暂行条例》第二十条', '《国务院办公厅关于压缩不动产登记办理时间的通知》（国办发〔2019〕8号）'],
      fees: { charged: true, description: '按国家规定收取不动产登记费（住宅80元/件，非住宅550元/件），小微企业免收' },
      process: ['申请', '受理', '审核', '登簿', '缮证', '发证'],
      resultName: '不动产权证书 / 不动产登记证明',
      onlineDepth: '全程网办', maxVisits: 1,
      spatialReview: { required: false, ruleSet: null },
      formSchema: { fields: [
        { key: 'registrationType', label: '登记类型', labelEn: 'Registration type', type: 'select', required: true, options: [
          { value: 'first', label: '首次登记', labelEn: 'First' }, { value: 'transfer', label: '转移登记', labelEn: 'Transfer' }, { value: 'change', label: '变更登记', labelEn: 'Change' },
          { value: 'mortgage', label: '抵押登记', labelEn: 'Mortgage' }, { value: 'cancel', label: '注销登记', labelEn: 'Cancellation' }] },
        { key: 'location', label: '不动产坐落', labelEn: 'Location', type: 'text', required: true, maxLength: 200 },
        { key: 'unitNo', label: '不动产单元号', labelEn: 'Real estate unit number', type: 'text', required: false, maxLength: 28 },
      ] },
    },
  },
  {
    code: 'CLBZCQ',
    guide: {
      ...common,
      name: '永久性测量标志拆迁审批', nameEn: 'Approval to relocate a permanent survey marker',
      implementationCode: impl('01', 9), kind: '行政许可', handlingType: '承诺件', competentDepartment: 'surveying',
      legalDays: 20, promisedDays: 10,
      specialProcedures: [{ code: 'site_survey', name: '现场踏勘', maxDays: 5 }],
      conditions: ['工程建设确需拆迁永久性测量标志或使其失去效能', '已制定迁建方案并承担迁建费用'],
      materials: [
        { code: 'application_form', name: '永久性测量标志拆迁申请书', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'relocation_plan', name: '拆迁方案（标志点位、拆迁理由、迁建位置）', form: 'original', count: 1, requirement: 'required', electronicAllowed: true },
        { code: 'project_approval', name: '建设项目批准文件', form: 'copy', count: 1, requirement: 'required', electronicAllowed: true },
        idMaterial,
      ],
      legalBasis: ['《中华人民共和国测绘法》第四十四条', '《中华人民共和国测量标志保护条例》'],
      fees: { charged: true, description: '迁建费用由工程建设单位承担' },
      process: ['申请', '受理', '审查', '审核', '决定', '制证', '送达'],
      resultName: '永久性测量标志拆迁批复',
      onlineDepth: '全程网办', maxVisits: 0,
      spatialReview: { required: false, ruleSet: null },
      formSchema: { fields: [
        { key: 'projectName', label: '项目名称', labelEn: 'Project name', type: 'text', required: true, maxLength: 200 },
        { key: 'markerNo', label: '测量标志点号', labelEn: 'Marker number', type: 'text', required: true, maxLength: 40 },
        { key: 'location', label: '标志位置', labelEn: 'Marker location', type: 'text', required: true, maxLength: 200 },
      ] },
    },
  },
];

type HallFields = Required<Pick<ItemGuide, 'theme' | 'audiences' | 'faq'>>;

/**
 * What the online hall (网上办事大厅) adds to each guide: its theme, who may apply (自然人 / 法人),
 * and the questions the window hears most often.
 */
export const HALL_GUIDES: Record<string, HallFields> = {
  YDYS: {
    theme: 'land', audiences: ['organisation'],
    faq: [
      { q: '用地预审和选址意见书需要分别申请吗？', a: '不需要。按照“多审合一”改革，建设项目用地预审与选址意见书合并办理，只需提交一次申请，核发一本《建设项目用地预审与选址意见书》。', qEn: 'Do I apply separately for the land-use pre-examination and the site-selection opinion?', aEn: 'No. Since the "multiple reviews in one" reform they are handled together: one application, one combined opinion document.' },
      { q: '哪些项目不需要办理用地预审？', a: '国土空间规划确定的城市和村庄、集镇建设用地范围内的建设项目用地，以及使用已批准的建设用地的项目，不需要办理用地预审，可直接申请规划许可。', qEn: 'Which projects need no pre-examination?', aEn: 'Projects inside the urban, village or market-town construction land set by the territorial spatial plan, and projects on land already approved for construction, need none; they apply for the planning permit directly.' },
      { q: '红线坐标文件有什么格式要求？', a: '请提交 2000 国家大地坐标系（CGCS2000）的界址点坐标 TXT 文件，注明 3 度分带带号，地块首尾点闭合。上传后系统即时进行合规性预审，可据此调整选址。', qEn: 'What format must the boundary coordinate file have?', aEn: 'A boundary-point TXT file in CGCS2000 with the 3° zone number stated and every parcel closed. The system pre-checks it against the spatial plan as soon as it is uploaded, so the site can be adjusted.' },
      { q: '用地预审意见书的有效期是多久？', a: '有效期为三年，自批准之日起计算。期满前项目仍需使用的，可在有效期届满前申请延续。', qEn: 'How long is the opinion valid?', aEn: 'Three years from approval. If the project still needs it, apply for an extension before it expires.' },
    ],
  },
  JSYDGH: {
    theme: 'planning', audiences: ['organisation'],
    faq: [
      { q: '划拨和出让项目提交的材料有什么不同？', a: '划拨项目需提交用地预审与选址意见书；出让项目需提交国有建设用地使用权出让合同（附规划条件）和成交确认书。两者都需提交项目批准、核准或备案文件和勘测定界成果。', qEn: 'How do the materials differ for allocated and transferred land?', aEn: 'Allocated land needs the pre-examination and site-selection opinion; transferred land needs the land-use-right transfer contract with its planning conditions and the transaction confirmation. Both need the project approval or filing and the survey of the boundary.' },
      { q: '建设用地规划许可证办好后多久可以申请建设工程规划许可？', a: '取得建设用地规划许可证并完成建设工程设计方案后即可申请建设工程规划许可证，两者可在网上办事大厅连续办理。', qEn: 'When can I apply for the construction works planning permit?', aEn: 'As soon as you hold this permit and the design scheme is ready; both can be applied for one after the other in the online hall.' },
      { q: '可以全程网上办理吗？', a: '可以。本事项为“全程网办”，申请、补正、查询进度和领取电子证照均可在线完成，无需到窗口。', qEn: 'Can it be done entirely online?', aEn: 'Yes. Application, supplements, progress and the electronic permit are all online; no visit to the window is needed.' },
    ],
  },
  JSGCGH: {
    theme: 'planning', audiences: ['organisation', 'person'],
    faq: [
      { q: '个人在城镇建房需要办理建设工程规划许可证吗？', a: '需要。在城市、镇规划区内进行建筑物、构筑物建设的，无论单位或个人，均应办理建设工程规划许可证。', qEn: 'Does a person building a house in town need this permit?', aEn: 'Yes. Anyone, company or person, building inside a city or town planning area needs the construction works planning permit.' },
      { q: '设计方案需要提交哪些图纸？', a: '需提交总平面图、各单体平面、立面、剖面图及经济技术指标表，并附电子报批数据，图纸应加盖设计单位出图章。', qEn: 'Which drawings does the design scheme need?', aEn: 'The site plan, floor plans, elevations and sections of each building, the table of technical indicators and the electronic submission data, stamped by the design institute.' },
      { q: '什么情况下需要日照分析报告？', a: '住宅项目以及可能对周边住宅、学校、医院等产生日照影响的项目，需要提交日照分析报告。', qEn: 'When is a sunlight analysis required?', aEn: 'For housing, and for projects that may shade nearby homes, schools or hospitals.' },
    ],
  },
  XCJSGH: {
    theme: 'planning', audiences: ['person', 'organisation'],
    faq: [
      { q: '农村村民建房需要办理哪些手续？', a: '村民建房应先取得宅基地批准文件，再申请乡村建设规划许可证；占用农用地的，还应依法办理农用地转用审批。', qEn: 'What does a villager need before building a house?', aEn: 'First the homestead approval, then the rural construction planning permit; if farmland is used, its conversion must also be approved.' },
      { q: '村民委员会意见怎么出具？', a: '由申请人所在村民委员会或村民小组出具书面意见并加盖公章，写明建房位置、四至及是否符合村庄规划。', qEn: 'How is the village committee’s opinion given?', aEn: 'The village committee or group writes it, with its seal, stating the site, its four sides and whether it fits the village plan.' },
      { q: '可以占用永久基本农田建房吗？', a: '不可以。农村建房不得占用永久基本农田和生态保护红线，上传位置后系统会自动预审。', qEn: 'May a house be built on permanent basic farmland?', aEn: 'No. Rural houses may not occupy permanent basic farmland or the ecological red line; the system pre-checks the location you upload.' },
    ],
  },
  LSYD: {
    theme: 'land', audiences: ['organisation'],
    faq: [
      { q: '临时用地最长可以使用多久？', a: '临时用地使用期限一般不超过两年；建设周期较长的能源、交通、水利等基础设施项目的临时用地，期限不超过四年。', qEn: 'How long may land be used temporarily?', aEn: 'Normally at most two years; for long-running energy, transport and water infrastructure, at most four years.' },
      { q: '临时用地可以建永久性建筑吗？', a: '不可以。临时用地上不得修建永久性建筑物，使用期满后应在一年内完成土地复垦。', qEn: 'May permanent buildings stand on temporary land?', aEn: 'No. Nothing permanent may be built, and the land must be reclaimed within a year after use ends.' },
      { q: '复垦费用怎么缴存？', a: '按照批准的土地复垦方案，将复垦费用存入与自然资源部门共同监管的专用账户，提交存储证明。', qEn: 'How is the reclamation cost deposited?', aEn: 'Following the approved reclamation plan, into a dedicated account supervised together with the bureau; submit the deposit certificate.' },
    ],
  },
  CKQDJ: {
    theme: 'mineral', audiences: ['organisation'],
    faq: [
      { q: '采矿权新立需要先取得出让合同吗？', a: '需要。采矿权通过竞争性出让或协议出让取得，签订出让合同并缴纳出让收益后方可申请登记。', qEn: 'Is the transfer contract needed before a new mining right is registered?', aEn: 'Yes. The right is obtained by competitive or agreed transfer; register after the contract is signed and the transfer proceeds are paid.' },
      { q: '矿区范围拐点坐标用什么坐标系？', a: '使用 2000 国家大地坐标系，拐点坐标应与出让合同一致，系统会与生态保护红线、永久基本农田、自然保护地进行叠加预审。', qEn: 'Which coordinate system do the corner points use?', aEn: 'CGCS2000, identical to the transfer contract; the system overlays them with the ecological red line, permanent basic farmland and protected areas.' },
      { q: '采矿许可证到期怎么办？', a: '应在有效期届满 30 日前申请延续登记，逾期未申请的采矿许可证自行废止。', qEn: 'What if the mining licence is about to expire?', aEn: 'Apply for renewal at least 30 days before it expires; a licence not renewed in time lapses.' },
    ],
  },
  GHHS: {
    theme: 'planning', audiences: ['organisation', 'person'],
    faq: [
      { q: '规划核实前需要做什么？', a: '建设工程竣工后，委托测绘单位按“多测合一”完成竣工规划核实测量，取得测量成果后即可申请。', qEn: 'What comes before the planning verification?', aEn: 'After completion, have a surveying firm carry out the completion survey ("one survey for all"); apply with its results.' },
      { q: '核实不合格怎么办？', a: '对违反规划许可的部分，将依法责令整改；整改完成后可重新申请规划核实。', qEn: 'What if the works fail the verification?', aEn: 'Parts that deviate from the permit must be corrected as ordered; apply again once corrected.' },
      { q: '规划核实合格证明有什么用？', a: '规划核实合格证明是办理竣工验收备案和不动产首次登记的必要材料。', qEn: 'What is the verification certificate for?', aEn: 'It is required for the completion acceptance filing and for the first real-estate registration.' },
    ],
  },
  BDCDJ: {
    theme: 'realestate', audiences: ['person', 'organisation'],
    faq: [
      { q: '二手房过户需要多长时间？', a: '材料齐全、符合法定形式的，一般转移登记 5 个工作日内办结；与税务、住建联办的，可一窗受理、并联办理。', qEn: 'How long does a second-hand home transfer take?', aEn: 'With complete materials, a transfer registration is usually done within 5 working days; with tax and housing it is one window and handled in parallel.' },
      { q: '不动产登记费怎么收？', a: '住宅类每件 80 元，非住宅类每件 550 元；小微企业免收，单独申请更正、异议、查封登记等不收费。', qEn: 'What does registration cost?', aEn: 'CNY 80 per case for housing and CNY 550 for other property; small and micro enterprises pay nothing, nor do corrections, objections or seizures on their own.' },
      { q: '可以委托他人办理吗？', a: '可以。委托代理人办理的，需提交经公证的授权委托书（境内个人可现场签订委托书）和代理人身份证明。', qEn: 'May someone else apply for me?', aEn: 'Yes, with a notarised power of attorney (residents may sign one at the window) and the agent’s ID.' },
      { q: '电子证书和纸质证书有同等效力吗？', a: '有。电子证照与纸质证书具有同等法律效力，可扫码或在网上办事大厅核验真伪。', qEn: 'Is the electronic certificate as valid as the paper one?', aEn: 'Yes. It has the same legal effect and can be verified by QR code or in the online hall.' },
    ],
  },
  CLBZCQ: {
    theme: 'survey', audiences: ['organisation'],
    faq: [
      { q: '哪些测量标志属于永久性测量标志？', a: '包括各等级三角点、导线点、水准点、GNSS 卫星定位点、重力点及其标石、觇标等，由测绘主管部门登记保管。', qEn: 'Which markers are permanent survey markers?', aEn: 'Triangulation, traverse, levelling, GNSS and gravity points of every order, with their stones and beacons, registered by the surveying authority.' },
      { q: '拆迁费用由谁承担？', a: '由工程建设单位承担迁建费用，迁建工作由测绘主管部门指定的测绘单位实施。', qEn: 'Who pays for the relocation?', aEn: 'The construction unit pays; a surveying firm named by the surveying authority carries it out.' },
      { q: '未经批准擅自拆除测量标志会怎样？', a: '依照《测绘法》，将责令限期改正、给予警告，并处罚款；造成损失的依法承担赔偿责任。', qEn: 'What happens if a marker is removed without approval?', aEn: 'Under the Surveying and Mapping Law: an order to correct, a warning and a fine, plus compensation for any loss.' },
    ],
  },
};

/** The bureau's service items as seeded: the guides with the online hall's fields. */
export const SEED_ITEMS: { code: string; guide: ItemGuide }[] = BASE_ITEMS.map((it) => ({ code: it.code, guide: { ...it.guide, ...HALL_GUIDES[it.code] } }));
