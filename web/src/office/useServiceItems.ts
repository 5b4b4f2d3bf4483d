import { useApi } from '../api/useApi.ts';
import type { ServiceItem } from './types.ts';

/** The service-item catalogue (GET /api/service-items). */
export function useServiceItems() {
  const { data, error, loading, reload } = useApi<{ items: ServiceItem[] }>('/api/service-items');
  return { items: data?.items, error, loading, reload };
}
