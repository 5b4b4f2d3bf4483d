import type { DictKey } from '../i18n/translate.ts';

/** The 办件 states the server knows (DOMAIN.md §5.2). */
export const CASE_STATES = [
  'SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPT', 'REJECTED_ACCEPT', 'HANDLING', 'REVIEW', 'APPROVAL', 'SPECIAL_PROCEDURE', 'SUSPENDED',
  'DONE_APPROVED', 'CERTIFIED', 'DELIVERED', 'DONE_DENIED', 'WITHDRAWN',
] as const;

/** The dictionary key of a state's name; unknown states show their code. */
export function stateKey(state: string): DictKey | null {
  return (CASE_STATES as readonly string[]).includes(state) ? (`office.state.${state}` as DictKey) : null;
}
