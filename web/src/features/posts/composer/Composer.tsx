import { useEffect, useMemo, useReducer, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  Image,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall, ApiError } from '../../../api/client.ts';
import type { ChannelIssues, Post } from '../types.ts';
import { validationIssueText } from '../../../shared/validation-issue-text.ts';
import { useSession, useWorkspace } from '../../../shared/session.tsx';
import { createPost, replacePost, usePost, uploadMedia } from '../api.ts';
import { useChannels, useNetworks } from '../../channels/api.ts';
import { countChars, detectLinks, formatApiCost, fromLocalInput } from '../../../shared/format.ts';
import { EDITABLE_STATES } from '../EditPostButton.tsx';
import { ExternalLink } from '../../../shared/ExternalLink.tsx';
import { PostPreview } from '../preview/PostPreview.tsx';
import { firstLink } from '../preview/crops.ts';
import { useLinkCard } from '../../links/useLinkCard.ts';
import { DateTimeField } from '../../../shared/DateFields.tsx';
import { previewAccount } from '../preview/PublicationPreviews.tsx';
import { isPast } from '../review/workflow.ts';
import { ChannelOptions, StrategyPickers, SuggestTimeButton } from './ComposerExtras.tsx';
import { draftBody, draftFromPost, draftReducer, emptyDraft, mediaUrl, textFor as draftText, type ComposerDraft } from './draft.ts';
import { workspaceKey } from '../../../shared/query-keys.ts';
import { ComposerSnippets } from '../../ideas/ComposerSnippets.tsx';
import { AddToQueue } from '../../queues/AddToQueue.tsx';
import { RepeatControl } from '../../recurring/RepeatControl.tsx';
import { useSeriesEdit } from '../../recurring/SeriesEditChoice.tsx';
import { EvergreenSwitch, useEvergreenChoice } from '../../recurring/EvergreenSwitch.tsx';
import { MediaLibraryButton } from '../../media/MediaPicker.tsx';
import { buildRule, NO_REPEAT, type RepeatChoice } from '../../recurring/repeat-rule.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { LinkShortener } from '../../links/LinkShortener.tsx';
import { ChannelCapabilities } from './ChannelCapabilities.tsx';
import { uploadResumable } from './resumable-upload.ts';

/** Files up to this size go in one request; larger ones and every video go through resumable uploads. */
const SINGLE_REQUEST_MAX_BYTES = 8 * 1024 * 1024;
const ACCEPTED_FILES = 'image/png,image/jpeg,image/gif,image/webp,video/mp4,video/quicktime';

type Action = 'draft' | 'submit' | 'schedule' | 'publish_now' | 'queue';

/** The composer page: a fresh form per post being edited (`?edit=<postId>`), or a new post. */
export default function ComposerPage() {
  const [searchParams] = useSearchParams();
  const editId = searchParams.get('edit');
  return <ComposerForm key={editId ?? 'new'} />;
}

