import type { ReactNode } from 'react';
import { Alert, type AlertProps, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { apiErrorText, networkLabel } from './api-error-text.ts';
import { channelIssuesOf, validationIssueText } from './validation-issue-text.ts';

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
      {error instanceof ApiError && error.code === 'invalid_for_network' && (
        // Each channel's problems, by code in the UI language (post page, approvals, approve button).
        <List size="sm" mt={4} data-testid="network-issues">
          {channelIssuesOf(error.details).flatMap((entry) =>
            entry.issues.map((issue) => (
              <List.Item key={`${entry.channelId}-${issue.field}-${issue.code}`}>
                <strong>{networkLabel(entry.network)}</strong>: {validationIssueText(issue)}
              </List.Item>
            )),
          )}
        </List>
      )}
      {children}
    </Alert>
  );
}
