import type { Area, Light, Verdict } from './types.ts';

/** antd Tag colours of the clock lights. */
export const LIGHT_COLOR: Record<Light, string> = { none: 'default', paused: 'default', green: 'success', yellow: 'warning', red: 'error' };

/** antd Tag colours of spatial review verdicts (worst is red). */
export const VERDICT_COLOR: Record<Verdict, string> = {
  PASS: 'success',
  NA: 'default',
  WARN: 'gold',
  CONDITIONAL: 'orange',
  MANUAL: 'purple',
  FAIL: 'error',
};

const nf = (digits: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits });

/** An area as "m² / 公顷 / 亩" text. */
export function areaText(a: Area): string {
  return `${nf(2).format(a.m2)} m² / ${nf(4).format(a.ha)} 公顷 / ${nf(2).format(a.mu)} 亩`;
}

/** The fixed opinions (常用语) offered beside the opinion text. */
export const COMMON_PHRASES = [
  '同意。',
  '材料齐全，符合法定形式，予以受理。',
  '经审查，申请材料齐全，符合法定条件，同意办理。',
  '经审查，符合国土空间规划和用途管制要求，拟同意。',
  '经审核，同意承办意见。',
  '同意核发。',
] as const;
