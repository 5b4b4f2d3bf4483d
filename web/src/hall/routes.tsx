import { lazy, Suspense, type ReactNode } from 'react';
import { Outlet, Route } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { HallFrame } from './HallFrame.tsx';
import { RequireApplicant } from './RequireApplicant.tsx';

// Every hall page loads on demand; the home page and the frame come with the main bundle.
const GuidesPage = lazy(() => import('./pages/GuidesPage.tsx').then((m) => ({ default: m.GuidesPage })));
const GuidePage = lazy(() => import('./pages/GuidePage.tsx').then((m) => ({ default: m.GuidePage })));
const ProgressPage = lazy(() => import('./pages/ProgressPage.tsx').then((m) => ({ default: m.ProgressPage })));
const LoginPage = lazy(() => import('./pages/HallLoginPage.tsx').then((m) => ({ default: m.HallLoginPage })));
const RegisterPage = lazy(() => import('./pages/HallRegisterPage.tsx').then((m) => ({ default: m.HallRegisterPage })));
const ApplyPage = lazy(() => import('./apply/ApplyPage.tsx').then((m) => ({ default: m.ApplyPage })));
const DraftsPage = lazy(() => import('./pages/DraftsPage.tsx').then((m) => ({ default: m.DraftsPage })));
const CasesPage = lazy(() => import('./pages/CasesPage.tsx').then((m) => ({ default: m.CasesPage })));
const CaseDetailPage = lazy(() => import('./case/CaseDetailPage.tsx').then((m) => ({ default: m.CaseDetailPage })));
const MessagesPage = lazy(() => import('./pages/MessagesPage.tsx').then((m) => ({ default: m.MessagesPage })));

function HallLayout() {
  return (
    <HallFrame>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </HallFrame>
  );
}

function page(path: string, element: ReactNode, signedIn = false) {
  return <Route key={path} path={path} element={signedIn ? <RequireApplicant>{element}</RequireApplicant> : element} />;
}

/** The public online hall's routes (网上办事大厅), outside the staff layout; placed by AppRoutes. */
export function hallRoutes() {
  return [
    <Route key="hall" element={<HallLayout />}>
      {page('/guides', <GuidesPage />)}
      {page('/guides/:code', <GuidePage />)}
      {page('/progress', <ProgressPage />)}
      {page('/hall/login', <LoginPage />)}
      {page('/hall/register', <RegisterPage />)}
      {page('/hall/apply/:code', <ApplyPage />, true)}
      {page('/hall/drafts', <DraftsPage />, true)}
      {page('/hall/cases', <CasesPage />, true)}
      {page('/hall/cases/:id', <CaseDetailPage />, true)}
      {page('/hall/messages', <MessagesPage />, true)}
    </Route>,
  ];
}
