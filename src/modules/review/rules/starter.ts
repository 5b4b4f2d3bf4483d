import type { Rule, Verdict } from './types.ts';

/**
 * Starter rule sets for the seeded service items with a spatial review (DOMAIN.md §3.1, §3.2, §4).
 * A region gets them as version 1 the first time a rule set is read; administrators edit from there.
 */

/** Attributes listed for touched features when a rule names none (field names per DOMAIN.md §8.4). */
export const LAYER_KEY_FIELDS: Record<string, string[]> = {
  DLTB: ['BSM', 'TBBH', 'DLBM', 'DLMC', 'QSXZ', 'QSDWMC', 'ZLDWMC', 'TBMJ'],
  YJJBNTBHTB: ['YJJBNTTBBH', 'DLBM', 'DLMC', 'ZLDWMC'],
  STBHHX: ['HXMC', 'HXLX'],
  CZKFBJ: ['FQLX', 'CZMC'],
  GHYDYH: ['YDYHFLDM', 'YDYHFLMC'],
  PZYD: ['XMMC', 'PZWH', 'PZRQ'],
  GYD: ['DZJGH', 'XMMC', 'GYFS', 'TDYT'],
  CKQ: ['XKZH', 'KQMC', 'KCMC'],
  DZZHYFQ: ['YFQBH', 'YFCD'],
  XZQ: ['XZQDM', 'XZQMC'],
};

// Tolerances by data scale: 三区三线 and planning layers are digitised at about 1:10 000, where an
// edge is only good to a few decimetres; survey boundaries (1:500) are good to centimetres.
const T_10K = { minAreaM2: 1, minWidthM: 0.5 };
const T_10K_MANUAL = { ...T_10K, manualBelowM2: 10 };

const AREA = '{areaM2} 平方米（{areaHa} 公顷，{areaMu} 亩），占红线面积 {share}';
const AREA_EN = '{areaM2} m² ({areaHa} ha, {areaMu} mu), {share} of the boundary';

function farmland(verdict: Verdict): Rule {
  return {
    id: 'YJJBNT_OCCUPY', title: { zh: '占用永久基本农田', en: 'Occupies permanent basic farmland' }, layer: 'YJJBNTBHTB', measure: 'intersect_area', tolerance: T_10K_MANUAL,
    otherwise: { verdict: 'PASS', message: { zh: '不占用永久基本农田', en: 'Does not occupy permanent basic farmland' } },
    thresholds: [{
      value: 0, verdict,
      message: { zh: `占用永久基本农田 ${AREA}`, en: `Occupies permanent basic farmland: ${AREA_EN}` },
      advice: { zh: '调整选址或用地红线避让永久基本农田；确实无法避让的国家重大项目须开展不可避让论证、编制补划方案并报国务院批准。', en: 'Move the boundary off the permanent basic farmland; a national key project that cannot avoid it needs an unavoidability study, a replacement plan and State Council approval.' },
    }],
    legalBasis: '《土地管理法》第三十五条',
  };
}

function cultivated(): Rule {
  return {
    id: 'GD_OCCUPY', title: { zh: '占用耕地', en: 'Occupies cultivated land' }, layer: 'DLTB', filter: { field: 'DLBM', prefix: ['01'] }, measure: 'intersect_area', tolerance: { minAreaM2: 0.5, minWidthM: 0.3 },
    otherwise: { verdict: 'PASS', message: { zh: '不占用耕地', en: 'Does not occupy cultivated land' } },
    thresholds: [{
      value: 0, verdict: 'WARN',
      message: { zh: `占用耕地 ${AREA}`, en: `Occupies cultivated land: ${AREA_EN}` },
      advice: { zh: '占用耕地须办理农用地转用审批，并落实耕地占补平衡（占多少、补多少，占水田补水田）；可调整红线减少占用。', en: 'Occupying cultivated land needs farmland conversion (农转用) approval and balanced compensation (占补平衡, paddy for paddy); adjust the boundary to occupy less.' },
    }],
    legalBasis: '《土地管理法》第三十条、第四十四条',
  };
}

function redLine(verdict: Verdict): Rule {
  return {
    id: 'STBHHX_OVERLAP', title: { zh: '压占生态保护红线', en: 'Overlaps the ecological protection red line' }, layer: 'STBHHX', measure: 'intersect_area', tolerance: T_10K_MANUAL,
    otherwise: { verdict: 'PASS', message: { zh: '不涉及生态保护红线', en: 'Does not touch the ecological protection red line' } },
    thresholds: [{
      value: 0, verdict,
      message: { zh: `压占生态保护红线 ${AREA}`, en: `Overlaps the ecological protection red line: ${AREA_EN}` },
      advice: { zh: '调整红线避让生态保护红线；属于允许的有限人为活动或无法避让的国家重大项目的，须取得有限人为活动认定意见或开展不可避让论证。', en: 'Move the boundary off the red line; permitted limited human activities or unavoidable national key projects need the 有限人为活动 assessment or an unavoidability study.' },
    }],
    legalBasis: '自然资发〔2022〕142号',
  };
}

