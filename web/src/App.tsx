import { type ComponentType, createElement, lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { apiCall } from './api/client.ts';
import { SessionProvider } from './shared/session.tsx';
import { useMeQuery } from './features/accounts/api.ts';
import { prefetchCalendarEntries, prefetchesSettled } from './features/calendar/CalendarData.ts';
import { accountKeys } from './features/accounts/api.ts';

// The frame and the sign-in pages are chunks of their own, fetched at boot in parallel with the
// session check and the first page: the entry then holds little more than React, the router,
// the query cache and i18next, and the first screen waits for no chunk after another.
/**
 * A page loaded on demand that renders directly once its chunk is in: main.tsx waits for the first
 * screen's chunks before the first render, so that render is one synchronous pass, not a suspended
 * one that React retries later in 5 ms slices of main-thread time.
 */
function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  const Lazy = lazy(() => start().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module level, never during a render
  function Page(props: P) {
    return createElement(loaded ?? (Lazy as unknown as ComponentType<P>), props);
  }
  return { Page, start };
}

const shell = preloadable(() => import('./shared/Shell.tsx').then((m) => m.Shell));
const Shell = shell.Page;
const authChunk = () => import('./features/accounts/Auth.tsx');
const SetupPage = lazy(() => authChunk().then((m) => ({ default: m.SetupPage })));
const LoginPage = lazy(() => authChunk().then((m) => ({ default: m.LoginPage })));
const NewWorkspacePage = lazy(() => authChunk().then((m) => ({ default: m.NewWorkspacePage })));
// Heavy pages load on demand so the first load stays small.
const calendar = preloadable(() => import('./features/calendar/Calendar.tsx').then((m) => m.default));
const onCalendar = window.location.pathname === '/' || window.location.pathname.startsWith('/calendar');

/** The longest the first render waits for the month's posts once everything else is in. */
const FIRST_DATA_WAIT_MS = 150;

/**
 * Starts the first screen's code (the frame and, on the home page, the calendar) and data requests
 * (main.tsx calls it right after the session check's); resolves once the code is in and the month's
 * posts and channels have answered, or FIRST_DATA_WAIT_MS after the code when they are slow.
 */
export function prefetchFirstPage(): Promise<unknown> {
  if (onCalendar) prefetchCalendarEntries();
  const code = Promise.all([shell.start(), onCalendar ? calendar.start() : null]);
  return onCalendar ? code.then(() => prefetchesSettled(FIRST_DATA_WAIT_MS)) : code;
}
const CalendarPage = calendar.Page;
const ComposerPage = lazy(() => import('./features/posts/composer/Composer.tsx'));
// Pages off the first screen load on demand, so the calendar's first paint parses less script.
const ApprovalsPage = lazy(() => import('./features/posts/approvals/ApprovalsPage.tsx').then((m) => ({ default: m.ApprovalsPage })));
const IdeasPage = lazy(() => import('./features/ideas/IdeasPage.tsx').then((m) => ({ default: m.IdeasPage })));
const FeedsPage = lazy(() => import('./features/feeds/FeedsPage.tsx').then((m) => ({ default: m.FeedsPage })));
const MediaLibraryPage = lazy(() => import('./features/media/MediaLibraryPage.tsx').then((m) => ({ default: m.MediaLibraryPage })));
const QueuesPage = lazy(() => import('./features/queues/QueuesPage.tsx').then((m) => ({ default: m.QueuesPage })));
const PostsListPage = lazy(() => import('./features/posts/list/PostsListPage.tsx').then((m) => ({ default: m.PostsListPage })));
const PostDetailPage = lazy(() => import('./features/posts/detail/PostDetailPage.tsx').then((m) => ({ default: m.PostDetailPage })));
const ChannelsPage = lazy(() => import('./features/channels/ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage })));
const ConnectPage = lazy(() => import('./features/channels/ConnectPage.tsx').then((m) => ({ default: m.ConnectPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const SandboxPage = lazy(() => import('./features/sandbox/SandboxPage.tsx').then((m) => ({ default: m.SandboxPage })));
const ActivityPage = lazy(() => import('./features/activity/ActivityPage.tsx').then((m) => ({ default: m.ActivityPage })));
const ListeningQueriesPage = lazy(() => import('./features/listening/ListeningQueries.tsx'));
const ListeningMentionsPage = lazy(() => import('./features/listening/ListeningMentions.tsx'));
const ListeningDashboardPage = lazy(() => import('./features/listening/ListeningDashboard.tsx'));
const ListeningAlertsPage = lazy(() => import('./features/listening/ListeningAlerts.tsx'));
const InboxPage = lazy(() => import('./features/inbox/Inbox.tsx'));
const InboxRulesPage = lazy(() => import('./features/inbox/InboxRules.tsx'));
const InboxReportPage = lazy(() => import('./features/inbox/InboxReport.tsx'));
const ContactsPage = lazy(() => import('./features/contacts/Contacts.tsx'));
const ContactPage = lazy(() => import('./features/contacts/ContactPage.tsx'));
const StrategyPage = lazy(() => import('./features/strategy/Strategy.tsx'));
const AnalyticsOverviewPage = lazy(() => import('./features/analytics/AnalyticsOverview.tsx'));
const BestTimePage = lazy(() => import('./features/analytics/BestTime.tsx'));
const LinksPage = lazy(() => import('./features/links/Links.tsx'));
const ReportsPage = lazy(() => import('./features/analytics/Reports.tsx'));
const AnalyticsAlertsPage = lazy(() => import('./features/analytics/Alerts.tsx'));
const PostDashboardPage = lazy(() => import('./features/analytics/PostDashboard.tsx'));
const PreviewGalleryPage = lazy(() => import('./features/posts/preview/PreviewGallery.tsx').then((m) => ({ default: m.PreviewGallery })));
const CollectionPage = lazy(() => import('./features/analytics/Collection.tsx'));
// Pages reached from e-mails (signed in or not): invitations and password resets.
const AcceptInvitePage = lazy(() => import('./features/accounts/Accounts.tsx').then((m) => ({ default: m.AcceptInvitePage })));
const ResetPasswordPage = lazy(() => import('./features/accounts/Accounts.tsx').then((m) => ({ default: m.ResetPasswordPage })));
const ForgotPasswordPage = lazy(() => import('./features/accounts/Accounts.tsx').then((m) => ({ default: m.ForgotPasswordPage })));
// A client's approval page (a signed link, no account).
const ClientReviewPage = lazy(() => import('./features/client-links/ClientReviewPage.tsx').then((m) => ({ default: m.ClientReviewPage })));
const ClientLinksPage = lazy(() => import('./features/client-links/ClientLinksPage.tsx').then((m) => ({ default: m.ClientLinksPage })));
const PUBLIC_PAGES: Record<string, () => JSX.Element> = {
  '/client': () => <ClientReviewPage />,
  '/invite': () => <AcceptInvitePage />,
  '/reset-password': () => <ResetPasswordPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
};

function Loading() {
  return (
    <Center h={200}>
      <Loader aria-label="…" />
    </Center>
  );
}

/** Routes: first run or sign-in when signed out; the app shell when signed in. */
export function App() {
  const meQuery = useMeQuery();
  const setup = useQuery({ queryKey: accountKeys.setup(), queryFn: () => apiCall('get', '/api/v1/setup'), enabled: meQuery.data === null });
  const publicPage = PUBLIC_PAGES[useLocation().pathname];
  if (publicPage) return <Suspense fallback={<Loading />}>{publicPage()}</Suspense>;
  if (meQuery.isLoading || (meQuery.data === null && setup.isLoading)) return <Loading />;
  const me = meQuery.data;
  if (!me) return <Suspense fallback={<Loading />}>{setup.data?.needsOwner ? <SetupPage /> : <LoginPage />}</Suspense>;
  if (me.workspaces.length === 0)
    return (
      <Suspense fallback={<Loading />}>
        <NewWorkspacePage />
      </Suspense>
    );
  return (
    <SessionProvider me={me}>
      <Suspense fallback={<Loading />}>
        <Shell>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Navigate to="/calendar" replace />} />
              <Route path="/calendar" element={<CalendarPage />} />
              <Route path="/compose" element={<ComposerPage />} />
              <Route path="/approvals" element={<ApprovalsPage />} />
              <Route path="/client-links" element={<ClientLinksPage />} />
              <Route path="/posts" element={<PostsListPage />} />
              <Route path="/queues" element={<QueuesPage />} />
              <Route path="/ideas" element={<IdeasPage />} />
              <Route path="/feeds" element={<FeedsPage />} />
              <Route path="/media" element={<MediaLibraryPage />} />
              <Route path="/posts/:postId" element={<PostDetailPage />} />
              <Route path="/channels" element={<ChannelsPage />} />
              <Route path="/channels/connect" element={<ConnectPage />} />
              <Route path="/sandbox" element={<SandboxPage />} />
              <Route path="/activity" element={<ActivityPage />} />
              <Route path="/listening" element={<ListeningDashboardPage />} />
              <Route path="/listening/queries" element={<ListeningQueriesPage />} />
              <Route path="/listening/mentions" element={<ListeningMentionsPage />} />
              <Route path="/listening/alerts" element={<ListeningAlertsPage />} />
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/inbox/rules" element={<InboxRulesPage />} />
              <Route path="/inbox/report" element={<InboxReportPage />} />
              <Route path="/inbox/:conversationId" element={<InboxPage />} />
              <Route path="/contacts" element={<ContactsPage />} />
              <Route path="/contacts/:contactId" element={<ContactPage />} />
              <Route path="/strategy" element={<StrategyPage />} />
              <Route path="/analytics" element={<Navigate to="/analytics/overview" replace />} />
              <Route path="/analytics/overview" element={<AnalyticsOverviewPage />} />
              <Route path="/analytics/best-time" element={<BestTimePage />} />
              <Route path="/analytics/links" element={<LinksPage />} />
              <Route path="/analytics/reports" element={<ReportsPage />} />
              <Route path="/analytics/alerts" element={<AnalyticsAlertsPage />} />
              <Route path="/analytics/posts/:postId" element={<PostDashboardPage />} />
              <Route path="/analytics/collection" element={<CollectionPage />} />
              <Route path="/previews" element={<PreviewGalleryPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/workspaces/new" element={<NewWorkspacePage embedded />} />
              <Route path="*" element={<Navigate to="/calendar" replace />} />
            </Routes>
          </Suspense>
        </Shell>
      </Suspense>
    </SessionProvider>
  );
}
