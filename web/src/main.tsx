import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { App } from './app/App';
import { AuthProvider } from './app/auth';
import './app/frame.css';
import { I18nProvider } from './app/i18n';
import { makeQueryClient } from './app/queryClient';

const queryClient = makeQueryClient();
// A data router, so that a page can hold navigation while it has unsaved changes (useBlocker);
// the routes themselves stay in <App>'s <Routes>.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
