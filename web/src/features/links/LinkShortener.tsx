import { useEffect, useMemo, useState } from 'react';
import { Alert, Autocomplete, Button, Code, Collapse, CopyButton, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { detectLinks } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { PublicUrlWarning } from '../../shared/PublicUrlWarning.tsx';
import { useCampaigns } from '../analytics/shared.tsx';
import { linkKeys } from './api.ts';

/** The channels a post goes to, as far as the link tool needs them. */
interface ChannelRef {
  id: string;
  name: string;
  network: string;
}

export interface LinkShortenerProps {
  /** The post's main text: its links are offered for shortening. */
  text: string;
  /** The channels the post goes to (utm_source defaults to their network). */
  channels: ChannelRef[];
  /** The post's campaign (utm_campaign defaults to its tag, as typed). */
  campaignId: string | null;
  /** The post, once saved (utm_content = its id, so a click is credited to it). */
  postId?: string | null;
  /** Called with the long link and its short link, to put the short one in the text. */
  onShortened(longUrl: string, shortUrl: string): void;
  /** Called once with every long link and its short link ("shorten all"), to swap them all in one change. */
  onShortenedAll?(pairs: Array<[longUrl: string, shortUrl: string]>): void;
}

/**
 * The composer's link tool: shortens a link of the post through the links module and tags it with
 * UTM (source = network, medium = social, campaign = the post's campaign as typed; all editable),
 * then swaps it into the text. Self-contained: the composer mounts it with one line.
 */
export function LinkShortener({ text, channels, campaignId, postId, onShortened, onShortenedAll }: LinkShortenerProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const campaigns = useCampaigns();
  const [opened, setOpened] = useState(false);
  // Where short links will point: warn before shortening when PUBLIC_URL is unset (localhost links).
  const settings = useQuery({
    queryKey: linkKeys.settings(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/link-settings', { params: { workspaceId: workspace.id } }),
    enabled: opened,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const linksInText = useMemo(() => [...new Set(detectLinks(text))], [text]);
  const networks = useMemo(() => [...new Set(channels.map((c) => c.network))], [channels]);
  const campaignTag = campaigns.data?.find((c) => c.id === campaignId)?.slug ?? '';

  const [url, setUrl] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const [medium, setMedium] = useState('social');
  const [campaign, setCampaign] = useState<string | null>(null);
  const [done, setDone] = useState<{ long: string; short: string; inText: boolean } | null>(null);
  // Defaults follow the post until the person types their own value (null = not typed).
  const sourceValue = source ?? (networks.length === 1 ? networks[0] : 'social');
  const campaignValue = campaign ?? campaignTag;
  useEffect(() => {
    if (!url && linksInText.length > 0) setUrl(linksInText[0]);
  }, [linksInText, url]);

  const shorten = (longUrl: string) => {
    // A click is credited to the channel whose network is the source, when the post has one.
    const channel = channels.find((c) => c.network === sourceValue) ?? (channels.length === 1 ? channels[0] : undefined);
    return apiCall('post', '/api/v1/workspaces/{workspaceId}/links', {
      params: { workspaceId: workspace.id },
      body: {
        url: longUrl,
        postId: postId ?? null,
        channelId: channel?.id ?? null,
        campaignId,
        utmSource: sourceValue.trim() || undefined,
        utmMedium: medium.trim() || undefined,
        utmCampaign: campaignValue.trim() || undefined,
      },
    });
  };
  // Links of the text that are not Plaza short links yet, longest first (so one never cuts into another).
  const shortBase = settings.data?.shortLinkBase;
  const longLinks = shortBase ? linksInText.filter((l) => !l.startsWith(shortBase)).sort((a, b) => b.length - a.length) : [];
  const [doneAll, setDoneAll] = useState<number | null>(null);
  const shortenAll = useMutation({
    mutationFn: async () => {
      const pairs: Array<[string, string]> = [];
      for (const long of longLinks) pairs.push([long, (await shorten(long)).shortUrl]);
      return pairs;
    },
    onSuccess: async (pairs) => {
      onShortenedAll?.(pairs);
      setDoneAll(pairs.length);
      setDone(null);
      await queryClient.invalidateQueries({ queryKey: linkKeys.all(workspace.id) });
    },
  });
  const create = useMutation({
    mutationFn: () => shorten(url.trim()),
    onSuccess: async (link) => {
      const long = url.trim();
      const inText = text.includes(long);
      if (inText) onShortened(long, link.shortUrl);
      setDone({ long, short: link.shortUrl, inText });
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: linkKeys.all(workspace.id) });
    },
  });

  if (!can('post.write')) return null;
  const submit = () => create.mutate();
  return (
    <Stack gap={6} data-testid="link-shortener">
      <Group gap="xs">
        <Button
          size="xs"
          variant={opened ? 'light' : 'default'}
          onClick={() => setOpened((open) => !open)}
          aria-expanded={opened}
          aria-controls="link-shortener-panel"
        >
          🔗 {t('team.links.open')}
        </Button>
      </Group>
      <Collapse in={opened}>
        <Paper withBorder p="sm" radius="md" id="link-shortener-panel">
          {/* Not a <form>: the composer may sit inside one, and forms cannot nest. */}
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('team.links.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('team.links.help')}
            </Text>
            <Autocomplete
              label={linksInText.length > 0 ? t('team.links.pickUrl') : t('team.links.url')}
              placeholder="https://"
              data={linksInText}
              value={url}
              onChange={setUrl}
              description={linksInText.length === 0 ? t('team.links.noLinks') : undefined}
              data-testid="link-shortener-url"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <Autocomplete
                label={t('team.links.source')}
                description={t('team.links.sourceHelp')}
                data={[...networks, 'social'].filter((v, i, all) => all.indexOf(v) === i)}
                value={sourceValue}
                onChange={setSource}
                data-testid="link-shortener-source"
              />
              <TextInput label={t('team.links.medium')} value={medium} onChange={(e) => setMedium(e.currentTarget.value)} />
              <TextInput
                label={t('team.links.campaign')}
                description={t('team.links.campaignHelp')}
                value={campaignValue}
                onChange={(e) => setCampaign(e.currentTarget.value)}
                data-testid="link-shortener-campaign"
              />
            </SimpleGrid>
            {networks.length > 1 && source === null && (
              <Text size="xs" c="dimmed">
                {t('team.links.mixedNetworks')}
              </Text>
            )}
            <Group>
              <Button size="xs" onClick={submit} loading={create.isPending} disabled={!/^https?:\/\/\S+/.test(url.trim())}>
                {text.includes(url.trim()) && url.trim() ? t('team.links.shorten') : t('team.links.shortenOnly')}
              </Button>
              {onShortenedAll && longLinks.length > 1 && (
                <Button size="xs" variant="light" onClick={() => shortenAll.mutate()} loading={shortenAll.isPending}>
                  {t('linkTools.shortenAll', { count: longLinks.length })}
                </Button>
              )}
            </Group>
            {create.isError && <ApiErrorAlert error={create.error} />}
            {shortenAll.isError && <ApiErrorAlert error={shortenAll.error} />}
            {doneAll !== null && (
              <Alert color="green" role="status" data-testid="link-shortener-done-all" p="xs">
                {t('linkTools.shortenedAll', { count: doneAll })}
              </Alert>
            )}
            {done && (
              <Alert color="green" role="status" data-testid="link-shortener-done" p="xs">
                {done.inText ? (
                  <Text size="sm">{t('team.links.done', { long: done.long, short: done.short })}</Text>
                ) : (
                  <Group gap="xs">
                    <Text size="sm">{t('team.links.created')}</Text>
                    <Code>{done.short}</Code>
                    <CopyButton value={done.short}>
                      {({ copied, copy }) => (
                        <Button size="compact-xs" variant="subtle" onClick={copy}>
                          {copied ? t('common.copied') : t('common.copy')}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                )}
              </Alert>
            )}
            <PublicUrlWarning warning={create.data?.urlWarning ?? settings.data?.urlWarning} />
          </Stack>
        </Paper>
      </Collapse>
    </Stack>
  );
}
