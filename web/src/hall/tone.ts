/**
 * Tag colours of the hall. antd's preset tag colours (green text on pale green …) fall below
 * WCAG AA contrast; these dark tones carry white text at 4.5:1 or more, on white and on black.
 */
export const TONE = {
  green: '#237804',
  blue: '#0958d9',
  purple: '#531dab',
  red: '#a8071a',
  orange: '#ad4e00',
  grey: '#595959',
} as const;

/** Review verdicts: pass green, warning blue, conditional orange, manual purple, fail red. */
export const VERDICT_TONE: Record<string, string> = {
  PASS: TONE.green,
  NA: TONE.grey,
  WARN: TONE.blue,
  CONDITIONAL: TONE.orange,
  MANUAL: TONE.purple,
  FAIL: TONE.red,
};