/** The composer: one text, per-channel variants and options, live limits, media with alt text, thread mode, previews, strategy links, date in the brand's zone. */
function ComposerForm() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const networks = useNetworks();
  const [searchParams] = useSearchParams();
  const editId = searchParams.get('edit');
  const active = (channels.data ?? []).filter((c) => c.status !== 'disconnected');
  // The post being written: one draft object, changed only through draftReducer (draft.ts).
  const [draft, dispatch] = useReducer(draftReducer, searchParams.get('date'), emptyDraft);
  const { selected, content, variants, options, strategy, threadMode, thread, images, when, postTypes, firstComments } = draft;
  const [uploading, setUploading] = useState<{ name: string; sent: number; total: number } | null>(null);
  const set = (patch: Partial<ComposerDraft>) => dispatch({ type: 'set', patch });
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [issues, setIssues] = useState<ChannelIssues[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [repeat, setRepeat] = useState<RepeatChoice>(NO_REPEAT);

  // Edit mode: load the post and fill the form from its publications once.
  const existing = usePost(editId);
  useEffect(() => {
    const post = existing.data;
    if (!post || loadedId === post.id) return;
    setLoadedId(post.id);
    dispatch({ type: 'load', draft: draftFromPost(post, workspace.id, workspace.timeZone) });
  }, [existing.data, loadedId, workspace.id, workspace.timeZone]);
  const editing = editId !== null ? (existing.data ?? null) : null;
  // A post of a recurring series asks "only this one / this and the following ones" before saving.
  const seriesEdit = useSeriesEdit(editing);
  const evergreen = useEvergreenChoice(editing);
  const limitsByNetwork = useMemo(() => new Map((networks.data ?? []).map((n) => [n.name, n.limits])), [networks.data]);
  const networkByName = useMemo(() => new Map((networks.data ?? []).map((n) => [n.name, n])), [networks.data]);

  const body = useMemo(() => draftBody(draft), [draft]);
  const [debouncedBody] = useDebouncedValue(body, 400);
  // The first link's card (title, description), read by the server once typing pauses.
  const linkCard = useLinkCard(firstLink(draft.content)?.url);

  useEffect(() => {
    if (debouncedBody.channels.length === 0) {
      setIssues([]);
      return;
    }
    let cancelled = false;
    apiCall('post', '/api/v1/workspaces/{workspaceId}/posts/validate', { params: { workspaceId: workspace.id }, body: debouncedBody })
      .then((result) => !cancelled && setIssues(result.channels))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [debouncedBody, workspace.id]);

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    try {
      const resumable = file.type.startsWith('video/') || file.size > SINGLE_REQUEST_MAX_BYTES;
      if (resumable) setUploading({ name: file.name, sent: 0, total: file.size });
      const media = resumable
        ? await uploadResumable(workspace.id, file, (sent, total) => setUploading({ name: file.name, sent, total }))
        : await uploadMedia(workspace.id, file);
      dispatch({ type: 'addImage', image: { mediaId: media.id, url: mediaUrl(workspace.id, media.id), alt: '', kind: media.kind } });
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(null);
    }
  };

  const save = async (action: Action, queueId?: string) => {
    setError(null);
    const scheduledAt = fromLocalInput(when, workspace.timeZone);
    if (action === 'schedule' && !scheduledAt) {
      setError(t('composer.needDate'));
      return;
    }
    if (editing && seriesEdit.active && (action === 'draft' || action === 'submit' || action === 'schedule')) {
      const choice = await seriesEdit.ask(when);
      if (choice === null) return;
      if (choice === 'future') {
        setBusy(action);
        try {
          const next = await seriesEdit.applyToFuture({ ...body, ...strategy }, when);
          await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
          navigate(`/posts/${next.postId}`);
        } catch (caught) {
          if (caught instanceof ApiError && caught.status === 422 && Array.isArray(caught.details))
            setIssues(caught.details as ChannelIssues[]);
          else setError(caught);
        } finally {
          setBusy(null);
        }
        return;
      }
    }
    setBusy(action);
    try {
      let post: Post;
      const rule = editing ? null : buildRule(repeat, when);
      if (rule && action === 'schedule') {
        // A repeating post: the server creates each occurrence as its own post, at this time on the brand's clock.
        const series = await api<{ items: Array<{ postId: string }> }>('POST', `/workspaces/${workspace.id}/recurring`, {
          post: { ...body, ...strategy, action: 'schedule' },
          rule,
          startsLocal: when,
        });
        await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
        navigate(series.items[0] ? `/posts/${series.items[0].postId}` : '/calendar');
        return;
      }
      if (editing) {
        // Replace the content first (all or nothing), then move it through the workflow.
        post = await replacePost(workspace.id, editing.id, { ...body, ...strategy, scheduledAt });
        if (action === 'submit' && post.state === 'draft') await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/submit`, {});
        if (action === 'schedule') await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/schedule`, { scheduledAt });
        if (action === 'publish_now') await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/publish_now`, {});
      } else {
        // A queued post is saved as a draft first: the queue gives it its time (nothing is lost if that fails).
        post = await createPost(workspace.id, {
          ...body,
          ...strategy,
          scheduledAt: action === 'queue' ? null : scheduledAt,
          action: action === 'queue' ? 'draft' : action,
        });
      }
      if (action === 'queue' && queueId) await api('POST', `/workspaces/${workspace.id}/queues/${queueId}/posts`, { postId: post.id });
      await evergreen.save(post.id);
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
      navigate(`/posts/${post.id}`);
    } catch (caught) {
      // A 422 lists each channel's problems: shown once, in the problems box, not again as an error.
      if (caught instanceof ApiError && caught.status === 422 && Array.isArray(caught.details))
        setIssues(caught.details as ChannelIssues[]);
      else setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const textFor = (channelId: string) => draftText(draft, channelId);
  // "Empty" is said once, by the reasons under the buttons, not again per channel in the problems box.
  const shownIssues = issues.map((entry) => ({
    ...entry,
    issues: entry.issues.filter((issue) => !(issue.code === 'empty_post' && issue.field === 'text')),
  }));
  const issueCount = shownIssues.reduce((sum, entry) => sum + entry.issues.length, 0);
  const selectedChannels = active.filter((c) => selected.includes(c.id));
  // What the user's role and the workspace allow, and why something is not offered.
  const canWrite = can('post.write');
  const directPublish = can('post.publish') && !workspace.approvalRequired;
  const isEmpty =
    selected.every((id) => textFor(id).trim() === '') && images.length === 0 && !(threadMode && thread.some((part) => part.trim()));
  const scheduledAt = fromLocalInput(when, workspace.timeZone);
  const datePassed = isPast(scheduledAt);
  const role = t(`roles.${workspace.role}`);

  if (editId !== null && existing.isLoading) return <Text>{t('common.loading')}</Text>;
  if (editId !== null && !existing.data) return <ApiErrorAlert error={existing.error ?? t('post.notFound')} />;
  const locked = editing !== null && !EDITABLE_STATES.includes(editing.state);
  const submittable = editing === null || editing.state === 'draft' || editing.state === 'failed';
  const blocked = !selected.length || isEmpty || locked;
  const reasons = [
    !selected.length && t('review.reasons.noChannels'),
    selected.length > 0 && isEmpty && t('review.reasons.empty'),
    issueCount > 0 && t('review.reasons.issues'),
    directPublish && !scheduledAt && t('review.reasons.noDate'),
    // A past date is said once, beside the date field.
    !directPublish && workspace.approvalRequired && t('review.reasons.approvalRequired'),
    !directPublish && !workspace.approvalRequired && t('review.reasons.noPublish', { role }),
    !directPublish && !submittable && editing && t('review.reasons.notDraft', { state: t(`states.${editing.state}`) }),
  ].filter((reason): reason is string => Boolean(reason));

  return (
    <Stack>
      <Title order={2}>{editing ? t('planner.editTitle') : t('composer.title')}</Title>
      {editing && (
        <Alert color={locked ? 'red' : 'blue'} data-testid="composer-editing">
          {locked
            ? t('planner.cannotEdit', { state: t(`states.${editing.state}`) })
            : t('planner.editing', { state: t(`states.${editing.state}`) })}
        </Alert>
      )}
      <Checkbox.Group label={t('composer.channels')} value={selected} onChange={(value) => set({ selected: value })} required>
        <Group mt="xs">
          {active.map((channel) => (
            <Checkbox
              key={channel.id}
              value={channel.id}
              label={`${channel.name}${channel.simulated ? ` (${t('common.simulated')})` : ''}`}
            />
          ))}
        </Group>
      </Checkbox.Group>
      {active.length === 0 && <Alert color="yellow">{t('composer.noChannels')}</Alert>}
      {seriesEdit.modal}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack>
          <Tabs defaultValue="all" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="all">{t('composer.allChannels')}</Tabs.Tab>
              {selectedChannels.map((channel) => (
                <Tabs.Tab key={channel.id} value={channel.id}>
                  {channel.name}
                  {variants[channel.id] !== undefined ? ' ✎' : ''}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="all" pt="xs">
              <Textarea
                label={t('composer.text')}
                autosize
                minRows={5}
                value={content}
                onChange={(e) => set({ content: e.currentTarget.value })}
              />
              <ComposerSnippets text={content} onChange={(next) => set({ content: next })} />
            </Tabs.Panel>
            {selectedChannels.map((channel) => (
              <Tabs.Panel key={channel.id} value={channel.id} pt="xs">
                <Stack gap="xs">
                  <Switch
                    label={t('composer.customize', { name: channel.name })}
                    checked={variants[channel.id] !== undefined}
                    onChange={(e) => dispatch({ type: 'customize', channelId: channel.id, on: e.currentTarget.checked })}
                  />
                  <Textarea
                    label={t('composer.variantText', { name: channel.name })}
                    autosize
                    minRows={5}
                    disabled={variants[channel.id] === undefined}
                    value={textFor(channel.id)}
                    onChange={(e) => dispatch({ type: 'variant', channelId: channel.id, text: e.currentTarget.value })}
                  />
                  <ChannelOptions
                    name={channel.name}
                    limits={limitsByNetwork.get(channel.network) ?? channel.limits}
                    networkOptions={networkByName.get(channel.network)?.capabilities?.options.length ?? 0}
                    value={options[channel.id] ?? {}}
                    onChange={(next) => dispatch({ type: 'options', channelId: channel.id, options: next })}
                  />
                  <ChannelCapabilities
                    channelId={channel.id}
                    network={networkByName.get(channel.network)}
                    postType={postTypes[channel.id]}
                    firstComment={firstComments[channel.id] ?? ''}
                    options={options[channel.id] ?? {}}
                    settings={channel.settings}
                    onPostType={(postType) => dispatch({ type: 'postType', channelId: channel.id, postType })}
                    onFirstComment={(text) => dispatch({ type: 'firstComment', channelId: channel.id, text })}
                    onOptions={(next) => dispatch({ type: 'options', channelId: channel.id, options: next })}
                  />
                </Stack>
              </Tabs.Panel>
            ))}
          </Tabs>
          <Stack gap={4} aria-live="polite">
            {selectedChannels.map((channel) => {
              const used = countChars(textFor(channel.id));
              const limit = channel.limits?.maxChars ?? 0;
              return (
                <Text key={channel.id} size="sm" c={used > limit ? 'red.8' : 'dimmed'} data-testid={`count-${channel.name}`}>
                  {t('composer.charCount', { name: channel.name, used, limit })}
                </Text>
              );
            })}
          </Stack>
          {issues
            .filter((entry) => entry.apiCost && selectedChannels.some((c) => c.id === entry.channelId))
            .map((entry) => {
              const cost = entry.apiCost!;
              const channel = selectedChannels.find((c) => c.id === entry.channelId);
              const name = channel?.name ?? entry.network;
              const network = channel?.networkLabel[i18n.language === 'es' ? 'es' : 'en'] ?? entry.network;
              return (
                <Text key={entry.channelId} size="sm" data-testid={`api-cost-${name}`}>
                  {t('composer.apiCost', {
                    name,
                    network,
                    cost: formatApiCost(cost.total, cost.currency, i18n.language),
                  })}{' '}
                  <Text span size="xs" c="dimmed">
                    {cost.postsWithLinks > 0 ? `${t('composer.apiCostLinks', { count: cost.postsWithLinks, network })} ` : ''}
                    {t('composer.apiCostPrices', { date: cost.pricesAsOf, network })}
                  </Text>
                </Text>
              );
            })}
          {detectLinks(content).length > 0 && (
            <Text size="sm">
              {t('composer.linksDetected', { count: detectLinks(content).length })}:{' '}
              {detectLinks(content).map((link) => (
                <ExternalLink key={link} href={link} mr="xs" fallback={link}>
                  {link}
                </ExternalLink>
              ))}
            </Text>
          )}
          <LinkShortener
            text={content}
            channels={selectedChannels}
            campaignId={strategy.campaignId}
            postId={editing?.id}
            onShortened={(long, short) => set({ content: content.split(long).join(short) })}
            onShortenedAll={(pairs) => set({ content: pairs.reduce((text, [long, short]) => text.split(long).join(short), content) })}
          />
          <Switch label={t('composer.threadMode')} checked={threadMode} onChange={(e) => set({ threadMode: e.currentTarget.checked })} />
          {threadMode && (
            <Stack gap="xs">
              {thread.map((part, index) => (
                <Group key={index} align="flex-end" wrap="nowrap">
                  <Textarea
                    style={{ flex: 1 }}
                    label={t('composer.threadPart', { n: index + 2 })}
                    autosize
                    value={part}
                    onChange={(e) => dispatch({ type: 'threadPart', index, text: e.currentTarget.value })}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('composer.removePart', { n: index + 2 })}
                    onClick={() => dispatch({ type: 'removeThreadPart', index })}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              ))}
              <Button variant="default" size="xs" onClick={() => dispatch({ type: 'addThreadPart' })}>
                {t('composer.addPart')}
              </Button>
            </Stack>
          )}
          <Group>
            <FileButton onChange={(file) => void upload(file)} accept={ACCEPTED_FILES}>
              {(props) => (
                <Button variant="default" loading={uploading !== null} data-testid="composer-add-media" {...props}>
                  {t('composerMedia.addMedia')}
                </Button>
              )}
            </FileButton>
            <MediaLibraryButton
              networks={selectedChannels.map((c) => ({ name: c.name, network: c.network }))}
              attached={images.map((image) => image.mediaId)}
              onPick={(image) => dispatch({ type: 'addImage', image: { ...image, url: mediaUrl(workspace.id, image.mediaId) } })}
            />
          </Group>
          {uploading && (
            <Stack gap={2} data-testid="composer-upload-progress">
              <Text size="sm">
                {t('composerMedia.uploading', {
                  name: uploading.name,
                  percent: uploading.total ? Math.floor((uploading.sent / uploading.total) * 100) : 0,
                })}
              </Text>
              <Progress value={uploading.total ? (uploading.sent / uploading.total) * 100 : 0} animated />
            </Stack>
          )}
          {images.length > 1 && (
            <Text size="xs" c="dimmed">
              {t('composerMedia.carouselHint')}
            </Text>
          )}
          {images.map((image, index) => (
            <Group key={image.mediaId} wrap="nowrap" align="flex-end" data-testid="composer-media-item">
              {image.kind === 'video' ? (
                <Stack gap={0} align="center">
                  <video src={image.url} width={64} height={48} muted preload="metadata" aria-label={t('composerMedia.video')} />
                  <Text size="xs" c="dimmed">
                    ▶ {t('composerMedia.video')}
                  </Text>
                </Stack>
              ) : (
                <Image src={image.url} alt={image.alt} w={64} h={64} fit="cover" radius="sm" />
              )}
              <Stack gap={0}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t('composerMedia.moveUp')}
                  disabled={index === 0}
                  onClick={() => dispatch({ type: 'moveImage', index, by: -1 })}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t('composerMedia.moveDown')}
                  disabled={index === images.length - 1}
                  onClick={() => dispatch({ type: 'moveImage', index, by: 1 })}
                >
                  ↓
                </ActionIcon>
              </Stack>
              <TextInput
                style={{ flex: 1 }}
                label={t(image.kind === 'video' ? 'composer.altTextVideo' : 'composer.altText')}
                value={image.alt}
                onChange={(e) => dispatch({ type: 'imageAlt', index, alt: e.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('composer.removeImage')}
                onClick={() => dispatch({ type: 'removeImage', index })}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
          <DateTimeField
            label={t('composer.when', { zone: workspace.timeZone })}
            description={t('review.whenHelp')}
            value={when}
            onChange={(next) => set({ when: next })}
            zone={workspace.timeZone}
            data-testid="composer-when"
          />
          {datePassed && (
            <Alert color="orange" p="xs" title={t('review.pastDate')} data-testid="composer-past-date">
              {t('review.pastDateHelp')}
            </Alert>
          )}
          {!editing && directPublish && <RepeatControl value={repeat} onChange={setRepeat} startsLocal={when} />}
          {repeat.kind === 'none' && canWrite && <EvergreenSwitch choice={evergreen} />}
          <SuggestTimeButton
            workspaceId={workspace.id}
            zone={workspace.timeZone}
            channelId={selected[0] ?? null}
            onSuggest={(next) => set({ when: next })}
          />
          <StrategyPickers value={strategy} onChange={(next) => set({ strategy: next })} />
          {issueCount > 0 && (
            <Alert color="red" title={t('composer.issuesTitle')} data-testid="composer-issues">
              <Stack gap={2}>
                {shownIssues.flatMap((entry) =>
                  entry.issues.map((issue, index) => (
                    <Text key={`${entry.channelId}-${index}`} size="sm">
                      <strong>{active.find((c) => c.id === entry.channelId)?.name ?? entry.network}</strong>: {validationIssueText(issue)}
                    </Text>
                  )),
                )}
              </Stack>
            </Alert>
          )}
          <ApiErrorAlert error={error} role="alert" />
          {canWrite ? (
            <Group>
              <Button variant="default" loading={busy === 'draft'} disabled={blocked} onClick={() => void save('draft')}>
                {editing ? t('planner.saveChanges') : t('composer.saveDraft')}
              </Button>
              {!directPublish && submittable && (
                <Button loading={busy === 'submit'} disabled={blocked || issueCount > 0} onClick={() => void save('submit')}>
                  {t('review.submitForReview')}
                </Button>
              )}
              {directPublish && (
                <Button
                  loading={busy === 'schedule'}
                  disabled={blocked || issueCount > 0 || !scheduledAt || datePassed}
                  onClick={() => void save('schedule')}
                  data-testid="composer-schedule"
                >
                  {repeat.kind !== 'none' ? t('recurring.create') : t('composer.schedule')}
                </Button>
              )}
              {directPublish && (
                <AddToQueue
                  disabled={blocked || issueCount > 0}
                  loading={busy === 'queue'}
                  onAdd={(queueId) => void save('queue', queueId)}
                />
              )}
              {directPublish && (
                <Button
                  variant="light"
                  color="green"
                  loading={busy === 'publish_now'}
                  disabled={blocked || issueCount > 0}
                  onClick={() => void save('publish_now')}
                >
                  {t('composer.publishNow')}
                </Button>
              )}
            </Group>
          ) : (
            <Alert color="gray" data-testid="composer-no-write">
              {t('review.reasons.noWrite', { role })}
            </Alert>
          )}
          {canWrite && reasons.length > 0 && (
            <List size="sm" c="dimmed" role="status" data-testid="composer-reasons">
              {reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          )}
        </Stack>
        <Stack>
          <Title order={3} size="h4">
            {t('composer.previews')}
          </Title>
          {selectedChannels.length === 0 && <Text c="dimmed">{t('composer.pickChannels')}</Text>}
          {selectedChannels.map((channel) => (
            <PostPreview
              key={channel.id}
              network={channel.network}
              account={previewAccount(channel, channel.name)}
              text={textFor(channel.id)}
              thread={threadMode ? thread : []}
              images={images.filter((image) => image.kind !== 'video')}
              link={typeof options[channel.id]?.network?.link === 'string' ? (options[channel.id]?.network?.link as string) : undefined}
              label={t('composer.previewFor', { name: channel.name })}
              card={linkCard.data}
            />
          ))}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
