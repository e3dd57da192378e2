import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

/** An API error in the reader's language: by its code when the app knows it (accounts.errors.*), else the server's text. */
export function useAccountErrorText() {
  const { t, i18n } = useTranslation();
  return (caught: unknown) => {
    if (!(caught instanceof ApiError)) return String(caught);
    const code = caught.status === 429 ? 'rate_limited' : caught.code;
    return i18n.exists(`accounts.errors.${code}`) ? t(`accounts.errors.${code}`) : caught.message;
  };
}
