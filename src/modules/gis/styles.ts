/**
 * Default layer styles. DLTB uses the 三调 cartographic colours per 地类编码 (as in common 三调
 * map templates; confirm against the bureau's 制图规范 before printing statutory maps). The viewer
 * reads these through the layer catalogue, so a data administrator can change them per layer.
 */
export interface FillStyle {
  kind: 'fill';
  /** Colour per value of `by`; `default` for anything else. */
  by?: string;
  classes?: { value: string; label: string; color: string }[];
  color: string;
  outline: string;
  opacity: number;
}

const C = (value: string, label: string, color: string) => ({ value, label, color });

/** 三调 working classification colours by DLBM. */
export const SANDIAO_CLASSES = [
  C('0101', '水田', '#f8d072'), C('0102', '水浇地', '#f8e71c'), C('0103', '旱地', '#fffbb1'),
  C('0201', '果园', '#d6a7c9'), C('0202', '茶园', '#d5a7b0'), C('0203', '橡胶园', '#e7cce2'), C('0204', '其他园地', '#e7cce2'),
  C('0301', '乔木林地', '#31ad69'), C('0302', '竹林地', '#31ad69'), C('0303', '红树林地', '#31ad69'), C('0304', '森林沼泽', '#31ad69'),
  C('0305', '灌木林地', '#64b968'), C('0306', '灌丛沼泽', '#64b968'), C('0307', '其他林地', '#97cfb2'),
  C('0401', '天然牧草地', '#83c238'), C('0402', '沼泽草地', '#83c238'), C('0403', '人工牧草地', '#9ace7f'), C('0404', '其他草地', '#c8e3a0'),
  C('05H1', '商业服务业设施用地', '#e2a195'), C('0508', '物流仓储用地', '#c59a8c'),
  C('0601', '工业用地', '#c59a8c'), C('0602', '采矿用地', '#c59a8c'), C('0603', '盐田', '#c59a8c'),
  C('0701', '城镇住宅用地', '#e56766'), C('0702', '农村宅基地', '#ec898a'),
  C('08H1', '机关团体新闻出版用地', '#f1a5b4'), C('08H2', '科教文卫用地', '#f1a5b4'), C('0809', '公用设施用地', '#f1a5b4'), C('0810', '公园与绿地', '#81c35d'),
  C('09', '特殊用地', '#c17261'),
  C('1001', '铁路用地', '#d1c9d3'), C('1002', '轨道交通用地', '#d1c9d3'), C('1003', '公路用地', '#d2d8c9'), C('1004', '城镇村道路用地', '#dedddd'),
  C('1005', '交通服务场站用地', '#aaa9a9'), C('1006', '农村道路', '#c2c1c1'), C('1007', '机场用地', '#eb897e'), C('1008', '港口码头用地', '#eb897e'), C('1009', '管道运输用地', '#eb897e'),
  C('1101', '河流水面', '#a3d6f5'), C('1102', '湖泊水面', '#a3d6f5'), C('1103', '水库水面', '#a3d6f5'), C('1104', '坑塘水面', '#90aacf'),
  C('1105', '沿海滩涂', '#b3def8'), C('1106', '内陆滩涂', '#b3def8'), C('1107', '沟渠', '#a0cdf0'), C('1108', '沼泽地', '#afc8dc'), C('1109', '水工建筑用地', '#e68264'), C('1110', '冰川及永久积雪', '#d7edfb'),
  C('1201', '空闲地', '#e1dce1'), C('1202', '设施农用地', '#dcb482'), C('1203', '田坎', '#c8ccd2'), C('1204', '盐碱地', '#c8beaa'), C('1205', '沙地', '#c8beaa'), C('1206', '裸土地', '#d7c8b9'), C('1207', '裸岩石砾地', '#deddd6'),
];

/** The style a new layer gets from its code (national layer names, DOMAIN.md §8.4). */
export function defaultStyle(code: string): FillStyle {
  switch (code.toUpperCase()) {
    case 'DLTB':
      return { kind: 'fill', by: 'DLBM', classes: SANDIAO_CLASSES, color: '#cccccc', outline: '#666666', opacity: 0.85 };
    case 'YJJBNT':
    case 'YJJBNTBHTB':
      return { kind: 'fill', color: '#f5c242', outline: '#b8860b', opacity: 0.6 };
    case 'STBHHX':
      return { kind: 'fill', color: '#2e8b57', outline: '#006400', opacity: 0.45 };
    case 'CZKFBJ':
      return { kind: 'fill', color: '#ff7f50', outline: '#d2691e', opacity: 0.25 };
    case 'XZQ':
      return { kind: 'fill', color: '#ffffff', outline: '#7b3294', opacity: 0 };
    default:
      return { kind: 'fill', color: '#4a90d9', outline: '#1f4e79', opacity: 0.4 };
  }
}
