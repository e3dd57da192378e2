import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * One notification's text: what happened, then the post it is about by its first words
 * ("Croissants recién horneados…"), so people know which post without opening it.
 */
export function NotificationText({ label, postExcerpt }: { label: string; postExcerpt?: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Text span size="sm" display="block" fw="inherit">
        {label}
      </Text>
      {postExcerpt && (
        <Text span size="xs" c="dimmed" display="block" lineClamp={1} fw={400} data-testid="notification-post">
          {t('team.notifications.about', { excerpt: postExcerpt })}
        </Text>
      )}
    </>
  );
}
