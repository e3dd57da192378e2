import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatInstant } from '../../shared/format.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { duplicatePost } from '../posts/batch/api.ts';
import { EDITABLE_STATES, editPostPath } from '../posts/EditPostButton.tsx';
import type { CalendarEntry } from './types.ts';

/** A post opened from the calendar: its text and channels, and the way to its page, the composer or a copy. */
export default function CalendarPostModal({
  entry,
  zone,
  lang,
  channelNames,
  stateLabel,
  onClose,
  onError,
}: {
  entry: CalendarEntry;
  zone: string;
  lang: 'en' | 'es';
  channelNames: string[];
  stateLabel(state: string): string;
  onClose(): void;
  /** Duplicating failed: the calendar closes the modal and shows why. */
  onError(error: unknown): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const { can } = useSession();
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${stateLabel(entry.state)} · ${formatInstant(entry.scheduledAt, zone, lang)}`}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack data-testid="calendar-post">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.content || '—'}
        </Text>
        <Text size="xs" c="dimmed">
          {channelNames.join(', ')}
        </Text>
        <Group>
          <Button onClick={() => navigate(`/posts/${entry.id}`)}>{t('planner.openDetails')}</Button>
          {EDITABLE_STATES.includes(entry.state) && can('post.write') && (
            <Button variant="default" onClick={() => navigate(editPostPath(entry.id))}>
              {t('planner.edit')}
            </Button>
          )}
          {can('post.write') && (
            <Button
              variant="default"
              data-testid="calendar-duplicate"
              onClick={async () => {
                try {
                  const copy = await duplicatePost(workspace.id, entry.id);
                  await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
                  navigate(editPostPath(copy.id));
                } catch (caught) {
                  onError(caught);
                }
              }}
            >
              {t('calendarOps.duplicate')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
