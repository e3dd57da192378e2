import React from 'react';
import ReactDOM from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import '@mantine/core/styles.css';
import { i18nReady } from './i18n/index.ts';
import './styles.css';
import { App, prefetchFirstPage } from './App.tsx';
import { ApiError } from './api/client.ts';
import { prefetchMe } from './features/accounts/api.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Darker primary shades keep text on filled buttons above WCAG AA contrast.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  components: {
    // A select's options exist only while its list is open: kept mounted (Mantine's default), every
    // closed select on a page measures and positions its hidden list at mount, forcing layouts.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

// The session check first: every page waits for it (the embedded database answers one query at a time).
const session = prefetchMe(queryClient);
const firstPage = prefetchFirstPage();

// The first language's texts arrive in parallel with the first page's code, the session check and
// the page's data (see App). The first render waits for the texts, the code and the session: it then
// draws the frame and the page in one pass. A chunk that fails to load is left to the page's Suspense.
void Promise.all([i18nReady, session, firstPage.catch(() => null)]).then(() =>
  ReactDOM.createRoot(document.getElementById('root')!).render(
    <React.StrictMode>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </React.StrictMode>,
  ),
);
