import { ActionIcon, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The header's two menus. */
export type HeaderMenuName = 'notifications' | 'account';

/** The notifications bell (an SVG: no icon font or emoji needed). */
export function BellIcon() {
  return (
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
  );
}

/**
 * The bell and the account button as they look before the menus' chunk (HeaderMenus.tsx) has
 * arrived: the same buttons, and pressing one asks for that menu, which opens once it is in.
 */
export function HeaderMenuButtons({ userName, onOpen }: { userName: string; onOpen(menu: HeaderMenuName): void }) {
  const { t } = useTranslation();
  return (
    <>
      <ActionIcon variant="default" size="lg" aria-label={t('shell.notifications', { count: 0 })} onClick={() => onOpen('notifications')}>
        <BellIcon />
      </ActionIcon>
      <Button variant="subtle" size="xs" aria-label={t('shell.account')} onClick={() => onOpen('account')}>
        {userName.split(' ')[0]}
      </Button>
    </>
  );
}
