// Alerts for admins (GET /api/v1/alerts): a user who reached the limit of reveals of personal data
// in a short time (pii.reveal_burst). A badge in the header counts them; this page lists them.
import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Table, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useAlerts, type AlertEntry } from './api';

// The header's bell: shown to those who may read alerts, with their number.
export function AlertsBadge() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const allowed = can('alerts.read');
  const { data: items } = useAlerts(allowed);
  if (!allowed) return null;
  return (
    <Tooltip title={t('alerts.title')}>
      <Badge count={items?.length ?? 0} size="small" data-testid="alerts-badge">
        <Button icon={<BellOutlined />} onClick={() => navigate('/alerts')} aria-label={t('alerts.title')} data-testid="alerts-open" />
      </Badge>
    </Tooltip>
  );
}

export function AlertsPage() {
  const { t, errorText } = useI18n();
  const { data: items, error, refetch, isFetching } = useAlerts(true);
  const describe = (a: AlertEntry) =>
    a.kind === 'pii.reveal_burst'
      ? t('alerts.burst', { login: a.user.login, n: a.detail?.reveals ?? '?', m: Math.round((a.detail?.window_seconds ?? 600) / 60) })
      : a.kind;
  return (
    <Card title={t('alerts.title')}>
      {error !== null && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 12 }}
        action={<Button size="small" onClick={() => void refetch()}>{t('common.retry')}</Button>} />}
      <Table<AlertEntry>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('alerts.none')} /> }}
        onRow={() => ({ 'data-testid': 'alert-row' } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('history.at'), dataIndex: 'at', width: 200, render: (v: string) => new Date(v).toLocaleString() },
          { title: t('alerts.title'), key: 'what', render: (_: unknown, a) => describe(a) },
        ]}
      />
    </Card>
  );
}