function urbanBoundary(verdict: Verdict): Rule {
  return {
    id: 'CZKFBJ_OUTSIDE', title: { zh: '位于城镇开发边界外', en: 'Lies outside the urban development boundary' }, layer: 'CZKFBJ', measure: 'outside_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: '位于城镇开发边界内', en: 'Lies inside the urban development boundary' } },
    thresholds: [{
      value: 0, verdict,
      message: { zh: `城镇开发边界外 ${AREA}`, en: `Outside the urban development boundary: ${AREA_EN}` },
      advice: verdict === 'FAIL'
        ? { zh: '城镇建设项目应位于城镇开发边界内：调整选址，或依法按程序优化调整城镇开发边界后再申请。', en: 'Urban construction belongs inside the urban development boundary: move the site, or apply after the boundary is lawfully adjusted.' }
        : { zh: '开发边界外仅允许线性基础设施、特殊建设项目和乡村振兴等准入类项目，请说明项目类型。', en: 'Outside the boundary only linear infrastructure, special projects and rural development are admissible; state the project type.' },
    }],
    legalBasis: '中办发〔2019〕48号；《城镇开发边界管理办法（试行）》',
  };
}

function villageInsideUrban(): Rule {
  return {
    id: 'CZKFBJ_INSIDE', title: { zh: '位于城镇开发边界内', en: 'Lies inside the urban development boundary' }, layer: 'CZKFBJ', measure: 'intersect_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: '位于城镇开发边界外（乡村建设的正常情形）', en: 'Outside the urban development boundary (normal for village building)' } },
    thresholds: [{
      value: 0, verdict: 'WARN',
      message: { zh: `位于城镇开发边界内 ${AREA}`, en: `Inside the urban development boundary: ${AREA_EN}` },
      advice: { zh: '城镇开发边界内的建设一般按城镇规划管理，请核实应申请乡村建设规划许可还是建设工程规划许可。', en: 'Building inside the urban boundary usually follows urban planning; check whether a building-works permit applies instead.' },
    }],
  };
}

function miningInsideUrban(): Rule {
  return {
    id: 'CZKFBJ_MINING', title: { zh: '矿区位于城镇开发边界内', en: 'Mining area inside the urban development boundary' }, layer: 'CZKFBJ', measure: 'intersect_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: '矿区不在城镇开发边界内', en: 'The mining area is outside the urban development boundary' } },
    thresholds: [{
      value: 0, verdict: 'WARN',
      message: { zh: `矿区位于城镇开发边界内 ${AREA}`, en: `Mining area inside the urban development boundary: ${AREA_EN}` },
      advice: { zh: '城镇开发边界内原则上不新设露天采矿；请核实矿区范围与开采方式，必要时调整矿区范围。', en: 'New open-pit mining inside the urban boundary is not allowed in principle; check the area and mining method, and adjust the area if needed.' },
    }],
  };
}

function plannedUse(allowed: string[]): Rule {
  return {
    id: 'GHYT_MISMATCH', title: { zh: '规划用途不符', en: 'Planned use not allowed' }, layer: 'GHYDYH', filter: { field: 'YDYHFLDM', prefix: allowed, negate: true }, measure: 'intersect_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: '规划用途符合', en: 'The planned use fits the item' } },
    thresholds: [{
      value: 0, verdict: 'FAIL',
      message: { zh: `规划用途不符合本事项 ${AREA}`, en: `Planned use not allowed for this item: ${AREA_EN}` },
      advice: { zh: '按国土空间规划确定的用途调整选址；确需建设的，须依法修改详细规划（或村庄规划）后再申请。', en: 'Choose a site whose planned use fits; otherwise the detailed (or village) plan must be lawfully amended first.' },
    }],
    legalBasis: '《城乡规划法》第三十七条至第四十一条',
  };
}

function overlapInfo(id: string, layer: string, zh: string, en: string, adviceZh: string, adviceEn: string): Rule {
  return {
    id, title: { zh, en }, layer, measure: 'intersect_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: `不涉及${zh.replace(/^与|^压覆|^位于/, '')}`, en: `No overlap (${en})` } },
    thresholds: [{ value: 0, verdict: 'WARN', message: { zh: `${zh} ${AREA}`, en: `${en}: ${AREA_EN}` }, advice: { zh: adviceZh, en: adviceEn } }],
  };
}

