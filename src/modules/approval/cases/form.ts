import type { ItemGuide } from '../schemas.ts';

/** Checks an application's project data against the item's form schema; returns every problem. */
export function checkForm(fields: ItemGuide['formSchema']['fields'], data: Record<string, unknown>): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const k of Object.keys(data)) if (!known.has(k)) problems.push({ field: k, problem: 'not a field of this item’s form' });
  for (const f of fields) {
    const v = data[f.key];
    if (v === undefined || v === null || v === '') {
      if (f.required) problems.push({ field: f.key, problem: 'required' });
      continue;
    }
    if (f.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push({ field: f.key, problem: 'must be a number' });
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) problems.push({ field: f.key, problem: `must be between ${f.min ?? '-∞'} and ${f.max ?? '∞'}` });
    } else if (typeof v !== 'string') {
      problems.push({ field: f.key, problem: 'must be text' });
    } else if (f.type === 'select') {
      if (!f.options?.some((o) => o.value === v)) problems.push({ field: f.key, problem: `must be one of ${(f.options ?? []).map((o) => o.value).join(', ')}` });
    } else if (f.type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) problems.push({ field: f.key, problem: 'must be a date YYYY-MM-DD' });
    } else if (v.length > (f.maxLength ?? 2000)) {
      problems.push({ field: f.key, problem: `longer than ${f.maxLength ?? 2000} characters` });
    }
  }
  return problems;
}
