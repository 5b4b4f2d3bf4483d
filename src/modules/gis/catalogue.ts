import type { Access, LayerCategory } from './layers.ts';

/** How the national layer codes (DOMAIN.md §8.4) enter the catalogue when first imported. */
export const NATIONAL_LAYERS: Record<string, { name: string; nameEn: string; category: LayerCategory; access: Access }> = {
  XZQ: { name: '行政区', nameEn: 'Administrative divisions', category: 'base', access: 'public' },
  DLTB: { name: '地类图斑（三调）', nameEn: 'Current land use (3rd survey)', category: 'current', access: 'staff' },
  YJJBNTBHTB: { name: '永久基本农田', nameEn: 'Permanent basic farmland', category: 'management', access: 'staff' },
  STBHHX: { name: '生态保护红线', nameEn: 'Ecological protection red line', category: 'management', access: 'staff' },
  CZKFBJ: { name: '城镇开发边界', nameEn: 'Urban development boundary', category: 'planning', access: 'staff' },
  GHYDYH: { name: '规划用地用海', nameEn: 'Planned land and sea use', category: 'planning', access: 'staff' },
  PZYD: { name: '已批建设用地', nameEn: 'Approved construction land', category: 'management', access: 'staff' },
  GYD: { name: '已供地', nameEn: 'Supplied land', category: 'management', access: 'staff' },
  CKQ: { name: '采矿权', nameEn: 'Mining rights', category: 'management', access: 'staff' },
  DZZHYFQ: { name: '地质灾害易发区', nameEn: 'Geological hazard zones', category: 'management', access: 'staff' },
};