const approved = () => overlapInfo('PZYD_OVERLAP', 'PZYD', '与已批建设用地重叠', 'Overlaps approved construction land',
  '重叠部分已办理农转用/征收，无需重复报批；请核对批准文号与项目是否一致。', 'The overlapping part is already approved; check the approval number matches the project.');
const supplied = () => overlapInfo('GYD_OVERLAP', 'GYD', '与已供地重叠', 'Overlaps supplied land',
  '重叠部分已供应给其他用地单位，可能存在权属冲突：请核实土地权属或调整红线。', 'The overlapping part was supplied to another user: check the title or adjust the boundary.');
const mining = () => overlapInfo('CKQ_OVERLAP', 'CKQ', '压覆采矿权', 'Overlaps a mining right (压覆)',
  '须查询压覆重要矿产资源情况，涉及压覆的应开展压覆矿产资源评估并与矿业权人协商。', 'Check for covering of important mineral resources; an assessment and agreement with the right holder are needed.');
const otherMining = () => overlapInfo('CKQ_CONFLICT', 'CKQ', '与已设采矿权重叠', 'Overlaps an existing mining right',
  '矿区范围不得与已设矿业权重叠：请核实是否为本矿业权的延续或变更，否则调整矿区范围。', 'A mining area must not overlap another right: check it is this right’s own renewal or change, else adjust the area.');

function hazard(): Rule {
  return {
    id: 'DZZH_HIGH', title: { zh: '位于地质灾害高易发区', en: 'Lies in a high geological-hazard zone' }, layer: 'DZZHYFQ', filter: { field: 'YFCD', in: ['高易发'] }, measure: 'intersect_area', tolerance: T_10K,
    otherwise: { verdict: 'PASS', message: { zh: '不在地质灾害高易发区', en: 'Not in a high geological-hazard zone' } },
    thresholds: [{
      value: 0, verdict: 'WARN',
      message: { zh: `位于地质灾害高易发区 ${AREA}`, en: `In a high geological-hazard zone: ${AREA_EN}` },
      advice: { zh: '须开展地质灾害危险性评估，并落实防治措施。', en: 'A geological-hazard risk assessment and prevention measures are needed.' },
    }],
    legalBasis: '《地质灾害防治条例》第二十一条',
  };
}

function nearRedLine(): Rule {
  return {
    id: 'STBHHX_NEAR', title: { zh: '临近生态保护红线', en: 'Close to the ecological protection red line' }, layer: 'STBHHX', measure: 'distance', searchRadiusM: 200,
    otherwise: { verdict: 'PASS', message: { zh: '200 米范围内无生态保护红线', en: 'No red line within 200 m' } },
    thresholds: [{ value: 200, verdict: 'WARN', message: { zh: '距生态保护红线 {distanceM} 米', en: '{distanceM} m from the ecological protection red line' }, advice: { zh: '施工和运营中不得扰动红线内区域，建议设置缓冲带。', en: 'Keep construction and operation out of the red line; plan a buffer.' } }],
  };
}

// 用地用海 (2023) level-1 codes of construction uses: 07 居住 … 16 留白 (DOMAIN.md §2.4).
const URBAN_USES = ['07', '08', '09', '10', '11', '12', '13', '14', '15', '16'];
// 乡村建设: 农村宅基地, 农村社区服务设施, 农业设施建设用地, 公共管理与公共服务, 公用设施, 城镇村道路.
const VILLAGE_USES = ['0703', '0704', '06', '08', '13', '1207'];

export const STARTER_RULE_SETS: Record<string, Rule[]> = {
  YDYS: [farmland('FAIL'), cultivated(), redLine('FAIL'), nearRedLine(), urbanBoundary('WARN'), plannedUse(URBAN_USES), approved(), supplied(), mining(), hazard()],
  JSYDGH: [farmland('FAIL'), cultivated(), redLine('FAIL'), urbanBoundary('FAIL'), plannedUse(URBAN_USES), approved(), supplied(), mining(), hazard()],
  JSGCGH: [farmland('FAIL'), redLine('FAIL'), urbanBoundary('FAIL'), plannedUse(URBAN_USES), hazard()],
  XCJSGH: [farmland('FAIL'), cultivated(), redLine('FAIL'), villageInsideUrban(), plannedUse(VILLAGE_USES), hazard()],
  LSYD: [farmland('CONDITIONAL'), cultivated(), redLine('FAIL'), urbanBoundary('WARN'), mining(), hazard()],
  CKQDJ: [farmland('FAIL'), redLine('FAIL'), miningInsideUrban(), otherMining(), hazard()],
  GHHS: [farmland('FAIL'), redLine('FAIL'), plannedUse(URBAN_USES)],
};
