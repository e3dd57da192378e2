import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ActionIcon, Alert, AppShell, Burger, Button, Group, Indicator, Menu, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall, setCsrfToken } from '../api/client.ts';
import type { ActivityItem } from '../features/activity/types.ts';
import { useSession, useWorkspace } from './session.tsx';
import { activityLink, useActivityLabel } from '../features/activity/activity.ts';
import { workspaceKey } from './query-keys.ts';
import { activityKeys } from '../features/activity/api.ts';
import { accountKeys } from '../features/accounts/api.ts';
import { NotificationText } from '../features/activity/NotificationText.tsx';

/**
 * The sidebar, grouped by the marketing loop (plan, create, publish, listen, converse, measure).
 * `also` lists other routes an item stands for (a post's analytics page belongs to analytics).
 */
const NAV_GROUPS: ReadonlyArray<{ key: string; items: ReadonlyArray<{ to: string; key: string; also?: readonly string[] }> }> = [
  {
    key: 'plan',
    items: [
      { to: '/strategy', key: 'analytics.nav.strategy' },
      { to: '/ideas', key: 'ideas.nav' },
    ],
  },
  {
    key: 'create',
    items: [
      { to: '/compose', key: 'nav.compose' },
      { to: '/posts', key: 'shellUi.nav.posts' },
      { to: '/feeds', key: 'feeds.nav' },
      { to: '/media', key: 'mediaLibrary.nav' },
    ],
  },
  {
    key: 'publish',
    items: [
      { to: '/calendar', key: 'nav.calendar' },
      { to: '/queues', key: 'queues.nav' },
      { to: '/approvals', key: 'nav.approvals' },
      { to: '/client-links', key: 'clientLinks.nav' },
      { to: '/channels', key: 'nav.channels' },
      { to: '/sandbox', key: 'nav.sandbox' },
    ],
  },
  {
    key: 'listen',
    items: [
      { to: '/listening', key: 'nav.listeningDashboard' },
      { to: '/listening/mentions', key: 'nav.listeningMentions' },
      { to: '/listening/alerts', key: 'nav.listeningAlerts' },
      { to: '/listening/queries', key: 'shellUi.nav.listeningQueries' },
    ],
  },
  {
    key: 'converse',
    items: [
      { to: '/inbox', key: 'shellUi.nav.inbox' },
      { to: '/contacts', key: 'contacts.nav' },
    ],
  },
  {
    key: 'measure',
    items: [
      { to: '/analytics/overview', key: 'analytics.nav.overview', also: ['/analytics/posts'] },
      { to: '/analytics/best-time', key: 'analytics.nav.bestTime' },
      { to: '/analytics/links', key: 'analytics.nav.links' },
      { to: '/analytics/reports', key: 'analytics.nav.reports' },
      { to: '/analytics/alerts', key: 'analytics.nav.alerts' },
      { to: '/analytics/collection', key: 'analytics.nav.collection' },
    ],
  },
  {
    key: 'settings',
    items: [
      { to: '/settings', key: 'nav.settings', also: ['/workspaces'] },
      { to: '/activity', key: 'nav.activity' },
    ],
  },
];

/** Whether `path` is `prefix` or below it (segment-wise: /postsx is not under /posts). */
function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The one navigation entry to highlight for a path: the longest route that holds it (nested pages included). */
export function activeNavItem(path: string): string | null {
  let best: { to: string; length: number } | null = null;
  for (const group of NAV_GROUPS)
    for (const item of group.items)
      for (const prefix of [item.to, ...(item.also ?? [])])
        if (under(path, prefix) && (!best || prefix.length > best.length)) best = { to: item.to, length: prefix.length };
  return best?.to ?? null;
}

const ALERT_TYPES = new Set(['post.failed', 'channel.needs_reconnect', 'channel.token_expiring']);

/** Listens to the workspace's live activity (SSE): refreshes data and raises alerts for failures. */
function useLiveActivity(workspaceId: string, onAlert: (item: ActivityItem) => void) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource(`/api/v1/workspaces/${workspaceId}/activity/stream`);
    source.addEventListener('activity', (message) => {
      const item = JSON.parse((message as MessageEvent<string>).data) as ActivityItem;
      void queryClient.invalidateQueries({ queryKey: workspaceKey(workspaceId) });
      if (ALERT_TYPES.has(item.type)) onAlert(item);
    });
    // Access revoked (token, session or membership): stop, do not reconnect.
    source.addEventListener('revoked', () => source.close());
    return () => source.close();
  }, [workspaceId, queryClient, onAlert]);
}

