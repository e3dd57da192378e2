import { Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import type { Role } from '../accounts/types.ts';

/** GET /roles: each role with its permissions, from the server's permission table (the web app keeps no copy). */
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => apiCall('get', '/api/v1/roles'), staleTime: Number.POSITIVE_INFINITY });
}

/** i18n key of a permission ("post.write" → "team.roles.permissions.post_write"). */
const permissionKey = (permission: string) => `team.roles.permissions.${permission.replace('.', '_')}`;

/** "Can: …" and "Cannot: …" for one role, in the UI language; empty until the table has loaded. */
export function RoleSummary({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const entry = roles.data?.items.find((item) => item.role === role);
  if (!roles.data || !entry) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const allowed = entry.permissions.map((p) => t(permissionKey(p)));
  const denied = roles.data.permissions.filter((p) => !entry.permissions.includes(p)).map((p) => t(permissionKey(p)));
  return (
    <Text span size="xs" c="dimmed" display="block" data-testid={`role-summary-${role}`}>
      {t(`accounts.roleHelp.${role}`)} {t('team.roles.can', { list: list.format(allowed) })}.
      {denied.length > 0 && ` ${t('team.roles.cannot', { list: list.format(denied) })}.`}
    </Text>
  );
}

/** A table of what each role can do: one row per permission, one column per role. */
export function RoleGuide() {
  const { t } = useTranslation();
  const roles = useRoles();
  if (!roles.data) return null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder fz="sm" data-testid="role-guide" aria-label={t('team.roles.guideTitle')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('team.roles.permission')}</Table.Th>
            {roles.data.items.map((item) => (
              <Table.Th key={item.role} ta="center">
                {t(`roles.${item.role}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.data.permissions.map((permission) => (
            <Table.Tr key={permission}>
              <Table.Td>{t(permissionKey(permission))}</Table.Td>
              {roles.data.items.map((item) => {
                const ok = item.permissions.includes(permission);
                return (
                  <Table.Td key={item.role} ta="center">
                    <Tooltip label={ok ? t('team.roles.allowed') : t('team.roles.notAllowed')}>
                      <Text
                        span
                        c={ok ? 'teal.8' : 'gray.5'}
                        fw={700}
                        aria-label={ok ? t('team.roles.allowed') : t('team.roles.notAllowed')}
                      >
                        {ok ? '✓' : '—'}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
