import { useApi } from '../api/useApi.ts';
import type { ProcessDefinition, ServiceItem } from './types.ts';

/** One service item's guide (GET /api/service-items/:code). */
export function useItem(code: string | undefined) {
  return useApi<ServiceItem>(`/api/service-items/${encodeURIComponent(code ?? '_')}`);
}

/** The current process definition of an item (GET /api/service-items/:code/process). */
export function useProcess(code: string | undefined) {
  return useApi<ProcessDefinition>(`/api/service-items/${encodeURIComponent(code ?? '_')}/process`);
}
