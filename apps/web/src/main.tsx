import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { disableZodJit } from '@mttq/core';
import { ApiError } from './api/client';
import { createAppRouter } from './App';
import { LocaleProvider } from './i18n/locale';
import './styles.css';

// Before any schema parses: the CSP has no 'unsafe-eval', and zod's probe for it would be reported.
disableZodJit();

/** Signed out or the session expired: go to sign-in, and come back here afterwards. */
function onApiError(error: unknown) {
  if (!(error instanceof ApiError) || !error.isUnauthorized) return;
  const { pathname, search } = router.state.location;
  if (pathname === '/sign-in') return;
  void router.navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // 4xx answers will not change on retry; network and 5xx get two more tries
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <RouterProvider router={router} />
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
