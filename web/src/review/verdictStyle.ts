import type { Verdict } from './types.ts';

/** Tag colour of each verdict: green pass, blue warning, gold conditional, purple manual, red fail. */
export const VERDICT_COLOR: Record<Verdict, string> = {
  PASS: 'success',
  NA: 'default',
  WARN: 'processing',
  CONDITIONAL: 'warning',
  MANUAL: 'purple',
  FAIL: 'error',
};
