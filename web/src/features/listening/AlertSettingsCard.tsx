import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Group, NumberInput, Stack, Switch, TagsInput, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import type { ApiResponse } from '../../api/types.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { listeningKeys } from './api.ts';
import { analyticsKeys } from '../analytics/api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

const MAX_BASELINE_MINUTES = 90 * 24 * 60;

/** The workspace's reputation alert rule (GET listening/alert-settings). */
type AlertSettings = ApiResponse<'/api/v1/workspaces/{workspaceId}/listening/alert-settings', 'get'>;

/** The alert rule in words, and (for owners and managers) a form to change how sensitive it is. */
export function AlertSettingsCard() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const client = useQueryClient();
  const key = listeningKeys.alertSettings(workspace.id);
  const settings = useQuery({
    queryKey: key,
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/alert-settings', { params: { workspaceId: workspace.id } }),
  });
  // E-mails go through the SMTP server of the report settings (only managers may read those).
  const smtp = useQuery({
    queryKey: analyticsKeys.settings(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/settings', { params: { workspaceId: workspace.id } }),
    enabled: can('workspace.manage'),
  });
  // The form's values while it is open; null when it is closed.
  const [draft, setDraft] = useState<AlertSettings | null>(null);
  const save = useMutation({
    mutationFn: (next: AlertSettings) =>
      apiCall('put', '/api/v1/workspaces/{workspaceId}/listening/alert-settings', {
        params: { workspaceId: workspace.id },
        body: {
          enabled: next.enabled,
          windowMinutes: next.windowMinutes,
          historyWindows: next.historyWindows,
          threshold: next.threshold,
          minCount: next.minCount,
          notifyEmails: next.notifyEmails,
        },
      }),
    onSuccess: (saved) => {
      client.setQueryData(key, saved);
      setDraft(null);
    },
  });
  const current = settings.data;
  if (!current) return null;
  const baselineHours = Math.round(((current.windowMinutes * current.historyWindows) / 60) * 10) / 10;
  const set = (patch: Partial<AlertSettings>) => setDraft((open) => (open ? { ...open, ...patch } : open));
  // The API's rule, checked here too so that the reason shows in the UI language.
  const baselineTooLong = draft !== null && draft.windowMinutes * draft.historyWindows > MAX_BASELINE_MINUTES;
  return (
    <Card withBorder data-testid="alert-settings">
      <Stack gap="xs">
        <Text size="sm">
          {current.enabled
            ? t('listening.alertRule', {
                minutes: current.windowMinutes,
                minCount: current.minCount,
                threshold: current.threshold,
                hours: baselineHours,
              })
            : t('listening.alertsOff')}
        </Text>
        {current.enabled && (
          <Text size="sm" data-testid="alert-recipients">
            {current.notifyEmails.length
              ? t('listening.alertEmailsTo', { emails: current.notifyEmails.join(', ') })
              : t('listening.alertNoEmails')}
          </Text>
        )}
        {current.notifyEmails.length > 0 && smtp.data && !smtp.data.smtp && (
          <Alert color="orange">
            {t('listening.alertNeedsSmtp')}{' '}
            <Anchor component={Link} to="/analytics/reports">
              {t('listening.reportSettings')}
            </Anchor>
          </Alert>
        )}
        {can('listening.manage') && !draft && (
          <Group>
            <Button size="xs" variant="light" onClick={() => setDraft(current)}>
              {t('listening.changeAlertSettings')}
            </Button>
          </Group>
        )}
        {draft && (
          <Stack gap="xs">
            <Switch
              label={t('listening.alertsEnabled')}
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.currentTarget.checked })}
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('listening.alertWindow')}
                min={5}
                max={1440}
                value={draft.windowMinutes}
                onChange={(v) => set({ windowMinutes: Number(v) })}
              />
              <NumberInput
                label={t('listening.alertHistory')}
                min={4}
                max={672}
                value={draft.historyWindows}
                onChange={(v) => set({ historyWindows: Number(v) })}
              />
              <NumberInput
                label={t('listening.alertThreshold')}
                description={t('listening.alertThresholdHelp')}
                min={1}
                max={20}
                step={0.5}
                decimalScale={2}
                value={draft.threshold}
                onChange={(v) => set({ threshold: Number(v) })}
              />
              <NumberInput
                label={t('listening.alertMinCount')}
                min={1}
                max={100000}
                value={draft.minCount}
                onChange={(v) => set({ minCount: Number(v) })}
              />
            </Group>
            <TagsInput
              label={t('listening.alertEmails')}
              description={t('listening.alertEmailsHelp')}
              maxTags={10}
              splitChars={[',', ' ', ';']}
              value={draft.notifyEmails}
              onChange={(emails) => set({ notifyEmails: emails })}
            />
            {baselineTooLong && <Alert color="orange">{t('listening.alertBaselineTooLong')}</Alert>}
            {save.isError && <ApiErrorAlert error={save.error} />}
            <Group>
              <Button size="xs" loading={save.isPending} disabled={baselineTooLong} onClick={() => save.mutate(draft)}>
                {t('listening.saveAlertSettings')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => {
                  setDraft(null);
                  save.reset();
                }}
              >
                {t('listening.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
