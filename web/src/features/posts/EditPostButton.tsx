import { Link } from 'react-router-dom';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostState } from './types.ts';
import { useCan } from '../../shared/session.tsx';

/** States in which the server accepts PUT posts/:postId (see the posts service). */
export const EDITABLE_STATES: readonly PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'failed'];

/** The composer URL that edits an existing post. */
export function editPostPath(postId: string): string {
  return `/compose?edit=${encodeURIComponent(postId)}`;
}

/** "Edit" link into the composer, shown only when the post can still be edited by this user. */
export function EditPostButton({ postId, state }: { postId: string; state: PostState }) {
  const { t } = useTranslation();
  const canWrite = useCan('post.write');
  if (!EDITABLE_STATES.includes(state) || !canWrite) return null;
  return (
    <Button component={Link} to={editPostPath(postId)} variant="default">
      {t('planner.edit')}
    </Button>
  );
}
