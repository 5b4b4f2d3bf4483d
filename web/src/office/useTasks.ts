import { useApi } from '../api/useApi.ts';
import type { TaskList, TaskView } from './types.ts';

/** One of the staff task lists with the counts of all four (GET /api/tasks). */
export function useTasks(view: TaskView, itemCode: string | undefined) {
  return useApi<TaskList>('/api/tasks', { view, itemCode, pageSize: 200 });
}
