// Alerts for admins (GET /api/v1/alerts): a user who reached the limit of reveals of personal data
// in a short time (pii.reveal_burst). The header's notifications count them; this page lists them.
import { Card, Empty, Table } from 'antd';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useAlerts, type AlertEntry } from './api';

export function AlertsPage() {
  const { t, dateTime } = useI18n();
  const { data: items, error, refetch, isFetching } = useAlerts(true);
  const describe = (a: AlertEntry) =>
    a.kind === 'pii.reveal_burst'
      ? t('alerts.burst', { login: a.user.login, n: a.detail?.reveals ?? '?', m: Math.round((a.detail?.window_seconds ?? 600) / 60) })
      : a.kind;
  return (
    <Card title={t('alerts.title')}>
      {error !== null && <ErrorAlert error={error} onRetry={() => void refetch()} style={{ marginBottom: 12 }} />}
      <Table<AlertEntry>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('alerts.none')} /> }}
        onRow={() => ({ 'data-testid': 'alert-row' } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('history.at'), dataIndex: 'at', width: 200, render: (v: string) => dateTime(v) },
          { title: t('alerts.title'), key: 'what', render: (_: unknown, a) => describe(a) },
        ]}
      />
    </Card>
  );
}
