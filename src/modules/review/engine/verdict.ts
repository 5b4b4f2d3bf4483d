import type { Rule, Verdict } from '../rules/types.ts';
import { SEVERITY } from '../rules/types.ts';

export interface Text { zh: string; en: string }

/** m² → m², 公顷 and 亩 (1 亩 = 10000/15 m²), rounded for reports. */
export function areaUnits(m2: number) {
  return { m2: Math.round(m2 * 100) / 100, ha: Math.round(m2) / 10000, mu: Math.round((m2 * 15) / 100) / 100 };
}

export interface Measured {
  /** The measured value: m² (areas), 0–1 (shares), m (distance; null when nothing is within the search radius). */
  value: number | null;
  areaM2: number;
  share: number;
  distanceM: number | null;
  count: number;
}

function fill(t: Text, m: Measured): Text {
  const a = areaUnits(m.areaM2);
  const vars: Record<string, string> = {
    areaM2: a.m2.toFixed(2), areaHa: a.ha.toFixed(4), areaMu: a.mu.toFixed(2), share: `${(m.share * 100).toFixed(2)}%`,
    distanceM: m.distanceM === null ? '—' : m.distanceM.toFixed(1), count: String(m.count),
  };
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (all, k: string) => vars[k] ?? all);
  return { zh: sub(t.zh), en: sub(t.en) };
}

/**
 * Maps a measured value through the rule's thresholds: the last threshold crossed decides (value
 * above it for areas and shares, below it for distances); none crossed → `otherwise`. A counted area
 * within the rule's manual band turns the verdict into MANUAL (possibly a digitising artefact).
 */
export function decide(rule: Rule, m: Measured): { verdict: Verdict; message: Text; advice: Text | null } {
  let hit: Rule['thresholds'][number] | undefined;
  for (const t of rule.thresholds) {
    const crossed = rule.measure === 'distance' ? m.value !== null && m.value < t.value : m.value !== null && m.value > t.value;
    if (crossed) hit = t;
  }
  if (!hit) return { verdict: rule.otherwise.verdict, message: fill(rule.otherwise.message, m), advice: null };
  const band = rule.tolerance?.manualBelowM2;
  if (band !== undefined && rule.measure !== 'distance' && m.areaM2 > 0 && m.areaM2 <= band && SEVERITY[hit.verdict] >= SEVERITY.MANUAL) {
    const a = areaUnits(m.areaM2);
    return {
      verdict: 'MANUAL',
      message: { zh: `${fill(hit.message, m).zh}；面积不超过 ${band} 平方米，可能为数据精度误差，需人工核查`, en: `${fill(hit.message, m).en}; at most ${band} m², possibly a digitising artefact: check by hand (${a.m2} m²)` },
      advice: hit.advice ? fill(hit.advice, m) : null,
    };
  }
  return { verdict: hit.verdict, message: fill(hit.message, m), advice: hit.advice ? fill(hit.advice, m) : null };
}

/** The worst verdict of a list (NA when empty). */
export function worst(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (SEVERITY[v] > SEVERITY[w] ? v : w), 'NA');
}
