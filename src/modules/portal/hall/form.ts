import { checkForm } from '../../approval/cases/form.ts';
import type { ItemGuide } from '../../approval/schemas.ts';

export interface FieldError {
  field: string;
  message: string;
  messageEn: string;
}

type Field = ItemGuide['formSchema']['fields'][number];

/** Problems that make a value unusable even in an unfinished draft (wrong type, unknown field). */
const TYPE_PROBLEMS = /^(not a field|must be a number|must be text)/;

function zh(f: Field | undefined, problem: string): string {
  const label = f?.label ?? '';
  if (!f) return '该字段不属于本事项的申请表';
  if (problem === 'required') return `请填写${label}`;
  if (problem.startsWith('must be a number')) return `${label}须为数字`;
  if (problem.startsWith('must be between')) return `${label}须在 ${f.min ?? '-∞'} 至 ${f.max ?? '∞'}${f.unit ? ` ${f.unit}` : ''} 之间`;
  if (problem.startsWith('must be text')) return `${label}须为文字`;
  if (problem.startsWith('must be one of')) return `请从列表中选择${label}`;
  if (problem.startsWith('must be a date')) return `${label}须为日期（年-月-日）`;
  if (problem.startsWith('longer than')) return `${label}不能超过 ${f.maxLength ?? 2000} 个字`;
  return `${label}填写有误`;
}

/**
 * Checks an application's project data against the item's form schema with the approval engine's
 * rules (cases/form.ts: required, number min/max, maxLength, select options, date format) and
 * returns one error per problem with a Chinese message for the form. The web app mirrors these rules.
 * With `draft`, only problems that no unfinished draft may have (type errors, unknown fields) count.
 */
export function formErrors(fields: Field[], project: Record<string, unknown>, opts: { draft?: boolean } = {}): FieldError[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  // Plain values only: a nested object or an over-long text is no form value, in a draft either.
  const shape: FieldError[] = Object.entries(project).flatMap(([k, v]) => {
    if (v !== null && typeof v === 'object') return [{ field: k, message: `${byKey.get(k)?.label ?? k}须为文字或数字`, messageEn: 'must be text or a number' }];
    if (typeof v === 'string' && v.length > 5000) return [{ field: k, message: `${byKey.get(k)?.label ?? k}过长`, messageEn: 'longer than 5000 characters' }];
    return [];
  });
  if (shape.length) return shape;
  return checkForm(fields, project)
    .filter((p) => !opts.draft || TYPE_PROBLEMS.test(p.problem))
    .map((p) => ({ field: p.field, message: zh(byKey.get(p.field), p.problem), messageEn: p.problem }));
}
