import type { DictKey } from '../i18n/translate.ts';
import type { CaseAction } from './types.ts';

/** The button label of an action; `pass` on the decision step is 批准. */
export function actionKey(action: CaseAction, phase: string | undefined): DictKey {
  if (action === 'pass' && phase === 'approve') return 'office.action.approve';
  return `office.action.${action}` as DictKey;
}

/** Actions that need more than the opinion: they open a dialog. */
export const NEEDS_DIALOG: ReadonlySet<CaseAction> = new Set([
  'not_accept', 'request_supplement', 'return', 'reject', 'start_special', 'end_special', 'extend', 'deliver', 'withdraw',
]);

export const DANGER: ReadonlySet<CaseAction> = new Set(['not_accept', 'reject', 'withdraw']);
