import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Anchor, Button, Center, Checkbox, Paper, PasswordInput, Select, Stack, TextInput, Title, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall, setCsrfToken } from '../../api/client.ts';
import type { ApiBody } from '../../api/types.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { accountKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useOptionalSession } from '../../shared/session.tsx';
import { currencyOptions } from '../workspaces/money.ts';

/** IANA zones the browser knows, the browser's own first. */
function timeZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['UTC', 'Europe/Madrid', 'America/Mexico_City', 'America/Bogota', 'America/Argentina/Buenos_Aires', 'America/New_York'];
  return [own, ...all.filter((zone) => zone !== own)];
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      label={t('shell.language')}
      data={[
        { value: 'en', label: 'English' },
        { value: 'es', label: 'Español' },
      ]}
      value={i18n.language}
      onChange={(value) => value && void i18n.changeLanguage(value)}
      allowDeselect={false}
    />
  );
}

/** The new workspace's fields (typed from POST /workspaces' body schema). */
type WorkspaceForm = Required<
  Pick<ApiBody<'/api/v1/workspaces', 'post'>, 'name' | 'timeZone' | 'language' | 'approvalRequired' | 'currency'>
>;

/** The currency a new brand starts with: euros for a Spanish-speaking one, dollars otherwise (the server's default too). */
const defaultCurrency = (language: string) => (language === 'es' ? 'EUR' : 'USD');

function WorkspaceFields({ values, onChange }: { values: WorkspaceForm; onChange(v: Partial<WorkspaceForm>): void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <TextInput label={t('setup.brandName')} required value={values.name} onChange={(e) => onChange({ name: e.currentTarget.value })} />
      <Select
        label={t('setup.timeZone')}
        searchable
        data={timeZones()}
        value={values.timeZone}
        onChange={(value) => value && onChange({ timeZone: value })}
        allowDeselect={false}
      />
      <Select
        label={t('setup.brandLanguage')}
        data={[
          { value: 'es', label: 'Español' },
          { value: 'en', label: 'English' },
        ]}
        value={values.language}
        onChange={(value) =>
          (value === 'es' || value === 'en') &&
          // The currency follows the language until someone picks one.
          onChange({ language: value, ...(values.currency === defaultCurrency(values.language) && { currency: defaultCurrency(value) }) })
        }
        allowDeselect={false}
      />
      <Select
        label={t('team.currency.label')}
        description={t('team.currency.help')}
        searchable
        data={currencyOptions(i18n.language, values.currency)}
        value={values.currency}
        onChange={(value) => value && onChange({ currency: value })}
        allowDeselect={false}
      />
      <Checkbox
        label={t('setup.approvalRequired')}
        checked={values.approvalRequired}
        onChange={(e) => onChange({ approvalRequired: e.currentTarget.checked })}
      />
    </>
  );
}

/** First run: the owner's account and the first workspace (brand name, time zone, language). */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState({ name: '', email: '', password: '' });
  const [workspace, setWorkspace] = useState<WorkspaceForm>({
    name: '',
    timeZone: timeZones()[0],
    language: i18n.language === 'es' ? 'es' : 'en',
    approvalRequired: true,
    currency: defaultCurrency(i18n.language),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signed = await apiCall('post', '/api/v1/auth/signup', { body: { ...owner, locale: i18n.language === 'es' ? 'es' : 'en' } });
      setCsrfToken(signed.csrfToken);
      const created = await apiCall('post', '/api/v1/workspaces', { body: workspace });
      localStorage.setItem('plaza.workspace', created.id);
      await queryClient.invalidateQueries({ queryKey: accountKeys.me() });
    } catch (caught) {
      setError(apiErrorText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="lg" w={460} maw="100%">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={1} size="h2">
              {t('setup.title')}
            </Title>
            <Text c="dimmed">{t('setup.intro')}</Text>
            <LanguageSwitch />
            <Title order={2} size="h4">
              {t('setup.ownerSection')}
            </Title>
            <TextInput
              label={t('auth.name')}
              required
              value={owner.name}
              onChange={(e) => setOwner({ ...owner, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={owner.email}
              onChange={(e) => setOwner({ ...owner, email: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('auth.password')}
              description={t('auth.passwordHint')}
              required
              minLength={12}
              value={owner.password}
              onChange={(e) => setOwner({ ...owner, password: e.currentTarget.value })}
            />
            <Title order={2} size="h4">
              {t('setup.workspaceSection')}
            </Title>
            <WorkspaceFields values={workspace} onChange={(patch) => setWorkspace({ ...workspace, ...patch })} />
            <ApiErrorAlert error={error} role="alert" />
            <Button type="submit" loading={busy}>
              {t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

/** Sign-in with e-mail and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const signed = await apiCall('post', '/api/v1/auth/login', { body: form });
      setCsrfToken(signed.csrfToken);
      // A password from before the 12-character policy still works; ask for a new one right away.
      if (signed.passwordChangeRecommended) {
        sessionStorage.setItem('plaza.passwordChangeRecommended', '1');
        navigate('/settings?tab=account');
      }
      await queryClient.invalidateQueries({ queryKey: accountKeys.me() });
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="lg" w={400} maw="100%">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={1} size="h2">
              {t('auth.signInTitle')}
            </Title>
            <LanguageSwitch />
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('auth.password')}
              required
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            <ApiErrorAlert error={error} role="alert" />
            <Button type="submit">{t('auth.signIn')}</Button>
            <Anchor href="/forgot-password" size="sm">
              {t('accounts.forgot.link')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

/** Creates another workspace (brand or client). */
export function NewWorkspacePage({ embedded = false }: { embedded?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const session = useOptionalSession();
  const navigate = useNavigate();
  const [workspace, setWorkspace] = useState<WorkspaceForm>({
    name: '',
    timeZone: timeZones()[0],
    language: i18n.language === 'es' ? 'es' : 'en',
    approvalRequired: true,
    currency: defaultCurrency(i18n.language),
  });
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await apiCall('post', '/api/v1/workspaces', { body: workspace });
      localStorage.setItem('plaza.workspace', created.id);
      // Work in the new workspace at once: refetch /me (which now lists it), then select it in the
      // session. (Selecting only through localStorage lost the race: the session wrote the old
      // workspace back as soon as /me changed.)
      await queryClient.invalidateQueries({ queryKey: accountKeys.me() });
      session?.selectWorkspace(created.id);
      navigate('/calendar');
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  const form = (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        <Title order={embedded ? 2 : 1} size="h2">
          {t('setup.newWorkspace')}
        </Title>
        <WorkspaceFields values={workspace} onChange={(patch) => setWorkspace({ ...workspace, ...patch })} />
        <ApiErrorAlert error={error} role="alert" />
        <Button type="submit">{t('common.create')}</Button>
      </Stack>
    </form>
  );
  if (embedded) return <Paper maw={480}>{form}</Paper>;
  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder p="lg" w={460} maw="100%">
        {form}
      </Paper>
    </Center>
  );
}
