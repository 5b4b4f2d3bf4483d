import type { Rule, Threshold } from './types.ts';

/** "a, b ,c" → ["a","b","c"]; empty → undefined. */
export function splitList(text: string): string[] | undefined {
  const items = text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** Drops empty optional parts (filter without field, empty tolerance) before a rule set is sent. */
export function cleanRule(rule: Rule): Rule {
  const out: Rule = { ...rule };
  if (out.filter && !out.filter.field) delete out.filter;
  if (out.filter) {
    const f = { ...out.filter };
    if (!f.in?.length) delete f.in;
    if (!f.prefix?.length) delete f.prefix;
    if (!f.negate) delete f.negate;
    out.filter = f;
  }
  if (out.tolerance) {
    const tol = Object.fromEntries(Object.entries(out.tolerance).filter(([, v]) => typeof v === 'number')) as Rule['tolerance'];
    if (tol && Object.keys(tol).length) out.tolerance = tol;
    else delete out.tolerance;
  }
  if (out.measure !== 'distance') delete out.searchRadiusM;
  if (!out.keyFields?.length) delete out.keyFields;
  if (!out.legalBasis) delete out.legalBasis;
  out.thresholds = out.thresholds.map((th) => {
    const c: Threshold = { ...th };
    if (!c.advice || (!c.advice.zh && !c.advice.en)) delete c.advice;
    return c;
  });
  return out;
}

/** A new rule to start from. */
export function blankRule(n: number): Rule {
  return {
    id: `RULE_${n}`,
    title: { zh: '', en: '' },
    layer: 'DLTB',
    measure: 'intersect_area',
    otherwise: { verdict: 'PASS', message: { zh: '', en: '' } },
    thresholds: [],
  };
}

/** A new threshold: crossed above 0, a warning. */
export function blankThreshold(): Threshold {
  return { value: 0, verdict: 'WARN', message: { zh: '', en: '' } };
}
