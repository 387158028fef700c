// Alerts for admins (告警): reached from the notifications in the header, not from the side menu.
import { lazy } from 'react';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { ConsoleModule, NotificationEntry } from '../../app/modules';
import { useAlerts } from './api';

const AlertsPage = lazy(() => import('./Alerts').then((m) => ({ default: m.AlertsPage })));

function useAlertNotifications(): NotificationEntry[] {
  const { t } = useI18n();
  const { can } = useAuth();
  const allowed = can('alerts.read');
  const { data } = useAlerts(allowed);
  if (!allowed) return [];
  const n = data?.length ?? 0;
  return [{ key: 'alerts', text: t('notifications.alerts', { n }), count: n, path: '/alerts', testId: 'alerts-open' }];
}

export const alertsModule: ConsoleModule = {
  name: 'alerts',
  audience: 'staff',
  menu: [],
  routes: [{ path: '/alerts', element: <AlertsPage />, permission: 'alerts.read', title: 'alerts.title' }],
  useNotifications: useAlertNotifications,
};
