/**
 * The parts of a channel's tab that depend on what its network can publish (its capabilities):
 * the post type, limited to the types it declares; the first comment box where it takes one;
 * its own options as controls labelled in the UI language; and, for networks that fetch media by
 * URL, a clear note when PUBLIC_URL does not let them reach this install.
 *
 * A channel may narrow its network's options to what its account allows (read when it was
 * connected, e.g. a TikTok creator's privacy levels): `settings.optionChoices` lists the values of a
 * select it may use, `settings.lockedOptions` the options the account has fixed (shown, not editable).
 */
import { Alert, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiItem } from '../../../api/types.ts';
import type { PublicationOptions } from '../types.ts';
import type { PostType } from './draft.ts';
import { FirstCommentField } from '../first-comment/FirstCommentField.tsx';

/** A network as GET /networks describes it. */
export type NetworkInfo = ApiItem<'/api/v1/networks', 'get'>;
type Capabilities = NonNullable<NetworkInfo['capabilities']>;
type NetworkOptionValues = NonNullable<PublicationOptions['network']>;

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
