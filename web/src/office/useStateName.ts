import { useCallback } from 'react';
import { useI18n } from '../i18n/LangContext.ts';
import { CASE_STATES, stateKey } from './stateNames.ts';

/** The localised name of a case state, and the options of a state filter. */
export function useStateName() {
  const { t } = useI18n();
  const name = useCallback((s: string) => {
    const key = stateKey(s);
    return key ? t(key) : s;
  }, [t]);
  const options = CASE_STATES.map((s) => ({ value: s, label: name(s) }));
  return { name, options };
}