/** The app frame: header (workspace, language, notifications, account), navigation, live alerts. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, selectWorkspace } = useSession();
  const workspace = useWorkspace();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [alerts, setAlerts] = useState<ActivityItem[]>([]);
  const label = useActivityLabel();
  const [onAlert] = useState(() => (item: ActivityItem) => setAlerts((current) => [item, ...current].slice(0, 4)));
  useLiveActivity(workspace.id, onAlert);
  useEffect(close, [location.pathname, close]);
  const activeItem = activeNavItem(location.pathname);
  // On short screens the sidebar scrolls: keep the highlighted entry in view after each navigation.
  const navRef = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again whenever the highlighted entry changes
  useEffect(() => {
    // In the next frame, when the page has its layout anyway: scrolling now would force one mid-render.
    const frame = requestAnimationFrame(() => {
      const current = navRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
      current?.scrollIntoView({ block: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [activeItem]);

  // The bell is not needed for the first paint: ask for it once the page has settled.
  const [bellReady, setBellReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setBellReady(true), 800);
    return () => clearTimeout(timer);
  }, []);
  const notifications = useQuery({
    queryKey: activityKeys.notifications(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/notifications', { params: { workspaceId: workspace.id } }),
    enabled: bellReady,
  });

  const [signingOut, setSigningOut] = useState(false);
  // Leaves at once: the session's data is dropped and the sign-in page replaces the app, even
  // before the server answers, so no name or half-empty page stays on screen.
  const signOut = async () => {
    setSigningOut(true);
    try {
      await api('POST', '/auth/logout');
    } finally {
      setCsrfToken(null);
      await queryClient.cancelQueries();
      queryClient.clear();
      queryClient.setQueryData(accountKeys.me(), null);
      navigate('/', { replace: true });
    }
  };

  const markRead = async () => {
    const newest = notifications.data?.items[0];
    if (!newest) return;
    await api('POST', `/workspaces/${workspace.id}/notifications/read`, { upToEventId: newest.id });
    await notifications.refetch();
  };

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Title order={1} size="h3" visibleFrom="xs">
              Plaza
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {/* Native selects: the header is drawn on every page, and a Mantine Select (combobox, popover,
                floating position) costs several times more to mount than the browser's own. */}
            <NativeSelect
              aria-label={t('shell.workspace')}
              data={[...me.workspaces.map((w) => ({ value: w.id, label: w.name })), { value: '__new', label: t('shell.newWorkspace') }]}
              value={workspace.id}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (value === '__new') navigate('/workspaces/new');
                else if (value) selectWorkspace(value);
              }}
              w={{ base: 120, sm: 200 }}
              size="xs"
            />
            <Text size="xs" c="dimmed" visibleFrom="md" data-testid="brand-zone">
              {t('shell.timeZone', { zone: workspace.timeZone })}
            </Text>
            <NativeSelect
              aria-label={t('shell.language')}
              data={[
                { value: 'en', label: 'EN' },
                { value: 'es', label: 'ES' },
              ]}
              value={i18n.language}
              onChange={(event) => void i18n.changeLanguage(event.currentTarget.value)}
              w={70}
              size="xs"
            />
            <Menu position="bottom-end" width={320} onOpen={() => void notifications.refetch()}>
              <Menu.Target>
                <Indicator disabled={!notifications.data?.unread} label={notifications.data?.unread} size={16} color="red">
                  <ActionIcon variant="default" size="lg" aria-label={t('shell.notifications', { count: notifications.data?.unread ?? 0 })}>
                    <svg
                      aria-hidden
                      width="18"
                      height="18"
                      viewBox="0 0 24 24"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2"
                      strokeLinecap="round"
                      strokeLinejoin="round"
                    >
                      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
                    </svg>
                  </ActionIcon>
                </Indicator>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('shell.notificationsTitle')}</Menu.Label>
                {notifications.data?.items.length ? null : <Menu.Item disabled>{t('shell.noNotifications')}</Menu.Item>}
                {notifications.data?.items.slice(0, 8).map((item) => (
                  <Menu.Item key={item.id} component={Link} to={activityLink(item)} fw={item.unread ? 700 : 400}>
                    <NotificationText label={label(item)} postExcerpt={item.postExcerpt} />
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => void markRead()}>{t('shell.markRead')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" size="xs" aria-label={t('shell.account')}>
                  {me.user.name.split(' ')[0]}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                <Menu.Item component={Link} to="/settings">
                  {t('nav.settings')}
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()} disabled={signingOut}>
                  {signingOut ? t('shellUi.signingOut') : t('shell.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')} style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}>
        {/* Plain links styled like Mantine's NavLink (styles.css): 25 entries on every page. */}
        <nav className="plaza-nav" ref={navRef}>
          {NAV_GROUPS.map((group) => (
            <div key={group.key} role="group" aria-labelledby={`nav-group-${group.key}`}>
              <p id={`nav-group-${group.key}`} className="plaza-nav-group">
                {t(`shellUi.groups.${group.key}`)}
              </p>
              {group.items.map((item) => (
                <Link
                  key={item.to}
                  to={item.to}
                  className="plaza-nav-link"
                  data-active={activeItem === item.to || undefined}
                  aria-current={activeItem === item.to ? 'page' : undefined}
                >
                  {t(item.key)}
                </Link>
              ))}
            </div>
          ))}
        </nav>
        <Text size="xs" c="dimmed" mt="md" hiddenFrom="md">
          {t('shell.timeZone', { zone: workspace.timeZone })}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <div aria-live="assertive" role="region" aria-label={t('shell.liveAlerts')}>
          {alerts.length > 0 && (
            <Stack gap="xs" mb="md" data-testid="live-alerts">
              {alerts.map((item) => (
                <Alert
                  key={item.id}
                  color="red"
                  withCloseButton
                  closeButtonLabel={t('common.close')}
                  onClose={() => setAlerts((current) => current.filter((a) => a.id !== item.id))}
                >
                  <Group justify="space-between">
                    <Text size="sm">{label(item)}</Text>
                    <Button component={Link} to={activityLink(item)} size="xs" variant="light" color="red">
                      {t('common.open')}
                    </Button>
                  </Group>
                </Alert>
              ))}
            </Stack>
          )}
        </div>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
