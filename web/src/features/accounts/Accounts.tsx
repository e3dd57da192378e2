import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Code,
  Group,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall, ApiError, setCsrfToken } from '../../api/client.ts';
import { ROLES, type Invitation, type InvitationAnswer, type Role } from './types.ts';
import { useMeQuery } from './api.ts';
import { formatInstant } from '../../shared/format.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { workspaceKeys } from '../workspaces/api.ts';
import { accountKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { RoleSummary } from '../workspaces/RoleGuide.tsx';

/** The token a link carries in its fragment (#token=…), which browsers never send to servers. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** A centered card for the pages people reach from an e-mail. */
function Card({ children, width = 440 }: { children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="lg" w={width} maw="100%">
        <Stack>{children}</Stack>
      </Paper>
    </Center>
  );
}

/** Members page: invite by e-mail (roles explained where they are chosen) and the pending invitations. */
export function InviteMembers({ workspaceId, timeZone, myRole }: { workspaceId: string; timeZone: string; myRole: Role }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: workspaceKeys.invitations(workspaceId),
    queryFn: async () => (await apiCall('get', '/api/v1/workspaces/{workspaceId}/invitations', { params: { workspaceId } })).items,
  });
  const [form, setForm] = useState<{ email: string; role: Role }>({ email: '', role: 'editor' });
  const [notice, setNotice] = useState<{ color: string; text: string; link?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const roles = ROLES.filter((role) => role !== 'owner' || myRole === 'owner');
  const show = (answer: InvitationAnswer) => {
    const email = answer.invitation.email;
    if (answer.delivery === 'email') setNotice({ color: 'green', text: t('accounts.invite.sent', { email }) });
    else if (answer.delivery === 'email_failed') setNotice({ color: 'orange', text: t('accounts.invite.emailFailed', { email }) });
    else setNotice({ color: 'blue', text: t('accounts.invite.linkTitle', { email }), link: answer.acceptUrl });
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations(workspaceId) });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(null);
    try {
      show(await apiCall('post', '/api/v1/workspaces/{workspaceId}/invitations', { params: { workspaceId }, body: form }));
      setForm({ email: '', role: form.role });
      refresh();
    } catch (caught) {
      setNotice({ color: 'red', text: apiErrorText(caught) });
    } finally {
      setBusy(false);
    }
  };
  const resend = async (invitation: Invitation) => {
    try {
      show(
        await apiCall('post', '/api/v1/workspaces/{workspaceId}/invitations/{invitationId}/resend', {
          params: { workspaceId, invitationId: invitation.id },
        }),
      );
      refresh();
    } catch (caught) {
      setNotice({ color: 'red', text: apiErrorText(caught) });
    }
  };
  const revoke = async (invitation: Invitation) => {
    try {
      await api('DELETE', `/workspaces/${workspaceId}/invitations/${invitation.id}`);
      setNotice({ color: 'gray', text: t('accounts.invite.revoked', { email: invitation.email }) });
      refresh();
    } catch (caught) {
      setNotice({ color: 'red', text: apiErrorText(caught) });
    }
  };
  return (
    <Stack>
      <form onSubmit={(e) => void send(e)} aria-labelledby="invite-title">
        <Stack maw={560} gap="xs">
          <Title order={3} size="h5" id="invite-title">
            {t('accounts.invite.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('accounts.invite.help')}
          </Text>
          <TextInput
            label={t('accounts.invite.email')}
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
          <Radio.Group label={t('accounts.invite.role')} value={form.role} onChange={(value) => setForm({ ...form, role: value as Role })}>
            <Stack gap={6} mt={4}>
              {roles.map((role) => (
                <Radio key={role} value={role} label={t(`roles.${role}`)} description={<RoleSummary role={role} />} />
              ))}
            </Stack>
          </Radio.Group>
          <Button type="submit" w="fit-content" loading={busy}>
            {t('accounts.invite.send')}
          </Button>
        </Stack>
      </form>
      {notice && (
        <Alert
          color={notice.color}
          role={notice.color === 'red' ? 'alert' : 'status'}
          title={notice.link ? notice.text : undefined}
          maw={720}
        >
          {notice.link ? (
            <Stack gap={4}>
              <Code block data-testid="invite-link">
                {notice.link}
              </Code>
              <Text size="sm">{t('accounts.invite.linkHelp')}</Text>
            </Stack>
          ) : (
            notice.text
          )}
        </Alert>
      )}
      <Title order={3} size="h5">
        {t('accounts.invite.pendingTitle')}
      </Title>
      {pending.data && pending.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('accounts.invite.noPending')}
        </Text>
      )}
      {pending.data && pending.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounts.invite.email')}</Table.Th>
                <Table.Th>{t('accounts.invite.role')}</Table.Th>
                <Table.Th>{t('accounts.invite.invitedBy')}</Table.Th>
                <Table.Th>{t('accounts.invite.expires')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pending.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                  <Table.Td>{invitation.invitedBy ?? '—'}</Table.Td>
                  <Table.Td>
                    {invitation.expired ? (
                      <Badge color="gray">{t('accounts.invite.expired')}</Badge>
                    ) : (
                      formatInstant(invitation.expiresAt, timeZone, i18n.language)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => void resend(invitation)}>
                        {t('accounts.invite.resend')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(invitation)}>
                        {t('accounts.invite.revoke')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Settings tab: change the password, sign out everywhere. */
export function AccountSecurity() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [recommended, setRecommended] = useState(() => sessionStorage.getItem('plaza.passwordChangeRecommended') === '1');
  const [revokeTokens, setRevokeTokens] = useState(false);
  const change = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      await api('POST', '/me/password', form);
      sessionStorage.removeItem('plaza.passwordChangeRecommended');
      setRecommended(false);
      setForm({ currentPassword: '', newPassword: '' });
      setMessage({ ok: true, text: t('accounts.security.changed') });
    } catch (caught) {
      setMessage({ ok: false, text: apiErrorText(caught) });
    }
  };
  const everywhere = async () => {
    try {
      await api('POST', '/auth/sign-out-everywhere', { revokeApiTokens: revokeTokens });
      setCsrfToken(null);
      queryClient.clear();
      window.location.assign('/');
    } catch (caught) {
      setMessage({ ok: false, text: apiErrorText(caught) });
    }
  };
  return (
    <Stack maw={520}>
      {recommended && (
        <Alert color="orange" role="status">
          {t('accounts.security.recommended')}
        </Alert>
      )}
      <form onSubmit={(e) => void change(e)}>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('accounts.security.changeTitle')}
          </Title>
          <PasswordInput
            label={t('accounts.security.current')}
            required
            autoComplete="current-password"
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
          />
          <PasswordInput
            label={t('accounts.security.new')}
            description={t('accounts.passwordRule')}
            required
            autoComplete="new-password"
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
          />
          {message && (
            <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </Alert>
          )}
          <Button type="submit" w="fit-content">
            {t('accounts.security.change')}
          </Button>
        </Stack>
      </form>
      <Stack gap="xs" mt="md">
        <Title order={3} size="h5">
          {t('accounts.security.everywhereTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('accounts.security.everywhereHelp')}
        </Text>
        <Checkbox
          label={t('accounts.security.revokeTokens')}
          checked={revokeTokens}
          onChange={(e) => setRevokeTokens(e.currentTarget.checked)}
        />
        <Button color="red" variant="light" w="fit-content" onClick={() => void everywhere()}>
          {t('accounts.security.everywhere')}
        </Button>
      </Stack>
    </Stack>
  );
}

/** Signed out: ask for a reset link. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<{ mailConfigured: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setAnswer(await apiCall('post', '/api/v1/auth/password-reset', { body: { email } }));
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  return (
    <Card>
      <Title order={1} size="h2">
        {t('accounts.forgot.title')}
      </Title>
      {answer?.mailConfigured ? (
        <Alert color="green" role="status">
          {t('accounts.forgot.sent')}
        </Alert>
      ) : answer ? (
        <Alert color="blue" role="status">
          <Stack gap={4}>
            <Text size="sm">{t('accounts.forgot.noMail')}</Text>
            <Code block>{`npx plaza user reset-password --email ${email}`}</Code>
          </Stack>
        </Alert>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('accounts.forgot.help')}
            </Text>
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <ApiErrorAlert error={error} role="alert" />
            <Button type="submit">{t('accounts.forgot.send')}</Button>
          </Stack>
        </form>
      )}
      <Anchor href="/">{t('accounts.forgot.back')}</Anchor>
    </Card>
  );
}

/** From the reset e-mail: choose a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromHash);
  const usable = useQuery({
    queryKey: accountKeys.passwordReset(token),
    queryFn: () => apiCall('post', '/api/v1/auth/password-reset/check', { body: { token } }),
    enabled: token.length >= 20,
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', '/auth/password-reset/confirm', { token, password });
      setDone(true);
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  const invalid = token.length < 20 || usable.data?.usable === false || usable.isError;
  return (
    <Card>
      <Title order={1} size="h2">
        {t('accounts.reset.title')}
      </Title>
      {done ? (
        <Alert color="green" role="status">
          {t('accounts.reset.done')}
        </Alert>
      ) : invalid ? (
        <Alert color="red" role="alert">
          {t('accounts.reset.invalid')}
        </Alert>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <PasswordInput
              label={t('accounts.reset.newPassword')}
              description={t('accounts.passwordRule')}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <ApiErrorAlert error={error} role="alert" />
            <Button type="submit" disabled={!usable.data?.usable}>
              {t('accounts.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor href={done || invalid ? (invalid && !done ? '/forgot-password' : '/') : '/'}>
        {done ? t('auth.signIn') : invalid ? t('accounts.forgot.title') : t('accounts.forgot.back')}
      </Anchor>
    </Card>
  );
}

/** From the invitation e-mail (or the link an admin passed on): accept, signed in or with a new account. */
export function AcceptInvitePage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const [token] = useState(tokenFromHash);
  const preview = useQuery({
    queryKey: accountKeys.invitation(token),
    queryFn: () => apiCall('post', '/api/v1/invitations/preview', { body: { token } }),
    enabled: token.length >= 20,
    retry: false,
  });
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [account, setAccount] = useState({ name: '', password: '' });
  const [signIn, setSignIn] = useState({ password: '' });
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);
  useEffect(() => setError(null), [mode]);
  const invitation = preview.data;
  const signedInAs = me.data?.user.email ?? null;
  const finish = async (workspaceId: string) => {
    localStorage.setItem('plaza.workspace', workspaceId);
    setJoined(invitation?.workspaceName ?? '');
    await queryClient.invalidateQueries({ queryKey: accountKeys.me() });
  };
  const acceptSignedIn = async () => {
    setError(null);
    try {
      const done = await apiCall('post', '/api/v1/invitations/accept', { body: { token } });
      await finish(done.workspaceId);
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const done = await apiCall('post', '/api/v1/invitations/accept', {
        body: { token, ...account, locale: i18n.language === 'es' ? 'es' : 'en' },
      });
      setCsrfToken(done.csrfToken);
      await finish(done.workspaceId);
    } catch (caught) {
      setError(apiErrorText(caught));
      if (caught instanceof ApiError && caught.code === 'account_exists') setMode('existing');
    }
  };
  const signInAndAccept = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const signed = await apiCall('post', '/api/v1/auth/login', { body: { email: invitation!.email, password: signIn.password } });
      setCsrfToken(signed.csrfToken);
      const done = await apiCall('post', '/api/v1/invitations/accept', { body: { token } });
      await finish(done.workspaceId);
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  if (joined !== null) {
    return (
      <Card>
        <Alert color="green" role="status">
          {t('accounts.accept.done', { workspace: joined })}
        </Alert>
        <Button component="a" href="/calendar" w="fit-content">
          {t('accounts.accept.open')}
        </Button>
      </Card>
    );
  }
  if (token.length < 20 || preview.isError) {
    return (
      <Card>
        <Alert color="red" role="alert">
          {t('accounts.accept.invalid')}
        </Alert>
        <Anchor href="/">{t('accounts.forgot.back')}</Anchor>
      </Card>
    );
  }
  if (!invitation || me.isLoading)
    return (
      <Card>
        <Text>{t('common.loading')}</Text>
      </Card>
    );
  const role = t(`roles.${invitation.role}`);
  const sameAddress = signedInAs !== null && signedInAs.toLowerCase() === invitation.email.toLowerCase();
  return (
    <Card width={480}>
      <Title order={1} size="h2">
        {t('accounts.accept.title', { workspace: invitation.workspaceName })}
      </Title>
      <Text>
        {invitation.invitedBy
          ? t('accounts.accept.summary', { inviter: invitation.invitedBy, email: invitation.email, role })
          : t('accounts.accept.summaryNoInviter', { email: invitation.email, role })}
      </Text>
      <Text size="sm" c="dimmed">
        {t(`accounts.roleHelp.${invitation.role}`)}
      </Text>
      {sameAddress ? (
        <Button onClick={() => void acceptSignedIn()} w="fit-content">
          {t('accounts.accept.acceptAs', { email: invitation.email })}
        </Button>
      ) : signedInAs ? (
        <Alert color="orange" role="status">
          {t('accounts.accept.signedInOther', { email: signedInAs })}
        </Alert>
      ) : (
        <>
          <Radio.Group value={mode} onChange={(value) => setMode(value as 'new' | 'existing')}>
            <Group>
              <Radio value="new" label={t('accounts.accept.newAccount')} />
              <Radio value="existing" label={t('accounts.accept.haveAccount')} />
            </Group>
          </Radio.Group>
          {mode === 'new' ? (
            <form onSubmit={(e) => void create(e)}>
              <Stack gap="xs">
                <TextInput label={t('auth.email')} value={invitation.email} readOnly />
                <TextInput
                  label={t('auth.name')}
                  required
                  autoComplete="name"
                  value={account.name}
                  onChange={(e) => setAccount({ ...account, name: e.currentTarget.value })}
                />
                <PasswordInput
                  label={t('auth.password')}
                  description={t('accounts.passwordRule')}
                  required
                  autoComplete="new-password"
                  value={account.password}
                  onChange={(e) => setAccount({ ...account, password: e.currentTarget.value })}
                />
                <Button type="submit" w="fit-content">
                  {t('accounts.accept.create')}
                </Button>
              </Stack>
            </form>
          ) : (
            <form onSubmit={(e) => void signInAndAccept(e)}>
              <Stack gap="xs">
                <Text size="sm">{t('accounts.accept.signInFirst', { email: invitation.email })}</Text>
                <PasswordInput
                  label={t('auth.password')}
                  required
                  autoComplete="current-password"
                  value={signIn.password}
                  onChange={(e) => setSignIn({ password: e.currentTarget.value })}
                />
                <Button type="submit" w="fit-content">
                  {t('auth.signIn')}
                </Button>
                <Anchor href="/forgot-password" size="sm">
                  {t('accounts.forgot.link')}
                </Anchor>
              </Stack>
            </form>
          )}
        </>
      )}
      <ApiErrorAlert error={error} role="alert" />
      <Text size="xs" c="dimmed">
        {t('accounts.invite.expires')}: {formatInstant(invitation.expiresAt, invitation.workspaceTimeZone, i18n.language)}
      </Text>
    </Card>
  );
}
