// Alerts for admins (告警): reached from the notifications in the user menu, not from the side menu.
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const AlertsPage = lazy(() => import('./Alerts').then((m) => ({ default: m.AlertsPage })));

export const alertsModule: ConsoleModule = {
  name: 'alerts',
  audience: 'staff',
  menu: [],
  routes: [{ path: '/alerts', element: <AlertsPage />, permission: 'alerts.read', title: 'alerts.title' }],
};
