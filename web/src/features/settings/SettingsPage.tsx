import { useEffect, useState, type FormEvent } from 'react';
import { Accordion, Alert, Button, Checkbox, Code, Group, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { AccountSecurity, InviteMembers } from '../accounts/Accounts.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { ROLES, type Role } from '../accounts/types.ts';
import type { Workspace } from '../workspaces/types.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { useMembers, useWorkspaceDetail, workspaceKeys } from '../workspaces/api.ts';
import { formatInstant } from '../../shared/format.ts';
import { useApiTokens } from '../accounts/api.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { RoleGuide } from '../workspaces/RoleGuide.tsx';
import { currencyOptions } from '../workspaces/money.ts';
import { IntegrationsSettings } from './IntegrationsSettings.tsx';

function useErrorText() {
  return apiErrorText;
}

function WorkspaceSettings() {
  const { t, i18n } = useTranslation();
  const summary = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const workspace = useWorkspaceDetail(summary.id);
  const [form, setForm] = useState<Workspace | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setForm(workspace.data ?? null), [workspace.data]);
  if (!form) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('PATCH', `/workspaces/${summary.id}`, {
        name: form.name,
        timeZone: form.timeZone,
        language: form.language,
        approvalRequired: form.approvalRequired,
        currency: form.currency,
      });
      setMessage({ ok: true, text: t('settings.saved') });
      await queryClient.invalidateQueries();
    } catch (caught) {
      setMessage({ ok: false, text: errorText(caught) });
    }
  };
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [form.timeZone];
  return (
    <form onSubmit={(e) => void save(e)}>
      <Stack maw={480}>
        <TextInput
          label={t('setup.brandName')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          disabled={!can('workspace.manage')}
        />
        <Select
          label={t('setup.timeZone')}
          searchable
          data={zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]}
          value={form.timeZone}
          onChange={(v) => v && setForm({ ...form, timeZone: v })}
          disabled={!can('workspace.manage')}
          allowDeselect={false}
        />
        <Select
          label={t('setup.brandLanguage')}
          data={[
            { value: 'es', label: 'Español' },
            { value: 'en', label: 'English' },
          ]}
          value={form.language}
          onChange={(v) => v && setForm({ ...form, language: v })}
          disabled={!can('workspace.manage')}
          allowDeselect={false}
        />
        <Select
          label={t('team.currency.label')}
          description={t('team.currency.help')}
          searchable
          data={currencyOptions(i18n.language, form.currency)}
          value={form.currency}
          onChange={(v) => v && setForm({ ...form, currency: v })}
          disabled={!can('workspace.manage')}
          allowDeselect={false}
          data-testid="workspace-currency"
        />
        <Checkbox
          label={t('setup.approvalRequired')}
          checked={form.approvalRequired}
          onChange={(e) => setForm({ ...form, approvalRequired: e.currentTarget.checked })}
          disabled={!can('workspace.manage')}
        />
        {message && (
          <Alert color={message.ok ? 'green' : 'red'} role="status">
            {message.text}
          </Alert>
        )}
        {can('workspace.manage') && (
          <Button type="submit" w="fit-content">
            {t('common.save')}
          </Button>
        )}
      </Stack>
    </form>
  );
}

function MembersSettings() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can, me } = useSession();
  const members = useMembers();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: workspaceKeys.members(workspace.id) });
  const change = async (userId: string, role: Role) => {
    try {
      await api('PATCH', `/workspaces/${workspace.id}/members/${userId}`, { role });
    } catch (caught) {
      setError(errorText(caught));
    }
    refresh();
  };
  const remove = async (userId: string) => {
    try {
      await api('DELETE', `/workspaces/${workspace.id}/members/${userId}`);
    } catch (caught) {
      setError(errorText(caught));
    }
    refresh();
  };
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  return (
    <Stack>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('auth.name')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('settings.role')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data?.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td>{member.name}</Table.Td>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('settings.roleOf', { name: member.name })}
                    data={roleOptions}
                    value={member.role}
                    onChange={(v) => v && void change(member.userId, v as Role)}
                    disabled={!can('member.manage')}
                    allowDeselect={false}
                    w={150}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  {can('member.manage') && member.userId !== me.user.id && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => void remove(member.userId)}>
                      {t('settings.remove')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ApiErrorAlert error={error} role="alert" />
      {/* Members join by invitation: an e-mail link they accept with their own account and password. */}
      {can('member.manage') && <InviteMembers workspaceId={workspace.id} timeZone={workspace.timeZone} myRole={workspace.role} />}
      <Accordion variant="contained" defaultValue={can('member.manage') ? null : 'roles'} maw={900}>
        <Accordion.Item value="roles">
          <Accordion.Control>{t('team.roles.guideTitle')}</Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" c="dimmed" mb="xs">
              {t('team.roles.guideHelp')}
            </Text>
            <RoleGuide />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}

function TokenSettings() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const tokens = useApiTokens();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const created = await apiCall('post', '/api/v1/me/tokens', { body: { name } });
    setSecret(created.token);
    setName('');
    await tokens.refetch();
  };
  const revoke = async (id: string) => {
    await api('DELETE', `/me/tokens/${id}`);
    await tokens.refetch();
  };
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('settings.tokensHelp')}
      </Text>
      {secret && (
        <Alert color="green" title={t('settings.tokenCreated')}>
          <Code block>{secret}</Code>
        </Alert>
      )}
      <form onSubmit={(e) => void create(e)}>
        <Group align="flex-end">
          <TextInput label={t('settings.tokenName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit">{t('common.create')}</Button>
        </Group>
      </form>
      <Table>
        <Table.Tbody>
          {tokens.data?.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.name}</Table.Td>
              <Table.Td>{formatInstant(token.createdAt, workspace.timeZone, i18n.language)}</Table.Td>
              <Table.Td>
                {token.revokedAt
                  ? t('settings.revoked')
                  : token.lastUsedAt
                    ? t('settings.lastUsed', { when: formatInstant(token.lastUsedAt, workspace.timeZone, i18n.language) })
                    : t('settings.neverUsed')}
              </Table.Td>
              <Table.Td>
                {!token.revokedAt && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(token.id)}>
                    {t('settings.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Workspace settings, members and roles, personal API tokens, account and security. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { can } = useSession();
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs defaultValue={params.get('tab') ?? 'workspace'}>
        <Tabs.List>
          <Tabs.Tab value="workspace">{t('settings.workspace')}</Tabs.Tab>
          <Tabs.Tab value="members">{t('settings.members')}</Tabs.Tab>
          <Tabs.Tab value="tokens">{t('settings.tokens')}</Tabs.Tab>
          <Tabs.Tab value="account">{t('accounts.security.tab')}</Tabs.Tab>
          {can('channel.manage') && <Tabs.Tab value="integrations">{t('connect.integrations.tab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="workspace" pt="md">
          <WorkspaceSettings />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <MembersSettings />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <TokenSettings />
        </Tabs.Panel>
        <Tabs.Panel value="account" pt="md">
          <AccountSecurity />
        </Tabs.Panel>
        {can('channel.manage') && (
          <Tabs.Panel value="integrations" pt="md">
            <IntegrationsSettings />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
