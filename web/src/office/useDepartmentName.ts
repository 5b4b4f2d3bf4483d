import { useCallback, useMemo } from 'react';
import { useApi } from '../api/useApi.ts';
import { localName, type CodeName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';

/** The department (股室) name for a code, from GET /api/departments; the code until they load. */
export function useDepartmentName(): (code: string) => string {
  const { lang } = useI18n();
  const { data } = useApi<CodeName[] | { items: CodeName[] }>('/api/departments');
  const list = useMemo(() => (Array.isArray(data) ? data : (data?.items ?? [])), [data]);
  return useCallback(
    (code: string) => {
      const d = list.find((x) => x.code === code);
      return d ? localName(d, lang) : code;
    },
    [list, lang],
  );
}
