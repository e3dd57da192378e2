import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { ExternalLink } from '../../shared/ExternalLink.tsx';
import { formatInstant, formatMoney } from '../../shared/format.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { CONTACT_STAGES, contactKeys, type ContactStage, type Profile } from './api.ts';

/** Text written by other people: as text, isolated direction, long words wrap. */
const PEOPLE_TEXT: CSSProperties = { unicodeBidi: 'isolate', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' };

/** The stage picker every view shares (the board's cards, the panel, the profile page). */
export function StageSelect({
  profile,
  size = 'sm',
  label,
}: {
  profile: { id: string; stage: ContactStage };
  size?: 'xs' | 'sm';
  label?: string;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canWrite = useCan('contacts.write');
  const move = useMutation({
    mutationFn: (stage: ContactStage) =>
      apiCall('put', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}/stage', {
        params: { workspaceId: workspace.id, contactId: profile.id },
        body: { stage },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  return (
    <Stack gap={2}>
      <Select
        size={size}
        label={label}
        aria-label={label ?? t('contacts.profile.stage')}
        data={CONTACT_STAGES.map((s) => ({ value: s, label: t(`contacts.stages.${s}`) }))}
        value={profile.stage}
        onChange={(value) => value && value !== profile.stage && move.mutate(value as ContactStage)}
        disabled={!canWrite || move.isPending}
        allowDeselect={false}
        data-testid="contact-stage"
      />
      <ApiErrorAlert error={move.error} p={4} />
    </Stack>
  );
}

/** Who moved the contact and when, newest first. */
function StageHistory({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  return (
    <Stack gap={2} data-testid="contact-stage-history">
      {profile.stageHistory.map((move) => {
        const to = t(`contacts.stages.${move.toStage}`);
        const when = formatInstant(String(move.createdAt), workspace.timeZone, i18n.language);
        const text = !move.actorName
          ? t('contacts.profile.moveAuto', { to })
          : move.fromStage
            ? t('contacts.profile.moveBy', { from: t(`contacts.stages.${move.fromStage}`), to, who: move.actorName })
            : t('contacts.profile.moveFirst', { to, who: move.actorName });
        return (
          <Text key={move.id} size="xs">
            <Text span c="dimmed" size="xs">
              {when}
            </Text>{' '}
            {text}
          </Text>
        );
      })}
    </Stack>
  );
}

/** The details a person can edit: value, e-mail, website, labels, notes and custom fields. */
function DetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canWrite = useCan('contacts.write');
  const [value, setValue] = useState<number | string>(profile.value ?? '');
  const [email, setEmail] = useState(profile.email ?? '');
  const [website, setWebsite] = useState(profile.website ?? '');
  const [labels, setLabels] = useState(profile.labels);
  const [notes, setNotes] = useState(profile.notes);
  const [fields, setFields] = useState(Object.entries(profile.customFields));
  const save = useMutation({
    mutationFn: () =>
      apiCall('patch', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}', {
        params: { workspaceId: workspace.id, contactId: profile.id },
        body: {
          value: value === '' ? null : Number(value),
          email: email.trim() || null,
          website: website.trim() || null,
          labels,
          notes,
          customFields: Object.fromEntries(fields.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v])),
        },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <NumberInput
          label={`${t('contacts.profile.value')} (${profile.currency})`}
          value={value}
          onChange={setValue}
          min={0}
          decimalScale={2}
          disabled={!canWrite}
          data-testid="contact-value"
        />
        <TextInput
          label={t('contacts.profile.email')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          disabled={!canWrite}
        />
      </Group>
      <TextInput
        label={t('contacts.profile.website')}
        placeholder="https://"
        value={website}
        onChange={(e) => setWebsite(e.currentTarget.value)}
        disabled={!canWrite}
      />
      <TagsInput
        label={t('contacts.profile.labels')}
        placeholder={t('contacts.profile.labelsPlaceholder')}
        value={labels}
        onChange={setLabels}
        maxTags={30}
        disabled={!canWrite}
      />
      <Textarea
        label={t('contacts.profile.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        autosize
        minRows={2}
        disabled={!canWrite}
      />
      <Text size="sm" fw={500}>
        {t('contacts.profile.customFields')}
      </Text>
      {fields.map(([key, fieldValue], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their key is their position
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('contacts.profile.fieldName')}
            placeholder={t('contacts.profile.fieldName')}
            value={key}
            onChange={(e) => setFields(fields.map((f, i) => (i === index ? [e.currentTarget.value, f[1]] : f)))}
            disabled={!canWrite}
            w="40%"
          />
          <TextInput
            aria-label={t('contacts.profile.fieldValue')}
            placeholder={t('contacts.profile.fieldValue')}
            value={fieldValue}
            onChange={(e) => setFields(fields.map((f, i) => (i === index ? [f[0], e.currentTarget.value] : f)))}
            disabled={!canWrite}
            style={{ flex: 1 }}
          />
          {canWrite && (
            <Tooltip label={t('contacts.profile.removeField')}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('contacts.profile.removeField')}
                onClick={() => setFields(fields.filter((_, i) => i !== index))}
              >
                ×
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      {canWrite && (
        <Group justify="space-between">
          <Button variant="subtle" size="xs" onClick={() => setFields([...fields, ['', '']])}>
            {t('contacts.profile.addField')}
          </Button>
          <Group gap="xs">
            {save.isSuccess && (
              <Text size="xs" c="green">
                {t('contacts.profile.saved')}
              </Text>
            )}
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} data-testid="contact-save">
              {t('contacts.profile.save')}
            </Button>
          </Group>
        </Group>
      )}
      <ApiErrorAlert error={save.error} />
    </Stack>
  );
}

/**
 * A contact's profile: accounts, stage (with its history), engagement with our posts, details, and the messages.
 * `compact` is the panel beside a conversation; the full page adds merge, split, export and erase around it.
 */
export function ContactProfile({
  profile,
  compact = false,
  onSplit,
}: {
  profile: Profile;
  compact?: boolean;
  onSplit?: (identityId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const e = profile.engagement;
  return (
    <Stack gap="sm" data-testid="contact-profile">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Title order={compact ? 4 : 2} size={compact ? 'h5' : 'h3'} style={{ unicodeBidi: 'isolate', overflowWrap: 'anywhere' }}>
            {profile.displayName}
          </Title>
          {profile.value !== null && (
            <Text size="sm" c="dimmed">
              {formatMoney(profile.value, profile.currency, i18n.language)}
            </Text>
          )}
        </div>
        {compact && (
          <Anchor component={Link} to={`/contacts/${profile.id}`} size="sm" data-testid="contact-open">
            {t('contacts.profile.open')}
          </Anchor>
        )}
      </Group>
      <StageSelect profile={profile} label={t('contacts.profile.stage')} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('contacts.profile.identities')}
        </Text>
        {profile.identities.map((identity) => (
          <Group key={identity.id} gap="xs" wrap="nowrap">
            <Badge variant="light" size="sm">
              {identity.network}
            </Badge>
            <ExternalLink
              href={identity.profileUrl}
              size="sm"
              fallback={
                <Text size="sm" style={PEOPLE_TEXT}>
                  {identity.handle}
                </Text>
              }
            >
              <span style={PEOPLE_TEXT}>{identity.handle}</span>
            </ExternalLink>
            {!identity.seenInInbox && (
              <Text size="xs" c="dimmed">
                {t('contacts.profile.notSeen')}
              </Text>
            )}
            {onSplit && profile.identities.length > 1 && (
              <Tooltip label={t('contacts.profile.splitHint')}>
                <Button size="compact-xs" variant="subtle" onClick={() => onSplit(identity.id)} data-testid="contact-split">
                  {t('contacts.profile.split')}
                </Button>
              </Tooltip>
            )}
          </Group>
        ))}
      </Stack>
      <Card withBorder padding="xs">
        <Text size="sm" data-testid="contact-engagement">
          {t('contacts.profile.engagement', { messages: e.messages, conversations: e.conversations })}
        </Text>
        <Text size="sm">{t('contacts.profile.onOurPosts', { n: e.onOurPosts, posts: e.postsEngaged })}</Text>
        {e.lastMessageAt && (
          <Text size="xs" c="dimmed">
            {t('contacts.profile.lastMessage', { when: formatInstant(String(e.lastMessageAt), workspace.timeZone, i18n.language) })}
          </Text>
        )}
      </Card>
      {!compact && <DetailsForm key={profile.updatedAt.toString()} profile={profile} />}
      {compact && (profile.labels.length > 0 || profile.notes) && (
        <Stack gap={4}>
          {profile.labels.length > 0 && (
            <Group gap={4}>
              {profile.labels.map((label) => (
                <Badge key={label} variant="outline" size="sm">
                  {label}
                </Badge>
              ))}
            </Group>
          )}
          {profile.notes && (
            <Text size="sm" style={PEOPLE_TEXT} lineClamp={4}>
              {profile.notes}
            </Text>
          )}
        </Stack>
      )}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('contacts.profile.stageHistory')}
        </Text>
        <StageHistory profile={profile} />
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('contacts.profile.history')}
        </Text>
        {profile.history.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('contacts.profile.noMessages')}
          </Text>
        )}
        {profile.history.slice(0, compact ? 5 : 100).map((item) => (
          <Card key={item.itemId} withBorder padding={6}>
            <Text size="xs" c="dimmed">
              {formatInstant(String(item.createdAt), workspace.timeZone, i18n.language)} · {item.channelName} ·{' '}
              {t(`inbox.kinds.${item.kind}`, { defaultValue: item.kind })}
              {item.onOurPost ? ` · ${t('contacts.profile.onOurPost')}` : ''}
            </Text>
            <Anchor
              component={Link}
              to={`/inbox/${item.conversationId}`}
              size="sm"
              c="var(--mantine-color-text)"
              style={PEOPLE_TEXT}
              lineClamp={compact ? 2 : 6}
            >
              {item.text}
            </Anchor>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
