// 通知设置 in the portal: a portal user's own account's notification settings (the server allows a
// portal user notify.manage for their own account only) and the delivery log of what we sent them.
import { Alert, Card, Space } from 'antd';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { DeliveryLog } from './DeliveryLog';
import { NotificationSettings } from './NotificationSettings';

export function PortalNotifications() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  if (!user?.customer_id) return <Alert type="warning" showIcon message={t('portal.notLinked')} data-testid="portal-not-linked" />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="portal-notifications">
      <Card title={t('settings.title')}>
        <NotificationSettings accountId={user.customer_id} canEdit={can('notify.manage')} />
      </Card>
      {can('notify.read') && (
        <Card title={t('log.title')}>
          <DeliveryLog portal />
        </Card>
      )}
    </Space>
  );
}
