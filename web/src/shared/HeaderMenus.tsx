import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ActionIcon, Button, Indicator, Menu } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall, setCsrfToken } from '../api/client.ts';
import { useSession, useWorkspace } from './session.tsx';
import { activityLink, useActivityLabel } from '../features/activity/activity.ts';
import { activityKeys } from '../features/activity/api.ts';
import { accountKeys } from '../features/accounts/api.ts';
import { NotificationText } from '../features/activity/NotificationText.tsx';
import { BellIcon, type HeaderMenuName } from './header-buttons.tsx';

/**
 * The header's notifications and account menus (a chunk of their own: Mantine's Menu brings its
 * popover and positioning code, which the first screen does not need). `open` opens one at mount:
 * the menu whose stand-in button was pressed before this chunk arrived.
 */
export default function HeaderMenus({ open }: { open: HeaderMenuName | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const label = useActivityLabel();
  const notifications = useQuery({
    queryKey: activityKeys.notifications(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/notifications', { params: { workspaceId: workspace.id } }),
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
    <>
      <Menu position="bottom-end" width={320} defaultOpened={open === 'notifications'} onOpen={() => void notifications.refetch()}>
        <Menu.Target>
          <Indicator disabled={!notifications.data?.unread} label={notifications.data?.unread} size={16} color="red">
            <ActionIcon variant="default" size="lg" aria-label={t('shell.notifications', { count: notifications.data?.unread ?? 0 })}>
              <BellIcon />
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
      <Menu position="bottom-end" defaultOpened={open === 'account'}>
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
    </>
  );
}
