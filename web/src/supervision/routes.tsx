import { Route } from 'react-router-dom';

/** The supervision routes (效能监管), placed inside the staff layout by AppRoutes. */
export function supervisionRoutes() {
  return [] as ReturnType<typeof Route>[];
}
