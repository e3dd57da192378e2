import { useState } from 'react';
import { Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format.ts';
import { type HashtagSuggestions, useHashtagSuggestions, useSnippets } from './api.ts';

/** Appends `piece` to `text` on a new line for a snippet, after a space for hashtags. */
export function appendPiece(text: string, piece: string, kind: 'text' | 'hashtags'): string {
  if (!text.trim()) return piece;
  if (kind === 'hashtags') return `${text.replace(/\s+$/u, '')} ${piece}`;
  return `${text.replace(/\s+$/u, '')}\n\n${piece}`;
}

/** The evidence behind each suggested hashtag: own posts' engagement rate, listening trend growth. */
function Suggestions({ data, present, onAdd }: { data: HashtagSuggestions; present: string; onAdd: (tag: string) => void }) {
  const { t, i18n } = useTranslation();
  const n = (value: number | null, digits = 2) => formatNumber(value, i18n.language, digits);
  const has = (tag: string) => present.toLowerCase().includes(tag.toLowerCase());
  const own = data.ownPosts;
  const trends = data.trends;
  return (
    <Paper withBorder p="sm" data-testid="hashtag-suggestions">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('ideas.composer.suggestTitle')}
        </Text>
        <Text size="sm" fw={600}>
          {t('ideas.composer.ownPosts')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('ideas.composer.ownPostsHelp', { days: data.days, baseline: n(own.baselineRate) })}
        </Text>
        {own.items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('ideas.composer.noOwn', { count: own.measuredPosts, min: own.minPosts })}
          </Text>
        )}
        {own.items.map((item) => (
          <Group key={item.key} gap="xs" wrap="nowrap" data-testid="suggestion-own">
            <Button
              size="compact-xs"
              variant="light"
              disabled={has(item.tag)}
              onClick={() => onAdd(item.tag)}
              aria-label={t('ideas.composer.addTag', { tag: item.tag })}
            >
              {item.tag}
            </Button>
            <Text size="xs" c="dimmed">
              {t('ideas.composer.ownEvidence', { rate: n(item.engagementRate), count: item.posts, lift: n(item.lift, 1) })}
            </Text>
          </Group>
        ))}
        <Text size="sm" fw={600} mt={4}>
          {t('ideas.composer.trends')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('ideas.composer.trendsHelp', { hours: trends.windowHours, days: trends.historyWindows })}
        </Text>
        {trends.items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('ideas.composer.noTrends', { count: trends.mentionsRead })}
          </Text>
        )}
        {trends.items.map((item) => (
          <Group key={item.key} gap="xs" wrap="nowrap" data-testid="suggestion-trend">
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              disabled={has(item.tag)}
              onClick={() => onAdd(item.tag)}
              aria-label={t('ideas.composer.addTag', { tag: item.tag })}
            >
              {item.tag}
            </Button>
            <Text size="xs" c="dimmed">
              {t('ideas.composer.trendEvidence', {
                growth: formatNumber(item.growth, i18n.language, 0),
                recent: item.recent,
                before: n(item.before, 1),
              })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** The composer's snippet menu (text snippets and hashtag sets) and hashtag suggestions with evidence. */
export function ComposerSnippets({ text, onChange }: { text: string; onChange: (next: string) => void }) {
  const { t } = useTranslation();
  const snippets = useSnippets();
  const [suggesting, setSuggesting] = useState(false);
  const suggestions = useHashtagSuggestions(suggesting);
  const texts = (snippets.data ?? []).filter((s) => s.kind === 'text');
  const sets = (snippets.data ?? []).filter((s) => s.kind === 'hashtags');
  return (
    <Stack gap="xs" data-testid="composer-snippets">
      <Group gap="xs">
        <Menu position="bottom-start" width={320} shadow="md">
          <Menu.Target>
            <Button size="xs" variant="default">
              {t('ideas.composer.insert')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {texts.length + sets.length === 0 && <Menu.Label>{t('ideas.composer.noSnippets')}</Menu.Label>}
            {texts.length > 0 && <Menu.Label>{t('ideas.composer.textSnippets')}</Menu.Label>}
            {texts.map((s) => (
              <Menu.Item key={s.id} onClick={() => onChange(appendPiece(text, s.body, 'text'))}>
                <Text size="sm">{s.name}</Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {s.body}
                </Text>
              </Menu.Item>
            ))}
            {sets.length > 0 && <Menu.Label>{t('ideas.composer.hashtagSets')}</Menu.Label>}
            {sets.map((s) => (
              <Menu.Item key={s.id} onClick={() => onChange(appendPiece(text, s.body, 'hashtags'))}>
                <Text size="sm">{s.name}</Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {s.body}
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button
          size="xs"
          variant={suggesting ? 'filled' : 'light'}
          color="grape"
          onClick={() => setSuggesting((on) => !on)}
          aria-expanded={suggesting}
          loading={suggesting && suggestions.isLoading}
        >
          {t('ideas.composer.suggest')}
        </Button>
      </Group>
      {suggesting && suggestions.data && (
        <Suggestions data={suggestions.data} present={text} onAdd={(tag) => onChange(appendPiece(text, tag, 'hashtags'))} />
      )}
    </Stack>
  );
}
