import { useState } from 'react';
import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../shared/session.tsx';
import type { PostDetail } from '../posts/types.ts';
import { saveEvergreen } from './api.ts';

/** The composer's evergreen choice: the post's current mark, what the user picked, and saving it after the post. */
export interface EvergreenChoice {
  value: boolean;
  set(value: boolean): void;
  /** Marks or unmarks the saved post when the choice changed (alternative texts are edited on the post's page). */
  save(postId: string): Promise<void>;
}

/** The evergreen choice for a new post (off) or the post being edited (its mark). */
export function useEvergreenChoice(post: PostDetail | null): EvergreenChoice {
  const workspace = useWorkspace();
  const [picked, setPicked] = useState<boolean | null>(null);
  const current = post?.evergreen ?? false;
  const value = picked ?? current;
  return {
    value,
    set: setPicked,
    async save(postId) {
      if (picked !== null && picked !== current) await saveEvergreen(workspace.id, postId, picked);
    },
  };
}

/** "Evergreen" in the composer: queues that recycle may share the post again once it is published. */
export function EvergreenSwitch({ choice }: { choice: EvergreenChoice }) {
  const { t } = useTranslation();
  return (
    <Switch
      label={t('recurring.ever.composerSwitch')}
      description={t('recurring.evergreenHelp')}
      checked={choice.value}
      onChange={(e) => choice.set(e.currentTarget.checked)}
      data-testid="composer-evergreen"
    />
  );
}
