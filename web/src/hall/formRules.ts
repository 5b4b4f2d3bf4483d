import type { FormField } from './types.ts';

export type FieldProblem = { kind: 'required' } | { kind: 'number' } | { kind: 'range'; min?: number; max?: number } | { kind: 'option' } | { kind: 'date' } | { kind: 'length'; max: number };

/**
 * One field's value against the item's form schema — the same rules as the server's
 * checkForm (src/modules/approval/cases/form.ts), so the browser refuses what the server would.
 */
export function fieldProblem(f: FormField, v: unknown): FieldProblem | null {
  if (v === undefined || v === null || v === '') return f.required ? { kind: 'required' } : null;
  if (f.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'number' };
    if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) return { kind: 'range', min: f.min, max: f.max };
    return null;
  }
  if (typeof v !== 'string') return { kind: 'required' };
  if (f.type === 'select') return f.options?.some((o) => o.value === v) ? null : { kind: 'option' };
  if (f.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : { kind: 'date' };
  const max = f.maxLength ?? 2000;
  return v.length > max ? { kind: 'length', max } : null;
}

/** Every field with a problem, in form order. */
export function formProblems(fields: FormField[], data: Record<string, unknown>): { field: FormField; problem: FieldProblem }[] {
  const out: { field: FormField; problem: FieldProblem }[] = [];
  for (const f of fields) {
    const p = fieldProblem(f, data[f.key]);
    if (p) out.push({ field: f, problem: p });
  }
  return out;
}

/** Only the keys of the schema, empty values dropped: what a draft stores. */
export function cleanProject(fields: FormField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') continue;
    out[f.key] = typeof v === 'string' ? v : v;
  }
  return out;
}
