import type { Verdict } from '../rules/types.ts';
import type { RuleResult } from './analyse.ts';

export interface ReportDiff {
  changed: boolean;
  overall: { before: Verdict; after: Verdict };
  layers: { code: string; before: number | null; after: number | null }[];
  ruleSetVersion: { before: number; after: number };
  rules: {
    ruleId: string;
    title: { zh: string; en: string };
    verdict: { before: Verdict | null; after: Verdict | null };
    areaM2: { before: number | null; after: number | null };
    featuresAdded: number[];
    featuresRemoved: number[];
  }[];
}

interface Side {
  results: RuleResult[];
  layerVersions: Record<string, number | null>;
  overall: Verdict;
  ruleSetVersion: number;
}

/** What changed between two reports on the same boundary: data versions, verdicts, areas, touched features. */
export function diffReports(before: Side, after: Side): ReportDiff {
  const codes = [...new Set([...Object.keys(before.layerVersions), ...Object.keys(after.layerVersions)])].sort();
  const layers = codes.filter((c) => (before.layerVersions[c] ?? null) !== (after.layerVersions[c] ?? null)).map((code) => ({ code, before: before.layerVersions[code] ?? null, after: after.layerVersions[code] ?? null }));
  const ids = [...new Set([...before.results.map((r) => r.ruleId), ...after.results.map((r) => r.ruleId)])];
  const rules: ReportDiff['rules'] = [];
  for (const id of ids) {
    const b = before.results.find((r) => r.ruleId === id);
    const a = after.results.find((r) => r.ruleId === id);
    const bf = new Set(b?.features.map((f) => f.fid) ?? []);
    const af = new Set(a?.features.map((f) => f.fid) ?? []);
    const entry = {
      ruleId: id, title: (a ?? b)!.title,
      verdict: { before: b?.computedVerdict ?? null, after: a?.computedVerdict ?? null },
      areaM2: { before: b ? b.area.m2 : null, after: a ? a.area.m2 : null },
      featuresAdded: [...af].filter((f) => !bf.has(f)).sort((x, y) => x - y),
      featuresRemoved: [...bf].filter((f) => !af.has(f)).sort((x, y) => x - y),
    };
    if (entry.verdict.before !== entry.verdict.after || entry.areaM2.before !== entry.areaM2.after || entry.featuresAdded.length || entry.featuresRemoved.length || b?.distanceM !== a?.distanceM) rules.push(entry);
  }
  return {
    changed: rules.length > 0 || before.overall !== after.overall,
    overall: { before: before.overall, after: after.overall },
    layers,
    ruleSetVersion: { before: before.ruleSetVersion, after: after.ruleSetVersion },
    rules,
  };
}
