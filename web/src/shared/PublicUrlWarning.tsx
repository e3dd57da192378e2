import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The server's note that a link was built without PUBLIC_URL (code public_url_unset). */
export interface UrlWarning {
  code: string;
  message: string;
  base: string;
}

/** Says, next to a link, that PUBLIC_URL is unset and the link may not reach other people. */
export function PublicUrlWarning({ warning }: { warning: UrlWarning | null | undefined }) {
  const { t } = useTranslation();
  if (!warning) return null;
  return (
    <Alert color="yellow" role="status" data-testid="public-url-warning">
      {warning.code === 'public_url_unset' ? t('apiErrors.public_url_unset', { base: warning.base }) : warning.message}
    </Alert>
  );
}
