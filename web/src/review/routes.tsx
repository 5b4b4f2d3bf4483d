import { lazy, Suspense, type ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { RequirePermission } from './RequirePermission.tsx';

// The report brings OpenLayers and ECharts; every review page loads on demand.
const CheckPage = lazy(() => import('./CheckPage.tsx').then((m) => ({ default: m.CheckPage })));
const ReportPage = lazy(() => import('./ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const RulesPage = lazy(() => import('./RulesPage.tsx').then((m) => ({ default: m.RulesPage })));
const FlagsPage = lazy(() => import('./FlagsPage.tsx').then((m) => ({ default: m.FlagsPage })));

function guarded(path: string, anyOf: string[], page: ReactNode) {
  return (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission anyOf={anyOf}>
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </RequirePermission>
      }
    />
  );
}

/** The review routes, placed inside the staff layout by AppRoutes. */
export function reviewRoutes() {
  return [
    guarded('/review/check', ['review:run'], <CheckPage />),
    guarded('/review/rules', ['rules:manage', 'review:run'], <RulesPage />),
    guarded('/review/flags', ['case:read'], <FlagsPage />),
    guarded('/review/:id', ['review:run'], <ReportPage />),
  ];
}
