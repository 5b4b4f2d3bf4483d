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

export const SEED_ITEMS: { code: string; guide: ItemGuide }[] = [
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
