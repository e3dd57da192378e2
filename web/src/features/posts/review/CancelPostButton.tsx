import { useEffect, useState } from 'react';
import { Button, Group, Modal, Notification, Portal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { useWorkspace } from '../../../shared/session.tsx';
import { postStep } from './workflow.ts';

/** How long "Undo" is offered after a cancel (the server accepts a restore for 10 minutes). */
export const UNDO_SECONDS = 8;

/**
 * "Cancel this post's publication…": a dialog says what happens, then the post is canceled at once on
 * the server (so nothing can go out meanwhile) and a notice offers "Undo" for a few seconds, which
 * restores it to the state it had. Publications already sent are never touched: exactly once either way.
 * Stays mounted while the post is canceled so its notice survives the page's change of state.
 */
export function CancelPostButton({ postId, cancelable, onChange }: { postId: string; cancelable: boolean; onChange(): void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const [undoLeft, setUndoLeft] = useState(0);
  const [notice, setNotice] = useState<'canceled' | 'restored' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (undoLeft <= 0) return;
    const timer = setTimeout(() => setUndoLeft((left) => left - 1), 1000);
    return () => clearTimeout(timer);
  }, [undoLeft]);
  useEffect(() => {
    if (notice === 'canceled' && undoLeft === 0) setNotice(null);
  }, [notice, undoLeft]);
  useEffect(() => {
    if (notice !== 'restored') return;
    const timer = setTimeout(() => setNotice(null), 3000);
    return () => clearTimeout(timer);
  }, [notice]);

  const step = async (name: 'cancel' | 'restore') => {
    setBusy(true);
    setError(null);
    try {
      await postStep(workspace.id, postId, name);
      setConfirming(false);
      setNotice(name === 'cancel' ? 'canceled' : 'restored');
      setUndoLeft(name === 'cancel' ? UNDO_SECONDS : 0);
      onChange();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {cancelable && (
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          {t('review.cancelPost')}
        </Button>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('review.cancelTitle')} centered>
        <Stack>
          <Text size="sm">{t('review.cancelBody')}</Text>
          <ApiErrorAlert error={error} role="alert" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('review.cancelKeep')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void step('cancel')}>
              {t('review.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {notice && (
        <Portal>
          <Notification
            role="status"
            data-testid="cancel-notice"
            withCloseButton={false}
            color={notice === 'canceled' ? 'red' : 'green'}
            style={{ position: 'fixed', bottom: 24, left: '50%', transform: 'translateX(-50%)', zIndex: 400, minWidth: 320 }}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{notice === 'canceled' ? t('review.canceledNotice') : t('review.restored')}</Text>
              {notice === 'canceled' && (
                <Button size="xs" variant="light" loading={busy} onClick={() => void step('restore')}>
                  {t('review.undo')} ({undoLeft})
                </Button>
              )}
            </Group>
            {!confirming && <ApiErrorAlert error={error} />}
          </Notification>
        </Portal>
      )}
    </>
  );
}
