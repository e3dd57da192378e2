import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Button,
  Card,
  ColorInput,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { api, apiCall } from '../../api/client.ts';
import { formatInstant, fromLocalInput, toLocalInput } from '../../shared/format.ts';
import { useChannels, useNetworks } from '../channels/api.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { ObjectiveProgressPanel } from '../analytics/ObjectiveProgressPanel.tsx';
import {
  JudgingNote,
  StatusBadge,
  statusColor,
  useBilingual,
  useCampaigns,
  useKpiCatalog,
  useKpiValue,
  useLocalizedText,
  useObjectives,
  usePillars,
  useReason,
  useSegments,
  useWeekdays,
} from '../analytics/shared.tsx';
import type { Campaign, Objective, ObjectiveStatusItem, Pillar, Segment } from '../analytics/types.ts';
import { analyticsKeys } from '../analytics/api.ts';
import { strategyKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { currencySymbol, useMoney } from '../workspaces/money.ts';
import { DateTimeField } from '../../shared/DateFields.tsx';

type Entity = 'objectives' | 'campaigns' | 'segments' | 'pillars';

/** Create, update and delete one strategy entity; refreshes strategy lists and analytics. */
function useEntityWrites(path: Entity) {
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: strategyKeys.all(workspace.id) });
    await queryClient.invalidateQueries({ queryKey: analyticsKeys.all(workspace.id) });
  };
  const base = `/workspaces/${workspace.id}/${path}`;
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id: string | null; body: Record<string, unknown> }) =>
        id ? api<{ id: string }>('PATCH', `${base}/${id}`, body) : api<{ id: string }>('POST', base, body),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => api('DELETE', `${base}/${id}`), onSuccess: refresh }),
  };
}

