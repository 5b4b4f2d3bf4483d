import { Value } from '@sinclair/typebox/value';
import { AppError } from '../../../core/errors.ts';
import { NATIONAL_LAYERS } from '../../gis/catalogue.ts';
import { ReviewErrors as E } from '../errors.ts';
import { RulesSchema, SEVERITY, type Rule } from './types.ts';

export interface RuleProblem {
  path: string;
  message: string;
}

/**
 * Checks a rule set beyond its JSON shape: known layers (the national catalogue or a layer of the
 * region), unique ids, a search radius for distance rules, thresholds well ordered (values strictly
 * increasing — decreasing for distance — and verdicts never less severe than the one before, nor
 * than `otherwise`), filter fields the layer has (when the region holds it). Throws RULE_SET_INVALID
 * listing every problem.
 */
export function validateRules(rules: unknown, regionLayers: readonly string[], fieldsOf: Record<string, readonly string[]> = {}): Rule[] {
  const problems: RuleProblem[] = [];
  if (!Value.Check(RulesSchema, rules)) {
    for (const e of Value.Errors(RulesSchema, rules)) {
      problems.push({ path: e.path || '/', message: e.message });
      if (problems.length >= 20) break;
    }
    throw new AppError(E.RULE_SET_INVALID, { problems }, problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
  const list = rules as Rule[];
  const ids = new Set<string>();
  list.forEach((r, i) => {
    const at = `/${i}`;
    if (ids.has(r.id)) problems.push({ path: `${at}/id`, message: `rule id ${r.id} is used twice` });
    ids.add(r.id);
    if (!NATIONAL_LAYERS[r.layer] && !regionLayers.includes(r.layer)) problems.push({ path: `${at}/layer`, message: `unknown layer ${r.layer}` });
    if (r.filter && !r.filter.in && !r.filter.prefix) problems.push({ path: `${at}/filter`, message: 'a filter needs "in" or "prefix"' });
    const fields = fieldsOf[r.layer];
    if (r.filter && fields && fields.length && !fields.includes(r.filter.field)) problems.push({ path: `${at}/filter/field`, message: `layer ${r.layer} has no field ${r.filter.field}` });
    if (r.measure === 'distance' && !r.searchRadiusM) problems.push({ path: `${at}/searchRadiusM`, message: 'a distance rule needs searchRadiusM' });
    if ((r.measure === 'intersect_share' || r.measure === 'outside_share') && r.thresholds.some((t) => t.value > 1)) {
      problems.push({ path: `${at}/thresholds`, message: 'share thresholds lie between 0 and 1' });
    }
    const descending = r.measure === 'distance';
    let prevSeverity = SEVERITY[r.otherwise.verdict];
    r.thresholds.forEach((t, k) => {
      const prev = r.thresholds[k - 1];
      if (prev && (descending ? t.value >= prev.value : t.value <= prev.value)) {
        problems.push({ path: `${at}/thresholds/${k}/value`, message: `threshold values must be strictly ${descending ? 'decreasing' : 'increasing'} (${prev.value} then ${t.value})` });
      }
      if (SEVERITY[t.verdict] < prevSeverity) problems.push({ path: `${at}/thresholds/${k}/verdict`, message: `verdict ${t.verdict} is less severe than the one before it` });
      prevSeverity = SEVERITY[t.verdict];
    });
  });
  if (problems.length) throw new AppError(E.RULE_SET_INVALID, { problems }, problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return list;
}
