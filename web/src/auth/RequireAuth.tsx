import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMe } from './MeContext.ts';

/** Renders its children only for a signed-in user; otherwise sends them to /login, remembering the page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useMe();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <main style={{ padding: 24 }}>
          <ProblemAlert error={state.error} onRetry={() => void reload()} />
        </main>
      );
    case 'anonymous':
    case 'pending':
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    case 'ready':
      return children;
  }
}
