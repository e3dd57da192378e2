import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Alert, AppShell, Burger, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActivityItem } from '../features/activity/types.ts';
import { useSession, useWorkspace } from './session.tsx';
import { activityLink, useActivityLabel } from '../features/activity/activity.ts';
import { workspaceKey } from './query-keys.ts';
import { HeaderMenuButtons, type HeaderMenuName } from './header-buttons.tsx';

// The notifications and account menus arrive once the page has settled (see Shell).
const HeaderMenus = lazy(() => import('./HeaderMenus.tsx'));

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
  const [alerts, setAlerts] = useState<ActivityItem[]>([]);
  const label = useActivityLabel();
  const [onAlert] = useState(() => (item: ActivityItem) => setAlerts((current) => [item, ...current].slice(0, 4)));
  useLiveActivity(workspace.id, onAlert);
  useEffect(close, [location.pathname, close]);
  const activeItem = activeNavItem(location.pathname);
  // On short screens the sidebar scrolls: keep the highlighted entry in view after each navigation.
  // An IntersectionObserver reports after the browser's own layout, so nothing forces one mid-frame.
  const navRef = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again whenever the highlighted entry changes
  useEffect(() => {
    const current = navRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!current) return;
    const observer = new IntersectionObserver(([entry]) => {
      observer.disconnect();
      if (entry && entry.intersectionRatio < 1) current.scrollIntoView({ block: 'nearest' });
    });
    observer.observe(current);
    return () => observer.disconnect();
  }, [activeItem]);
  // Sidebar entries are plain links (25 router Links cost more to render than the rest of the frame):
  // a plain click navigates inside the app; a click with a modifier opens a tab as links do.
  const followNavLink = (event: MouseEvent<HTMLElement>) => {
    const link = (event.target as Element).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href') ?? '/');
  };

  // The header's menus are not needed for the first paint: their chunk (and the notifications they
  // ask for) comes once the page has settled, or at once when someone presses the bell or their name.
  const [menus, setMenus] = useState<{ open: HeaderMenuName | null } | null>(null);
  useEffect(() => {
    let idle = 0;
    const timer = setTimeout(() => {
      idle = window.requestIdleCallback(() => setMenus((current) => current ?? { open: null }), { timeout: 1_000 });
    }, 800);
    return () => {
      clearTimeout(timer);
      window.cancelIdleCallback(idle);
    };
  }, []);
  const buttons = <HeaderMenuButtons userName={me.user.name} onOpen={(open) => setMenus({ open })} />;

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
            {menus ? (
              <Suspense fallback={buttons}>
                <HeaderMenus open={menus.open} />
              </Suspense>
            ) : (
              buttons
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')} style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}>
        {/* Plain links styled like Mantine's NavLink (styles.css): 25 entries on every page. */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the links inside take the keyboard; this only routes their clicks */}
        <nav className="plaza-nav" ref={navRef} onClick={followNavLink}>
          {NAV_GROUPS.map((group) => (
            <div key={group.key} role="group" aria-labelledby={`nav-group-${group.key}`}>
              <p id={`nav-group-${group.key}`} className="plaza-nav-group">
                {t(`shellUi.groups.${group.key}`)}
              </p>
              {group.items.map((item) => (
                <a
                  key={item.to}
                  href={item.to}
                  className="plaza-nav-link"
                  data-active={activeItem === item.to || undefined}
                  aria-current={activeItem === item.to ? 'page' : undefined}
                >
                  {t(item.key)}
                </a>
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
