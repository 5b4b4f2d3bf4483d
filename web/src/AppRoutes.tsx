import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import type { FaceKey } from './api/types.ts';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { RequireFace } from './auth/RequireFace.tsx';
import { Loading } from './components/Loading.tsx';
import { StaffLayout } from './layout/StaffLayout.tsx';
import { LoginPage } from './login/LoginPage.tsx';
import { FacePage, type PlaceholderFace } from './pages/FacePage.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { PortalHome } from './pages/PortalHome.tsx';
import { WelcomePage } from './pages/WelcomePage.tsx';
import { reviewRoutes } from './review/routes.tsx';
import { hallRoutes } from './hall/routes.tsx';
import { supervisionRoutes } from './supervision/routes.tsx';

// Admin pages are used by few people; load them on demand.
const UsersPage = lazy(() => import('./admin/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('./admin/roles/RolesPage.tsx').then((m) => ({ default: m.RolesPage })));
// The one map brings OpenLayers and ECharts; load it on demand too.
const MapPage = lazy(() => import('./pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));
// Layer administration is used by the few data administrators.
const DataPage = lazy(() => import('./pages/DataPage.tsx').then((m) => ({ default: m.DataPage })));
// The public certificate verification page behind the QR code on certificates.
const VerifyPage = lazy(() => import('./verify/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })));
const AuditPage = lazy(() => import('./admin/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
// The office (一窗受理, 协同审批); the process diagram brings bpmn-js and loads on its own.
const OfficePage = lazy(() => import('./office/OfficePage.tsx').then((m) => ({ default: m.OfficePage })));
const RegisterPage = lazy(() => import('./office/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })));
const CasePage = lazy(() => import('./office/CasePage.tsx').then((m) => ({ default: m.CasePage })));
const ProcessesPage = lazy(() => import('./office/ProcessesPage.tsx').then((m) => ({ default: m.ProcessesPage })));
const ProcessPage = lazy(() => import('./office/ProcessPage.tsx').then((m) => ({ default: m.ProcessPage })));

const PLACEHOLDERS: { face: PlaceholderFace; path: string }[] = [
  { face: 'share', path: '/share' },
  { face: 'ops', path: '/ops' },
  { face: 'm', path: '/m' },
];

function faceRoute(face: FaceKey, path: string, page: ReactNode) {
  return (
    <Route
      key={path}
      path={path}
      element={
        <RequireFace face={face}>
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </RequireFace>
      }
    />
  );
}

/** All routes: the public portal and login, and the faces inside the staff layout. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PortalHome />} />
      <Route path="/login" element={<LoginPage />} />
      {hallRoutes()}
      <Route path="/verify/:number" element={<Suspense fallback={<Loading />}><VerifyPage /></Suspense>} />
      <Route
        element={
          <RequireAuth>
            <StaffLayout />
          </RequireAuth>
        }
      >
        <Route path="/welcome" element={<WelcomePage />} />
        {PLACEHOLDERS.map(({ face, path }) => faceRoute(face, path, <FacePage face={face} />))}
        {faceRoute('office', '/office', <OfficePage />)}
        {faceRoute('office', '/office/register', <RegisterPage />)}
        {faceRoute('office', '/office/cases/:id', <CasePage />)}
        {faceRoute('office', '/office/processes', <ProcessesPage />)}
        {faceRoute('office', '/office/processes/:code', <ProcessPage />)}
        {faceRoute('map', '/map', <MapPage />)}
        {faceRoute('data', '/data', <DataPage />)}
        {faceRoute('admin-users', '/admin/users', <UsersPage />)}
        {faceRoute('admin-roles', '/admin/roles', <RolesPage />)}
        {faceRoute('audit', '/audit', <AuditPage />)}
        {reviewRoutes()}
        {supervisionRoutes()}
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
