import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../../api/client.ts';
import { VISIBILITIES, type PublicationOptions, type Visibility } from '../types.ts';
import type { NetworkLimits } from '../../channels/types.ts';
import type { StrategyKind } from '../../strategy/types.ts';
import { useStrategyItems } from '../../strategy/api.ts';
import { formatInstant, toLocalInput } from '../../../shared/format.ts';
import { apiErrorText } from '../../../shared/api-error-text.ts';
import type { StrategyLinks } from './draft.ts';

const PICKERS: Array<{ kind: StrategyKind; field: keyof StrategyLinks; label: 'campaign' | 'objective' | 'segment' | 'pillar' }> = [
  { kind: 'campaigns', field: 'campaignId', label: 'campaign' },
  { kind: 'objectives', field: 'objectiveId', label: 'objective' },
  { kind: 'segments', field: 'segmentId', label: 'segment' },
  { kind: 'pillars', field: 'pillarId', label: 'pillar' },
];

function StrategyPicker({
  kind,
  label,
  value,
  onChange,
}: {
  kind: StrategyKind;
  label: string;
  value: string | null;
  onChange(value: string | null): void;
}) {
  const { t } = useTranslation();
  const items = useStrategyItems(kind);
  const data = (items.data ?? []).map((item) => ({ value: item.id, label: item.name }));
  return (
    <Select
      label={label}
      placeholder={t('planner.none')}
      clearable
      searchable
      data={data}
      value={value}
      onChange={onChange}
      disabled={items.isSuccess && data.length === 0 && !value}
    />
  );
}

/** Campaign, objective, segment and pillar selects, so results roll up to what the post serves. */
export function StrategyPickers({ value, onChange }: { value: StrategyLinks; onChange(next: StrategyLinks): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={500} size="sm">
        {t('planner.strategy')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {PICKERS.map((picker) => (
          <StrategyPicker
            key={picker.kind}
            kind={picker.kind}
            label={t(`planner.${picker.label}`)}
            value={value[picker.field]}
            onChange={(id) => onChange({ ...value, [picker.field]: id })}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/**
 * Visibility and content warning for one channel, where its network supports them; "no options"
 * only when its network declares none of its own either (those follow, in ChannelCapabilities).
 */
export function ChannelOptions({
  name,
  limits,
  networkOptions,
  value,
  onChange,
}: {
  name: string;
  limits: NetworkLimits | null | undefined;
  /** How many options of its own the network declares (WordPress: status, excerpt, categories…). */
  networkOptions: number;
  value: PublicationOptions;
  onChange(next: PublicationOptions): void;
}) {
  const { t } = useTranslation();
  if (!limits?.supportsVisibility && !limits?.supportsContentWarning)
    return networkOptions > 0 ? null : (
      <Text size="sm" c="dimmed">
        {t('planner.noOptions', { name })}
      </Text>
    );
  return (
    <Group grow align="flex-start" aria-label={t('planner.options', { name })} role="group">
      {limits.supportsVisibility && (
        <Select
          label={t('planner.visibility')}
          data={[
            { value: '', label: t('planner.visibilities.default') },
            ...VISIBILITIES.map((v) => ({ value: v, label: t(`planner.visibilities.${v}`) })),
          ]}
          value={value.visibility ?? ''}
          allowDeselect={false}
          onChange={(next) => {
            const { visibility: _dropped, ...rest } = value;
            onChange(next ? { ...rest, visibility: next as Visibility } : rest);
          }}
        />
      )}
      {limits.supportsContentWarning && (
        <TextInput
          label={t('planner.contentWarning')}
          description={t('planner.contentWarningHelp')}
          maxLength={500}
          value={value.contentWarning ?? ''}
          onChange={(e) => {
            const text = e.currentTarget.value;
            const { contentWarning: _dropped, ...rest } = value;
            onChange(text ? { ...rest, contentWarning: text } : rest);
          }}
        />
      )}
    </Group>
  );
}

/** "Suggest a time": asks the analytics API for the brand's next best hour and fills the date field (brand's zone). */
export function SuggestTimeButton({
  workspaceId,
  zone,
  channelId,
  onSuggest,
}: {
  workspaceId: string;
  zone: string;
  channelId: string | null;
  onSuggest(localInput: string): void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suggest = async () => {
    setBusy(true);
    try {
      const query = { after: new Date().toISOString(), channelId: channelId || undefined };
      const result = await apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/suggest-time', { params: { workspaceId }, query });
      if (result.suggestion) {
        onSuggest(toLocalInput(result.suggestion, zone));
        setNote(t('planner.suggested', { when: formatInstant(result.suggestion, zone, i18n.language) }));
      } else {
        // Why not, by the server's reason code (never its English); the generic text for a code this app does not know.
        const code = result.reasonCode;
        setNote(
          code && i18n.exists(`bestTimeReasons.${code}`) ? t(`bestTimeReasons.${code}`, result.reasonParams) : t('planner.noSuggestion'),
        );
      }
    } catch (caught) {
      setNote(apiErrorText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={2}>
      <Button variant="default" size="xs" w="fit-content" loading={busy} onClick={() => void suggest()}>
        {t('planner.suggestTime')}
      </Button>
      {note && (
        <Text size="xs" c="dimmed" role="status" data-testid="suggest-note">
          {note}
        </Text>
      )}
    </Stack>
  );
}
