// Table layouts of the generated GeoPackage (national layer codes and field names, DOMAIN.md §8.4).
import type { FieldSpec } from './gpkg-writer.ts';

const T = (name: string): FieldSpec => ({ name, kind: 'TEXT' });
const R = (name: string): FieldSpec => ({ name, kind: 'REAL' });
const I = (name: string): FieldSpec => ({ name, kind: 'INTEGER' });
const D = (name: string): FieldSpec => ({ name, kind: 'DATE' });

export const LAYERS = {
  XZQ: { title: '行政区', fields: [T('XZQDM'), T('XZQMC'), T('JB'), T('SJXZQDM'), R('JSMJ')] },
  DLTB: {
    title: '地类图斑',
    fields: [
      I('BSM'), T('YSDM'), T('TBBH'), T('DLBM'), T('DLMC'), T('QSXZ'), T('QSDWDM'), T('QSDWMC'), T('ZLDWDM'), T('ZLDWMC'),
      R('TBMJ'), T('KCDLBM'), R('KCXS'), R('KCMJ'), R('TBDLMJ'), T('GDLX'), T('GDPDJB'), T('CZCSXM'), I('SJNF'),
    ],
  },
  YJJBNTBHTB: { title: '永久基本农田保护图斑', fields: [T('YJJBNTTBBH'), T('DLBM'), T('DLMC'), T('GDPDJB'), T('ZLDWDM'), T('ZLDWMC'), R('TBMJ'), R('YJJBNTMJ')] },
  STBHHX: { title: '生态保护红线', fields: [T('HXMC'), T('HXLX'), T('ZLDWDM'), R('MJ')] },
  CZKFBJ: { title: '城镇开发边界', fields: [T('FQLX'), T('CZMC'), T('XZQDM'), R('MJ')] },
  GHYDYH: { title: '规划用地用海', fields: [T('YDYHFLDM'), T('YDYHFLMC'), T('ZLDWDM'), R('MJ')] },
  PZYD: { title: '已批建设用地', fields: [T('XMMC'), T('PZWH'), D('PZRQ'), R('MJ')] },
  GYD: { title: '已供地', fields: [T('DZJGH'), T('XMMC'), T('GYFS'), T('TDYT'), D('GYRQ'), R('MJ')] },
  CKQ: { title: '采矿权', fields: [T('XKZH'), T('KQMC'), T('KCMC'), T('KCFS'), D('YXQQ'), D('YXQZ'), R('MJ')] },
  DZZHYFQ: { title: '地质灾害易发区', fields: [T('YFQBH'), T('YFCD'), R('MJ')] },
} as const satisfies Record<string, { title: string; fields: readonly FieldSpec[] }>;

export type LayerName = keyof typeof LAYERS;