function EntityModal({
  title,
  opened,
  onClose,
  onSubmit,
  error,
  pending,
  children,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  error: Error | null;
  pending: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {children}
          <ApiErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('analytics.common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Objective form: name, description, KPI (variant named), target, baseline, start, deadline (brand's zone), channels, campaigns. */
function ObjectiveForm({ objective, onClose }: { objective: Objective | null; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const zone = workspace.timeZone;
  const bilingual = useBilingual();
  const kpis = useKpiCatalog();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const campaignWrites = useEntityWrites('campaigns');
  const { save } = useEntityWrites('objectives');
  const now = DateTime.now().setZone(zone).startOf('day');
  const [name, setName] = useState(objective?.name ?? '');
  const [description, setDescription] = useState(objective?.description ?? '');
  const [kpi, setKpi] = useState<string | null>(objective?.kpi ?? 'engagement_rate_by_followers');
  const [target, setTarget] = useState<number | string>(objective?.target ?? '');
  const [baseline, setBaseline] = useState<number | string>(objective?.baseline ?? '');
  const [start, setStart] = useState(objective ? toLocalInput(objective.startAt, zone) : now.toFormat("yyyy-LL-dd'T'HH:mm"));
  const [deadline, setDeadline] = useState(
    objective ? toLocalInput(objective.deadline, zone) : now.plus({ months: 3 }).toFormat("yyyy-LL-dd'T'HH:mm"),
  );
  const [channelIds, setChannelIds] = useState<string[]>(objective?.channelIds ?? []);
  const linked = (campaigns.data ?? []).filter((c) => objective && c.objectiveId === objective.id).map((c) => c.id);
  const [campaignIds, setCampaignIds] = useState<string[] | null>(null);
  const localized = useLocalizedText();
  const selectedKpi = kpis.data?.find((k) => k.name === kpi);
  const formula = selectedKpi ? localized(selectedKpi.formula, selectedKpi.formulaEs) : undefined;
  const submit = async () => {
    const saved = await save.mutateAsync({
      id: objective?.id ?? null,
      body: {
        name,
        description,
        kpi,
        target: Number(target),
        ...(baseline !== '' && { baseline: Number(baseline) }),
        startAt: fromLocalInput(start, zone),
        deadline: fromLocalInput(deadline, zone),
        channelIds,
      },
    });
    if (campaignIds) {
      // A campaign serves one objective: link the chosen ones, unlink the rest that pointed here.
      for (const c of campaigns.data ?? []) {
        const wanted = campaignIds.includes(c.id);
        if (wanted && c.objectiveId !== saved.id) await campaignWrites.save.mutateAsync({ id: c.id, body: { objectiveId: saved.id } });
        if (!wanted && c.objectiveId === saved.id) await campaignWrites.save.mutateAsync({ id: c.id, body: { objectiveId: null } });
      }
    }
    onClose();
  };
  return (
    <EntityModal
      title={objective ? t('analytics.strategy.editObjective') : t('analytics.strategy.newObjective')}
      opened
      onClose={onClose}
      onSubmit={() => void submit().catch(() => undefined)}
      error={save.error}
      pending={save.isPending}
    >
      <TextInput
        label={t('analytics.strategy.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        data-autofocus
      />
      <Textarea
        label={t('analytics.strategy.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Select
        label={t('analytics.strategy.kpi')}
        data={(kpis.data ?? []).map((k) => ({ value: k.name, label: bilingual(k) }))}
        value={kpi}
        onChange={setKpi}
        allowDeselect={false}
        searchable
        description={formula}
      />
      <SimpleGrid cols={2}>
        <NumberInput label={t('analytics.strategy.target')} value={target} onChange={setTarget} required decimalScale={3} />
        <NumberInput label={t('analytics.strategy.baseline')} value={baseline} onChange={setBaseline} decimalScale={3} />
        <DateTimeField label={t('analytics.strategy.start')} value={start} onChange={setStart} required description={zone} zone={zone} />
        <DateTimeField
          label={t('analytics.strategy.deadline')}
          value={deadline}
          onChange={setDeadline}
          required
          description={zone}
          zone={zone}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('analytics.strategy.channels')}
        data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={channelIds}
        onChange={setChannelIds}
        clearable
      />
      <MultiSelect
        label={t('analytics.strategy.campaigns')}
        description={t('analytics.strategy.campaignsHelp')}
        data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={campaignIds ?? linked}
        onChange={setCampaignIds}
        clearable
      />
    </EntityModal>
  );
}

/** One objective: status, progress against target, forecast; expands to the evidence and suggestions. */
function ObjectiveCard({
  objective,
  status,
  onEdit,
}: {
  objective: Objective;
  status: ObjectiveStatusItem | undefined;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const bilingual = useBilingual();
  const reason = useReason();
  const format = useKpiValue();
  const campaigns = useCampaigns();
  const channels = useChannels();
  const { remove } = useEntityWrites('objectives');
  const [open, setOpen] = useState(false);
  const detail = useQuery({
    queryKey: analyticsKeys.objective(workspace.id, objective.id),
    queryFn: async () =>
      (
        await apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/objectives/{objectiveId}', {
          params: { workspaceId: workspace.id, objectiveId: objective.id },
          query: { compare: 'false' },
        })
      ).progress,
    enabled: open,
  });
  const current = status?.current ?? null;
  const share = current !== null && objective.target ? Math.max(0, Math.min(100, (current / objective.target) * 100)) : 0;
  const kpiLabel = bilingual(objective.kpiLabel, objective.kpi);
  return (
    <Card withBorder data-testid={`objective-${objective.name}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>{objective.name}</Title>
          <Text size="sm">{kpiLabel}</Text>
        </div>
        <StatusBadge status={status?.status ?? objective.status} />
      </Group>
      <JudgingNote status={status?.status} judgingFrom={status?.judgingFrom} />
      {objective.description && (
        <Text size="sm" c="dimmed" mt={4}>
          {objective.description}
        </Text>
      )}
      <SimpleGrid cols={3} mt="xs">
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.current')}
          </Text>
          <Text fw={600}>{format(objective.kpi, current)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.target')}
          </Text>
          <Text fw={600}>{format(objective.kpi, objective.target)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.forecast')}
          </Text>
          <Text fw={600}>{format(objective.kpi, status?.forecast?.ewma ?? null)}</Text>
        </div>
      </SimpleGrid>
      <Progress value={share} mt="xs" color={statusColor(status?.status)} aria-label={t('analytics.objective.progress')} />
      {current === null && status?.reason && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('analytics.kpi.missing')}: {reason(status.reason)}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {formatInstant(objective.startAt, workspace.timeZone, i18n.language)} →{' '}
        {formatInstant(objective.deadline, workspace.timeZone, i18n.language)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('analytics.strategy.channels')}:{' '}
        {(objective.channelIds ?? []).map((id) => channels.data?.find((c) => c.id === id)?.name ?? id).join(', ') ||
          t('analytics.strategy.allChannels')}
        {' · '}
        {t('analytics.strategy.campaigns')}:{' '}
        {(campaigns.data ?? [])
          .filter((c) => c.objectiveId === objective.id)
          .map((c) => c.name)
          .join(', ') || '—'}
      </Text>
      <Group gap="xs" mt="xs">
        <Button size="compact-xs" variant="light" onClick={() => setOpen(!open)}>
          {open ? t('analytics.strategy.hideDetails') : t('analytics.strategy.showDetails')}
        </Button>
        <Anchor size="xs" component={Link} to={`/analytics/overview?scope=objective&id=${objective.id}`}>
          {t('analytics.strategy.dashboard')}
        </Anchor>
        {can('workspace.manage') && (
          <Button size="compact-xs" variant="subtle" onClick={onEdit}>
            {t('analytics.common.edit')}
          </Button>
        )}
        {can('workspace.manage') && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => window.confirm(t('analytics.common.confirmDelete', { name: objective.name })) && remove.mutate(objective.id)}
          >
            {t('analytics.common.delete')}
          </Button>
        )}
      </Group>
      {open && detail.data && (
        <div style={{ marginTop: 8 }}>
          <ObjectiveProgressPanel progress={detail.data} kpiLabel={kpiLabel} />
        </div>
      )}
    </Card>
  );
}

function ObjectivesTab() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const objectives = useObjectives();
  const statuses = useQuery({
    queryKey: analyticsKeys.objectivesStatus(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/objectives', { params: { workspaceId: workspace.id } })).items,
  });
  const [editing, setEditing] = useState<Objective | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('analytics.strategy.objectivesHelp')}
        </Text>
        {can('workspace.manage') && <Button onClick={() => setEditing('new')}>{t('analytics.strategy.newObjective')}</Button>}
      </Group>
      {objectives.data?.length === 0 && <Text c="dimmed">{t('analytics.strategy.noObjectives')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {objectives.data?.map((o) => (
          <ObjectiveCard
            key={o.id}
            objective={o}
            status={statuses.data?.find((s) => s.objective.id === o.id)}
            onEdit={() => setEditing(o)}
          />
        ))}
      </SimpleGrid>
      {editing && <ObjectiveForm objective={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function CampaignForm({ campaign, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const zone = workspace.timeZone;
  const objectives = useObjectives();
  const { save } = useEntityWrites('campaigns');
  const [name, setName] = useState(campaign?.name ?? '');
  const [description, setDescription] = useState(campaign?.description ?? '');
  const [objectiveId, setObjectiveId] = useState<string | null>(campaign?.objectiveId ?? null);
  const [start, setStart] = useState(campaign?.startAt ? toLocalInput(campaign.startAt, zone) : '');
  const [end, setEnd] = useState(campaign?.endAt ? toLocalInput(campaign.endAt, zone) : '');
  const [budget, setBudget] = useState<number | string>(campaign?.budget ?? '');
  const submit = () =>
    save.mutate(
      {
        id: campaign?.id ?? null,
        body: {
          name,
          description,
          objectiveId,
          startAt: fromLocalInput(start, zone),
          endAt: fromLocalInput(end, zone),
          budget: budget === '' ? null : Number(budget),
        },
      },
      { onSuccess: onClose },
    );
  return (
    <EntityModal
      title={campaign ? t('analytics.strategy.editCampaign') : t('analytics.strategy.newCampaign')}
      opened
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      pending={save.isPending}
    >
      <TextInput
        label={t('analytics.strategy.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        description={t('analytics.strategy.slugHelp')}
      />
      <Textarea
        label={t('analytics.strategy.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Select
        label={t('analytics.scope.objective')}
        data={(objectives.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={objectiveId}
        onChange={setObjectiveId}
        clearable
        placeholder={t('analytics.common.optional')}
      />
      <SimpleGrid cols={3}>
        <DateTimeField label={t('analytics.strategy.start')} value={start} onChange={setStart} description={zone} zone={zone} />
        <DateTimeField label={t('analytics.strategy.end')} value={end} onChange={setEnd} description={zone} zone={zone} />
        <NumberInput
          label={t('analytics.strategy.budget')}
          description={workspace.currency}
          value={budget}
          onChange={setBudget}
          min={0}
          decimalScale={2}
          leftSection={currencySymbol(workspace.currency, i18n.language)}
          data-testid="campaign-budget"
        />
      </SimpleGrid>
    </EntityModal>
  );
}

function SegmentForm({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const networks = useNetworks();
  const bilingual = useBilingual();
  const weekdays = useWeekdays();
  const { save } = useEntityWrites('segments');
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [nets, setNets] = useState<string[]>(segment?.networks ?? []);
  const [interests, setInterests] = useState<string[]>(segment?.interests ?? []);
  const [days, setDays] = useState<string[]>(() => [...new Set((segment?.activeHours ?? []).map((h) => String(h.weekday)))]);
  const [fromHour, setFromHour] = useState<number | string>(segment?.activeHours?.[0]?.fromHour ?? 9);
  const [toHour, setToHour] = useState<number | string>(segment?.activeHours?.[0]?.toHour ?? 18);
  const submit = () =>
    save.mutate(
      {
        id: segment?.id ?? null,
        body: {
          name,
          description,
          networks: nets,
          interests,
          activeHours: days.map((d) => ({ weekday: Number(d), fromHour: Number(fromHour), toHour: Number(toHour) })),
        },
      },
      { onSuccess: onClose },
    );
  return (
    <EntityModal
      title={segment ? t('analytics.strategy.editSegment') : t('analytics.strategy.newSegment')}
      opened
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      pending={save.isPending}
    >
      <TextInput label={t('analytics.strategy.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
      <Textarea
        label={t('analytics.strategy.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <MultiSelect
        label={t('analytics.strategy.networks')}
        data={(networks.data ?? []).map((n) => ({ value: n.name, label: bilingual(n.label, n.name) }))}
        value={nets}
        onChange={setNets}
      />
      <TagsInput label={t('analytics.strategy.interests')} value={interests} onChange={setInterests} />
      <MultiSelect
        label={t('analytics.strategy.activeDays')}
        data={weekdays.map((label, i) => ({ value: String(i + 1), label }))}
        value={days}
        onChange={setDays}
      />
      <SimpleGrid cols={2}>
        <NumberInput label={t('analytics.strategy.fromHour')} value={fromHour} onChange={setFromHour} min={0} max={23} />
        <NumberInput label={t('analytics.strategy.toHour')} value={toHour} onChange={setToHour} min={1} max={24} />
      </SimpleGrid>
    </EntityModal>
  );
}

function PillarForm({ pillar, onClose }: { pillar: Pillar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { save } = useEntityWrites('pillars');
  const [name, setName] = useState(pillar?.name ?? '');
  const [description, setDescription] = useState(pillar?.description ?? '');
  const [color, setColor] = useState(pillar?.color ?? '#1c7ed6');
  const submit = () => save.mutate({ id: pillar?.id ?? null, body: { name, description, color } }, { onSuccess: onClose });
  return (
    <EntityModal
      title={pillar ? t('analytics.strategy.editPillar') : t('analytics.strategy.newPillar')}
      opened
      onClose={onClose}
      onSubmit={submit}
      error={save.error}
      pending={save.isPending}
    >
      <TextInput label={t('analytics.strategy.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
      <Textarea
        label={t('analytics.strategy.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <ColorInput label={t('analytics.strategy.color')} value={color} onChange={setColor} format="hex" />
    </EntityModal>
  );
}

/** A table of one entity with edit/delete, and its form. */
function EntityTab<T extends { id: string; name: string }>({
  path,
  items,
  columns,
  newLabel,
  empty,
  renderForm,
}: {
  path: Entity;
  items: T[] | undefined;
  columns: Array<{ label: string; render: (item: T) => ReactNode }>;
  newLabel: string;
  empty: string;
  renderForm: (item: T | null, close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { remove } = useEntityWrites(path);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return (
    <Stack>
      {can('workspace.manage') && (
        <Group justify="flex-end">
          <Button onClick={() => setEditing('new')}>{newLabel}</Button>
        </Group>
      )}
      {items?.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Table data-testid={`${path}-table`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.strategy.name')}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.label}>{c.label}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items?.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td fw={600}>{item.name}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c.label}>{c.render(item)}</Table.Td>
                ))}
                <Table.Td>
                  {can('workspace.manage') && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(item)}>
                        {t('analytics.common.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => window.confirm(t('analytics.common.confirmDelete', { name: item.name })) && remove.mutate(item.id)}
                      >
                        {t('analytics.common.delete')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && renderForm(editing === 'new' ? null : editing, () => setEditing(null))}
    </Stack>
  );
}

/** Strategy: objectives with progress and forecast, campaigns, audience segments and content pillars. */
export default function StrategyPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const campaigns = useCampaigns();
  const segments = useSegments();
  const pillars = usePillars();
  const objectives = useObjectives();
  const weekdays = useWeekdays();
  const money = useMoney();
  const when = (iso: string | null) =>
    iso ? DateTime.fromISO(iso, { zone: workspace.timeZone }).setLocale(i18n.language).toLocaleString(DateTime.DATE_MED) : '—';
  return (
    <Stack>
      <Title order={2}>{t('analytics.strategy.title')}</Title>
      <Tabs defaultValue="objectives" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="objectives">{t('analytics.strategy.objectives')}</Tabs.Tab>
          <Tabs.Tab value="campaigns">{t('analytics.strategy.campaigns')}</Tabs.Tab>
          <Tabs.Tab value="segments">{t('analytics.strategy.segments')}</Tabs.Tab>
          <Tabs.Tab value="pillars">{t('analytics.strategy.pillars')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="objectives" pt="md">
          <ObjectivesTab />
        </Tabs.Panel>
        <Tabs.Panel value="campaigns" pt="md">
          <EntityTab<Campaign>
            path="campaigns"
            items={campaigns.data}
            newLabel={t('analytics.strategy.newCampaign')}
            empty={t('analytics.strategy.noCampaigns')}
            columns={[
              {
                label: 'utm_campaign',
                // As typed: Mantine's Badge would upper-case it.
                render: (c) => (
                  <Badge variant="light" tt="none">
                    {c.slug}
                  </Badge>
                ),
              },
              { label: t('analytics.scope.objective'), render: (c) => objectives.data?.find((o) => o.id === c.objectiveId)?.name ?? '—' },
              { label: t('analytics.strategy.dates'), render: (c) => `${when(c.startAt)} → ${when(c.endAt)}` },
              { label: t('analytics.strategy.budget'), render: (c) => (c.budget === null ? '—' : money(c.budget)) },
              {
                label: '',
                render: (c) => (
                  <Anchor size="xs" component={Link} to={`/analytics/overview?scope=campaign&id=${c.id}`}>
                    {t('analytics.strategy.dashboard')}
                  </Anchor>
                ),
              },
            ]}
            renderForm={(item, close) => <CampaignForm campaign={item} onClose={close} />}
          />
        </Tabs.Panel>
        <Tabs.Panel value="segments" pt="md">
          <EntityTab<Segment>
            path="segments"
            items={segments.data}
            newLabel={t('analytics.strategy.newSegment')}
            empty={t('analytics.strategy.noSegments')}
            columns={[
              { label: t('analytics.strategy.networks'), render: (s) => (s.networks ?? []).join(', ') || '—' },
              { label: t('analytics.strategy.interests'), render: (s) => (s.interests ?? []).join(', ') || '—' },
              {
                label: t('analytics.strategy.activeHours'),
                render: (s) => (s.activeHours ?? []).map((h) => `${weekdays[h.weekday - 1]} ${h.fromHour}–${h.toHour}`).join(', ') || '—',
              },
            ]}
            renderForm={(item, close) => <SegmentForm segment={item} onClose={close} />}
          />
        </Tabs.Panel>
        <Tabs.Panel value="pillars" pt="md">
          <EntityTab<Pillar>
            path="pillars"
            items={pillars.data}
            newLabel={t('analytics.strategy.newPillar')}
            empty={t('analytics.strategy.noPillars')}
            columns={[
              { label: t('analytics.strategy.color'), render: (p) => (p.color ? <Badge color={p.color}>{p.color}</Badge> : '—') },
              { label: t('analytics.strategy.description'), render: (p) => p.description ?? '' },
            ]}
            renderForm={(item, close) => <PillarForm pillar={item} onClose={close} />}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
