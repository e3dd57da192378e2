import type { ReactNode } from 'react';
import { Alert, type AlertProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from './api-error-text.ts';

/**
 * The one way the web app shows a failure: an ApiError by its code in the UI language
 * (apiErrorText, never the server's English), any other error or an already translated text
 * as it is. Renders nothing while `error` is null, undefined, false or empty.
 */
export function ApiErrorAlert({ error, children, ...props }: { error: unknown; children?: ReactNode } & Omit<AlertProps, 'children'>) {
  // Re-renders in the new language when the user switches it.
  useTranslation();
  if (error === null || error === undefined || error === false || error === '') return null;
  return (
    <Alert color="red" {...props}>
      {apiErrorText(error)}
      {children}
    </Alert>
  );
}
