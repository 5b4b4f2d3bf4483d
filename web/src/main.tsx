import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp } from 'antd';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './AppRoutes.tsx';
import { MeProvider } from './auth/MeProvider.tsx';
import { LangProvider } from './i18n/LangProvider.tsx';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <LangProvider>
      <AntApp>
        <MeProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </MeProvider>
      </AntApp>
    </LangProvider>
  </StrictMode>,
);
