// An error as the console shows it everywhere: what went wrong in the user's language (from the
// problem's reason or status), the request id to quote to IT, and a retry button where a retry can
// help (the server could not be reached, or answered 5xx).
import { Alert, Button, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n';
import { retryable } from './queryClient';

interface Props {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
  style?: CSSProperties;
}

export function ErrorAlert({ error, onRetry, testId, style }: Props) {
  const { t, errorTitle } = useI18n();
  const requestId = error instanceof ApiError ? error.requestId : '';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      data-testid={testId}
      message={errorTitle(error)}
      description={requestId ? (
        <span data-testid="error-request-id">
          {t('error.requestId')}: <Typography.Text copyable code>{requestId}</Typography.Text>
        </span>
      ) : undefined}
      action={onRetry && retryable(error) ? (
        <Button size="small" onClick={onRetry} data-testid="error-retry">{t('common.retry')}</Button>
      ) : undefined}
    />
  );
}
