import { useState } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Image,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { api, apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useChannels } from '../channels/api.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { ExternalLink } from '../../shared/ExternalLink.tsx';
import { useCampaigns, useNumber, useObjectives, useReason } from '../analytics/shared.tsx';
import type { RoiRow, TrackedLink } from '../analytics/types.ts';
import { PublicUrlWarning } from '../../shared/PublicUrlWarning.tsx';
import { linkKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { currencySymbol, useMoney } from '../workspaces/money.ts';
import { DayField } from '../../shared/DateFields.tsx';
import { networkLabel } from '../../shared/api-error-text.ts';

/** One link row: short URL, destination, human clicks and unique visitors (from its detail). */
function LinkRow({ link, onOpen }: { link: TrackedLink; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const detail = useQuery({
    queryKey: linkKeys.detail(workspace.id, link.id),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/links/{linkId}', { params: { workspaceId: workspace.id, linkId: link.id } }),
  });
  return (
    <Table.Tr data-testid="link-row">
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ExternalLink href={link.shortUrl} size="sm" fallback={link.shortUrl}>
            {link.shortUrl}
          </ExternalLink>
          <CopyButton value={link.shortUrl}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {link.targetUrl}
        </Text>
      </Table.Td>
      <Table.Td>{link.network ? networkLabel(link.network) : '—'}</Table.Td>
      <Table.Td data-testid="link-clicks">{link.clicks}</Table.Td>
      <Table.Td>{detail.data?.clicks.uniqueVisitors ?? '…'}</Table.Td>
      <Table.Td>{formatInstant(link.createdAt, workspace.timeZone, i18n.language)}</Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="light" onClick={onOpen}>
          {t('analytics.links.details')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** A link's click analytics and QR code. */
function LinkDetailModal({ linkId, onClose }: { linkId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  // Always fresh on open: the row may hold counts from before the latest clicks.
  const detail = useQuery({
    queryKey: linkKeys.detail(workspace.id, linkId),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/links/{linkId}', { params: { workspaceId: workspace.id, linkId } }),
    refetchOnMount: 'always',
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/workspaces/${workspace.id}/links/${linkId}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: linkKeys.all(workspace.id) });
      onClose();
    },
  });
  const qr = `/api/v1/workspaces/${workspace.id}/links/${linkId}/qr`;
  const d = detail.data;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('analytics.links.detailTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {d && (
        <Stack>
          <Text size="sm" fw={600}>
            {d.shortUrl}
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {t('analytics.links.destination')}: {d.destinationUrl}
          </Text>
          <SimpleGrid cols={4}>
            <div>
              <Text size="xs" c="dimmed">
                {t('analytics.links.humanClicks')}
              </Text>
              <Text fw={700}>{d.clicks.human}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('analytics.links.uniqueVisitors')}
              </Text>
              <Text fw={700}>{d.clicks.uniqueVisitors}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('analytics.links.bots')}
              </Text>
              <Text fw={700}>{d.clicks.bots}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('analytics.links.conversions')}
              </Text>
              <Text fw={700}>
                {d.conversions.count} · {d.conversions.value}
              </Text>
            </div>
          </SimpleGrid>
          <Group align="flex-start" grow>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('analytics.links.byDay')}
              </Text>
              {d.byDay.length === 0 && (
                <Text size="xs" c="dimmed">
                  {t('analytics.links.noClicks')}
                </Text>
              )}
              {d.byDay.map((day) => (
                <Text key={day.day} size="xs">
                  {day.day}: {day.clicks} ({t('analytics.links.uniqueN', { n: day.uniqueVisitors })})
                </Text>
              ))}
              <Text size="sm" fw={600} mt="xs">
                {t('analytics.links.referrers')}
              </Text>
              {d.referrers.map((r) => (
                <Text key={r.host ?? '-'} size="xs">
                  {r.host ?? t('analytics.links.direct')}: {r.clicks}
                </Text>
              ))}
              <Text size="xs" c="dimmed" mt="xs">
                {t('analytics.links.privacy')}
              </Text>
            </Stack>
            <Stack gap={4} align="center">
              <Image src={`${qr}?format=svg&size=200`} alt={t('analytics.links.qrAlt', { url: d.shortUrl })} w={180} h={180} />
              <Group gap="xs">
                <Anchor size="xs" href={`${qr}?format=png&size=1024`} download={`qr-${d.code}.png`}>
                  PNG
                </Anchor>
                <Anchor size="xs" href={`${qr}?format=svg&size=1024`} download={`qr-${d.code}.svg`}>
                  SVG
                </Anchor>
              </Group>
            </Stack>
          </Group>
          <Group justify="flex-end">
            <Button color="red" variant="light" size="xs" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('analytics.common.delete')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Tracked links (UTM, clicks, unique visitors, QR), conversion settings, costs and the ROI table. */
export default function LinksPage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const reason = useReason();
  const number = useNumber();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const objectives = useObjectives();
  const base = `/workspaces/${workspace.id}`;
  const links = useQuery({
    queryKey: linkKeys.list(workspace.id),
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/links', { params: { workspaceId: workspace.id } })).items,
  });
  const [url, setUrl] = useState('');
  const [linkChannel, setLinkChannel] = useState<string | null>(null);
  const [linkCampaign, setLinkCampaign] = useState<string | null>(null);
  const [openLink, setOpenLink] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/links', {
        params: { workspaceId: workspace.id },
        body: { url, channelId: linkChannel, campaignId: linkCampaign },
      }),
    onSuccess: async () => {
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: linkKeys.all(workspace.id) });
    },
  });
  const settings = useQuery({
    queryKey: linkKeys.conversionSettings(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/conversion-settings', { params: { workspaceId: workspace.id } }),
    enabled: can('workspace.manage'),
  });
  const costs = useQuery({
    queryKey: linkKeys.costs(workspace.id),
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/costs', { params: { workspaceId: workspace.id } })).items,
  });
  const [amount, setAmount] = useState<number | string>('');
  const [costDay, setCostDay] = useState(() => DateTime.now().setZone(workspace.timeZone).toISODate() ?? '');
  const [costCampaign, setCostCampaign] = useState<string | null>(null);
  const [costChannel, setCostChannel] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const addCost = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/costs', {
        params: { workspaceId: workspace.id },
        body: { amount: Number(amount), incurredOn: costDay, campaignId: costCampaign, channelId: costChannel, note: note || undefined },
      }),
    onSuccess: async () => {
      setAmount('');
      setNote('');
      await queryClient.invalidateQueries({ queryKey: linkKeys.costs(workspace.id) });
      await queryClient.invalidateQueries({ queryKey: linkKeys.roi(workspace.id) });
    },
  });
  const removeCost = useMutation({
    mutationFn: (id: string) => api('DELETE', `${base}/costs/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: linkKeys.costs(workspace.id) });
      await queryClient.invalidateQueries({ queryKey: linkKeys.roi(workspace.id) });
    },
  });
  const [roiBy, setRoiBy] = useState<'campaign' | 'channel' | 'objective'>('campaign');
  const roi = useQuery({
    queryKey: linkKeys.roi(workspace.id, roiBy),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/roi', { params: { workspaceId: workspace.id }, query: { by: roiBy } }),
  });
  const nameOf = (row: RoiRow) => {
    const id = roiBy === 'campaign' ? row.campaignId : roiBy === 'channel' ? row.channelId : row.objectiveId;
    if (!id) return t('analytics.roi.unattributed');
    const list: Array<{ id: string; name: string }> =
      (roiBy === 'campaign' ? campaigns.data : roiBy === 'channel' ? channels.data : objectives.data) ?? [];
    return list.find((item) => item.id === id)?.name ?? id;
  };
  const channelOptions = (channels.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const campaignOptions = (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Stack>
      <Title order={2}>{t('analytics.links.title')}</Title>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('analytics.links.create')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.links.utmHelp')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('analytics.links.url')}
              placeholder="https://example.com/offer"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              required
              type="url"
              w={340}
            />
            <Select
              label={t('analytics.table.channel')}
              placeholder={t('analytics.common.optional')}
              data={channelOptions}
              value={linkChannel}
              onChange={setLinkChannel}
              clearable
              w={180}
            />
            <Select
              label={t('analytics.scope.campaign')}
              placeholder={t('analytics.common.optional')}
              data={campaignOptions}
              value={linkCampaign}
              onChange={setLinkCampaign}
              clearable
              w={180}
            />
            <Button type="submit" loading={create.isPending} disabled={!can('post.write')}>
              {t('analytics.links.shorten')}
            </Button>
          </Group>
        </form>
        {create.isError && <ApiErrorAlert error={create.error} mt="xs" />}
        {create.data && (
          <Text size="sm" mt="xs" data-testid="new-short-link">
            {t('analytics.links.created')}: <Code>{create.data.shortUrl}</Code>
          </Text>
        )}
        {create.data && <PublicUrlWarning warning={create.data.urlWarning} />}
      </Card>
      <Card withBorder>
        <Table data-testid="links-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.links.shortUrl')}</Table.Th>
              <Table.Th>{t('analytics.table.network')}</Table.Th>
              <Table.Th>{t('analytics.links.humanClicks')}</Table.Th>
              <Table.Th>{t('analytics.links.uniqueVisitors')}</Table.Th>
              <Table.Th>{t('analytics.links.createdAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data?.map((link) => (
              <LinkRow key={link.id} link={link} onOpen={() => setOpenLink(link.id)} />
            ))}
          </Table.Tbody>
        </Table>
        {links.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('analytics.links.none')}
          </Text>
        )}
      </Card>
      {openLink && <LinkDetailModal linkId={openLink} onClose={() => setOpenLink(null)} />}

      <Card withBorder data-testid="roi-table">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('analytics.roi.title')}</Title>
          <SegmentedControl
            size="xs"
            value={roiBy}
            onChange={(v) => setRoiBy(v as typeof roiBy)}
            data={[
              { value: 'campaign', label: t('analytics.scope.campaign') },
              { value: 'channel', label: t('analytics.scope.channel') },
              { value: 'objective', label: t('analytics.scope.objective') },
            ]}
          />
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.roi.formulas')}
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`analytics.scope.${roiBy}`)}</Table.Th>
              <Table.Th>{t('analytics.links.humanClicks')}</Table.Th>
              <Table.Th>{t('analytics.table.leads')}</Table.Th>
              <Table.Th>{t('analytics.roi.value')}</Table.Th>
              <Table.Th>{t('analytics.roi.cost')}</Table.Th>
              <Table.Th>{t('analytics.roi.cpl')}</Table.Th>
              <Table.Th>{t('analytics.roi.roi')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {roi.data?.items.map((row, i) => (
              <Table.Tr key={i}>
                <Table.Td>{nameOf(row)}</Table.Td>
                <Table.Td>{row.clicks}</Table.Td>
                <Table.Td>{row.leads}</Table.Td>
                <Table.Td>{money(row.value)}</Table.Td>
                <Table.Td>{money(row.cost)}</Table.Td>
                <Table.Td>
                  {row.cpl === null ? (
                    <Text size="xs" c="dimmed">
                      {reason(row.cplReason)}
                    </Text>
                  ) : (
                    money(row.cpl)
                  )}
                </Table.Td>
                <Table.Td>
                  {row.roi === null ? (
                    <Text size="xs" c="dimmed">
                      {reason(row.roiReason)}
                    </Text>
                  ) : (
                    `${number(row.roi)} %`
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {roi.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('analytics.roi.none')}
          </Text>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('analytics.costs.title')}
          </Title>
          {can('workspace.manage') && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                addCost.mutate();
              }}
            >
              <SimpleGrid cols={2} mb="xs">
                <NumberInput
                  label={t('analytics.costs.amount')}
                  description={workspace.currency}
                  leftSection={currencySymbol(workspace.currency, i18n.language)}
                  value={amount}
                  onChange={setAmount}
                  min={0}
                  decimalScale={2}
                  required
                />
                <DayField label={t('analytics.costs.day')} value={costDay} onChange={setCostDay} required />
                <Select
                  label={t('analytics.scope.campaign')}
                  placeholder={t('analytics.common.optional')}
                  data={campaignOptions}
                  value={costCampaign}
                  onChange={setCostCampaign}
                  clearable
                />
                <Select
                  label={t('analytics.table.channel')}
                  placeholder={t('analytics.common.optional')}
                  data={channelOptions}
                  value={costChannel}
                  onChange={setCostChannel}
                  clearable
                />
              </SimpleGrid>
              <Group align="flex-end">
                <TextInput
                  label={t('analytics.costs.note')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button type="submit" loading={addCost.isPending}>
                  {t('analytics.costs.add')}
                </Button>
              </Group>
              {addCost.isError && <ApiErrorAlert error={addCost.error} mt="xs" />}
            </form>
          )}
          <Table mt="xs" fz="sm">
            <Table.Tbody>
              {costs.data?.map((cost) => (
                <Table.Tr key={cost.id}>
                  <Table.Td>{cost.incurredOn}</Table.Td>
                  <Table.Td>{money(cost.amount, cost.currency)}</Table.Td>
                  <Table.Td>
                    {campaigns.data?.find((c) => c.id === cost.campaignId)?.name ??
                      channels.data?.find((c) => c.id === cost.channelId)?.name ??
                      '—'}
                  </Table.Td>
                  <Table.Td>{cost.note}</Table.Td>
                  <Table.Td>
                    {can('workspace.manage') && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('analytics.common.delete')}
                        onClick={() => removeCost.mutate(cost.id)}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {costs.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('analytics.costs.none')}
            </Text>
          )}
        </Card>
        <Card withBorder data-testid="conversion-settings">
          <Title order={4} mb="xs">
            {t('analytics.conversions.title')}
          </Title>
          {!can('workspace.manage') && (
            <Text size="sm" c="dimmed">
              {t('analytics.conversions.managersOnly')}
            </Text>
          )}
          {settings.data && (
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('analytics.conversions.webhookHelp')}
              </Text>
              <Text size="sm" fw={600}>
                {t('analytics.conversions.webhook')}
              </Text>
              <Code
                block
              >{`POST ${settings.data.webhookUrl}\n${settings.data.webhookHeader}: ${settings.data.secret}\n{"code":"…","kind":"lead","value":25,"externalId":"order-1"}`}</Code>
              <Group gap="xs">
                <Text size="sm">{t('analytics.conversions.secret')}</Text>
                <CopyButton value={settings.data.secret}>
                  {({ copied, copy }) => (
                    <Button size="compact-xs" variant="light" onClick={copy}>
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Text size="sm" fw={600}>
                {t('analytics.conversions.pixel')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('analytics.conversions.pixelHelp')}
              </Text>
              <Code block>{`<img src="${settings.data.pixelUrl}" width="1" height="1" alt="">`}</Code>
              <PublicUrlWarning warning={settings.data.urlWarning} />
            </Stack>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
