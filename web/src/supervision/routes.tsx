import { lazy, Suspense } from 'react';
import { Route } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { RequirePermission } from '../review/RequirePermission.tsx';

// The dashboard brings ECharts: it loads on demand.
const SupervisionPage = lazy(() => import('./SupervisionPage.tsx').then((m) => ({ default: m.SupervisionPage })));

/** The supervision routes (效能监管), placed inside the staff layout by AppRoutes; supervise:read only. */
export function supervisionRoutes() {
  return [
    <Route
      key="/supervision"
      path="/supervision"
      element={
        <RequirePermission anyOf={['supervise:read']}>
          <Suspense fallback={<Loading />}>
            <SupervisionPage />
          </Suspense>
        </RequirePermission>
      }
    />,
  ];
}
