import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';

/** The inbox's three pages: conversations, rules, service report. */
export function InboxNav() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.startsWith('/inbox/rules') ? 'rules' : pathname.startsWith('/inbox/report') ? 'report' : 'inbox';
  return (
    <Tabs value={current} onChange={(value) => navigate(value === 'inbox' ? '/inbox' : `/inbox/${value}`)}>
      <Tabs.List>
        <Tabs.Tab value="inbox">{t('inboxRules.nav.inbox')}</Tabs.Tab>
        <Tabs.Tab value="rules">{t('inboxRules.nav.rules')}</Tabs.Tab>
        <Tabs.Tab value="report">{t('inboxRules.nav.report')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
