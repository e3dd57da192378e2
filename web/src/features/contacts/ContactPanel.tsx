import { Alert, Card, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { contactKeys } from './api.ts';
import { ContactProfile } from './ContactProfile.tsx';

/** The profile beside a conversation: the person who wrote (or, in a thread with several, the one picked). */
export function ContactPanel({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [picked, setPicked] = useState<string | null>(null);
  const people = useQuery({
    queryKey: contactKeys.ofConversation(workspace.id, conversationId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}/contacts', {
        params: { workspaceId: workspace.id, conversationId },
      }),
  });
  if (people.error) return <Alert color="red">{apiErrorText(people.error)}</Alert>;
  const items = people.data?.items ?? [];
  if (items.length === 0) return null;
  const current = items.find((p) => p.id === picked) ?? items[0];
  if (!current) return null;
  return (
    <Card withBorder padding="sm" data-testid="contact-panel">
      <Stack gap="xs">
        <Text size="xs" tt="uppercase" c="dimmed" fw={600}>
          {items.length > 1 ? t('contacts.profile.several') : t('contacts.profile.panelTitle')}
        </Text>
        {items.length > 1 && (
          <SegmentedControl
            size="xs"
            fullWidth
            value={current.id}
            onChange={setPicked}
            data={items.map((p) => ({ value: p.id, label: p.displayName }))}
          />
        )}
        <ContactProfile profile={current} compact />
      </Stack>
    </Card>
  );
}
