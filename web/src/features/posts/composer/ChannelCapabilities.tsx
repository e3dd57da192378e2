/**
 * The parts of a channel's tab that depend on what its network can publish (its capabilities):
 * the post type, limited to the types it declares; the first comment box where it takes one;
 * its own options as controls labelled in the UI language; and, for networks that fetch media by
 * URL, a clear note when PUBLIC_URL does not let them reach this install.
 *
 * A channel may narrow its network's options to what its account allows (read when it was
 * connected, e.g. a TikTok creator's privacy levels): `settings.optionChoices` lists the values of a
 * select it may use, `settings.lockedOptions` the options the account has fixed (shown, not editable).
 * A text option whose values live in the account (`choicesFromAccount`: WordPress categories and
 * tags) is a picker of the account's own values, read when it is opened; new ones may be typed.
 */
import { useState } from 'react';
import { Alert, Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../../api/client.ts';
import type { ApiItem } from '../../../api/types.ts';
import { apiErrorText } from '../../../shared/api-error-text.ts';
import { useWorkspace } from '../../../shared/session.tsx';
import type { PublicationOptions } from '../types.ts';
import type { PostType } from './draft.ts';
import { FirstCommentField } from '../first-comment/FirstCommentField.tsx';

/** A network as GET /networks describes it. */
export type NetworkInfo = ApiItem<'/api/v1/networks', 'get'>;
type Capabilities = NonNullable<NetworkInfo['capabilities']>;
type NetworkOptionValues = NonNullable<PublicationOptions['network']>;

/** "News, Shop" ⇄ ['News', 'Shop']: the option keeps its comma-separated text, the picker shows names. */
const splitNames = (value: string) =>
  value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

/** A text option's values picked from the account's own (WordPress: the site's categories), or typed. */
function AccountChoicesInput({
  channelId,
  option,
  label,
  network,
  value,
  onChange,
}: {
  channelId: string;
  option: string;
  label: string;
  /** The network's name in the UI language. */
  network: string;
  value: string;
  onChange(next: string): void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [opened, setOpened] = useState(false);
  const choices = useQuery({
    queryKey: ['option-choices', workspace.id, channelId, option],
    enabled: opened,
    staleTime: 60_000,
    retry: false,
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/channels/{channelId}/options/{option}/choices', {
        params: { workspaceId: workspace.id, channelId, option },
      }),
  });
  const names = splitNames(value);
  return (
    <TagsInput
      label={label}
      description={
        choices.error
          ? apiErrorText(choices.error)
          : choices.isFetching
            ? t('composerMedia.accountChoicesLoading')
            : t('composerMedia.accountChoicesHelp', { network })
      }
      data-testid={`option-${channelId}-${option}`}
      data={[...new Set([...(choices.data?.items.map((choice) => choice.value) ?? []), ...names])]}
      value={names}
      onDropdownOpen={() => setOpened(true)}
      onFocus={() => setOpened(true)}
      onChange={(next) => onChange(next.join(', '))}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The post types the composer offers for a network (text and image for networks that declare none). */
export function offeredPostTypes(network: NetworkInfo | undefined): PostType[] {
  return network?.capabilities?.postTypes ?? ['text', 'image'];
}

export function ChannelCapabilities({
  channelId,
  network,
  postType,
  firstComment,
  options,
  settings,
  onPostType,
  onFirstComment,
  onOptions,
}: {
  channelId: string;
  /** The channel's non-secret settings (its `optionChoices` and `lockedOptions`). */
  settings?: Record<string, unknown>;
  network: NetworkInfo | undefined;
  postType: PostType | undefined;
  firstComment: string;
  options: PublicationOptions;
  onPostType(next: PostType | null): void;
  onFirstComment(next: string): void;
  onOptions(next: PublicationOptions): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const caps: Capabilities | null = network?.capabilities ?? null;
  const types = offeredPostTypes(network);
  const values: NetworkOptionValues = options.network ?? {};
  const setOption = (name: string, value: string | boolean | null) => {
    const next = { ...values };
    if (value === null || value === '') delete next[name];
    else next[name] = value;
    onOptions({ ...options, network: next });
  };
  const choices = (settings?.optionChoices ?? {}) as Record<string, string[] | undefined>;
  const locked = (settings?.lockedOptions ?? {}) as Record<string, string | boolean | undefined>;
  const visibleOptions = (caps?.options ?? [])
    .filter((option) => !option.postTypes || !postType || option.postTypes.includes(postType))
    .map((option) => {
      const allowed = choices[option.name];
      return option.kind === 'select' && Array.isArray(allowed)
        ? { ...option, values: (option.values ?? []).filter((v) => allowed.includes(v)) }
        : option;
    });
  return (
    <Stack gap="xs" data-testid={`capabilities-${channelId}`}>
      {network?.mediaByUrlProblem && (
        <Alert color="orange" p="xs" data-testid="media-by-url-problem">
          {t(`composerMedia.mediaByUrl.${network.mediaByUrlProblem.code}`, { network: network.label[lang] })}
        </Alert>
      )}
      <Select
        label={t('composerMedia.postType')}
        description={t('composerMedia.postTypeHelp')}
        placeholder={t('composerMedia.postTypeAuto')}
        clearable
        data={types.map((type) => ({ value: type, label: t(`composerMedia.postTypes.${type}`) }))}
        value={postType ?? null}
        onChange={(value) => onPostType((value as PostType | null) ?? null)}
        data-testid={`post-type-${channelId}`}
      />
      <FirstCommentField channelId={channelId} network={network} value={firstComment} onChange={onFirstComment} />
      {visibleOptions.map((option) => {
        const label = option.label[lang];
        const fixed = locked[option.name];
        const lockedNote = fixed !== undefined ? t('composerMedia.lockedByAccount') : undefined;
        if (option.kind === 'boolean')
          return (
            <Switch
              key={option.name}
              label={label}
              description={lockedNote}
              disabled={fixed !== undefined}
              data-testid={`option-${channelId}-${option.name}`}
              checked={
                typeof fixed === 'boolean'
                  ? fixed
                  : typeof values[option.name] === 'boolean'
                    ? (values[option.name] as boolean)
                    : option.default === true
              }
              onChange={(e) => setOption(option.name, e.currentTarget.checked)}
            />
          );
        if (option.kind === 'select')
          return (
            <Select
              key={option.name}
              label={label}
              description={lockedNote}
              disabled={fixed !== undefined}
              data-testid={`option-${channelId}-${option.name}`}
              clearable
              placeholder={
                option.valueLabels?.[String(option.default ?? option.values?.[0])]?.[lang] ??
                String(option.default ?? option.values?.[0] ?? '')
              }
              data={(option.values ?? []).map((value) => ({ value, label: option.valueLabels?.[value]?.[lang] ?? value }))}
              value={typeof fixed === 'string' ? fixed : typeof values[option.name] === 'string' ? (values[option.name] as string) : null}
              onChange={(value) => setOption(option.name, value)}
            />
          );
        if (option.choicesFromAccount)
          return (
            <AccountChoicesInput
              key={option.name}
              channelId={channelId}
              option={option.name}
              label={label}
              network={network?.label[lang] ?? ''}
              value={typeof values[option.name] === 'string' ? (values[option.name] as string) : ''}
              onChange={(next) => setOption(option.name, next)}
            />
          );
        return (
          <TextInput
            key={option.name}
            label={label}
            value={typeof values[option.name] === 'string' ? (values[option.name] as string) : ''}
            onChange={(e) => setOption(option.name, e.currentTarget.value)}
          />
        );
      })}
    </Stack>
  );
}
