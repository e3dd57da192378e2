import { type ReactNode, useRef, useState } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { toLocalInput } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import type { PostDetail } from '../posts/types.ts';
import { editSeries, type SeriesEdit, useSeries } from './api.ts';
import { describeRule } from './describe-rule.ts';

export type SeriesChoice = 'one' | 'future';

/** What the composer needs to edit a post of a series: whether to ask, the question, and "all future". */
export interface SeriesEditor {
  /** The post is an occurrence still attached to its series: ask before saving. */
  active: boolean;
  /** Opens the question; resolves with the choice, or null when cancelled. */
  ask(when: string): Promise<SeriesChoice | null>;
  /** Applies the composer's content to every future occurrence; answers the post to show next. */
  applyToFuture(post: Omit<SeriesEdit['post'] & object, 'action'>, when: string): Promise<{ postId: string; created: number }>;
  modal: ReactNode;
}

/**
 * "Only this one / This and all the following ones" for a post of a recurring series, as a calendar
 * app asks. Only this one: the composer's usual save (the server detaches the post). All future:
 * PATCH recurring/{ruleId} with the new content (and the new time of day, when it moved).
 */
export function useSeriesEdit(post: PostDetail | null): SeriesEditor {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const ruleId = post && post.recurringRuleId && !post.occurrenceDetached ? post.recurringRuleId : null;
  const series = useSeries(ruleId);
  const [question, setQuestion] = useState<{ when: string } | null>(null);
  const [choice, setChoice] = useState<SeriesChoice>('one');
  const resolver = useRef<((choice: SeriesChoice | null) => void) | null>(null);
  const original = post?.scheduledAt ? toLocalInput(post.scheduledAt, workspace.timeZone) : '';
  const active = Boolean(ruleId && series.data && !series.data.stoppedAt);

  const answer = (value: SeriesChoice | null) => {
    resolver.current?.(value);
    resolver.current = null;
    setQuestion(null);
  };
  const dayChanged = (when: string) => Boolean(original && when && when.slice(0, 10) !== original.slice(0, 10));
  const timeChanged = (when: string) => Boolean(original && when && when.slice(11) !== original.slice(11));

  const modal = question && series.data && (
    <Modal opened onClose={() => answer(null)} title={t('recurring.editChoice.title')} data-testid="series-edit-choice">
      <Stack>
        <Text size="sm">
          {t('recurring.editChoice.intro', {
            rule: describeRule(series.data.rule, series.data.startsLocal, t, i18n.language) ?? series.data.rule,
          })}
        </Text>
        <Radio.Group value={choice} onChange={(value) => setChoice(value as SeriesChoice)}>
          <Stack gap="sm">
            <Radio value="one" label={t('recurring.editChoice.one')} description={t('recurring.editChoice.oneHelp')} />
            <Radio
              value="future"
              disabled={dayChanged(question.when)}
              label={t('recurring.editChoice.future')}
              description={`${t('recurring.editChoice.futureHelp')}${
                timeChanged(question.when) && !dayChanged(question.when)
                  ? ` ${t('recurring.editChoice.futureTime', { time: question.when.slice(11) })}`
                  : ''
              }`}
            />
          </Stack>
        </Radio.Group>
        {dayChanged(question.when) && (
          <Alert color="orange" variant="light" p="xs">
            {t('recurring.editChoice.dayChanged')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(null)}>
            {t('recurring.editChoice.cancel')}
          </Button>
          <Button onClick={() => answer(dayChanged(question.when) ? 'one' : choice)} data-testid="series-edit-apply">
            {t('recurring.editChoice.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  return {
    active,
    modal,
    ask(when) {
      setChoice('one');
      setQuestion({ when });
      return new Promise((resolve) => {
        resolver.current = resolve;
      });
    },
    async applyToFuture(body, when) {
      const data = series.data;
      if (!data || !ruleId || !post) throw new Error('not a series');
      const moved = timeChanged(when) && !dayChanged(when);
      const startsLocal = moved ? `${data.startsLocal.slice(0, 10)}T${when.slice(11)}` : undefined;
      const action = (['draft', 'submit', 'schedule'].includes(data.action) ? data.action : 'schedule') as 'draft' | 'submit' | 'schedule';
      const result = await editSeries(workspace.id, ruleId, { post: { ...body, action }, ...(startsLocal ? { startsLocal } : {}) });
      // The edited occurrence was made again: show the new post of the same local time, else the next one.
      const local = data.items.find((item) => item.postId === post.id)?.local;
      const key = local && moved ? `${local.slice(0, 10)}T${when.slice(11)}` : local;
      const now = Date.now();
      const next =
        result.items.find((item) => item.local === key) ??
        result.items.find((item) => item.scheduledAt && Date.parse(item.scheduledAt) > now) ??
        result.items[result.items.length - 1];
      return { postId: next?.postId ?? post.id, created: result.created };
    },
  };
}
