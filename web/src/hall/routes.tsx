import { Route } from 'react-router-dom';

/** The public online hall's routes (网上办事大厅), outside the staff layout; placed by AppRoutes. */
export function hallRoutes() {
  return [] as ReturnType<typeof Route>[];
}
