// The notify module (主动通知, issue 10 items 4 and 7): the templates editor (notify.templates) and the
// delivery log (notify.read) in the staff console; in the portal, the account's own notification
// settings with its delivery log, and its exceptions (orders.read). An account's settings on the
// customer page (NotificationSettings) and the order page's list (OrderNotifications) are used by the
// customers and orders modules.
import { FileTextOutlined, MailOutlined, NotificationOutlined, WarningOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const Templates = lazy(() => import('./Templates').then((m) => ({ default: m.Templates })));
const DeliveryLog = lazy(() => import('./DeliveryLog').then((m) => ({ default: m.DeliveryLog })));
const PortalNotifications = lazy(() => import('./PortalNotifications').then((m) => ({ default: m.PortalNotifications })));
const PortalExceptions = lazy(() => import('./PortalExceptions').then((m) => ({ default: m.PortalExceptions })));

export const notifyModule: ConsoleModule = {
  name: 'notify',
  audience: 'staff',
  menu: [
    { path: '/notifications', label: 'nav.deliveryLog', icon: <MailOutlined />, permission: 'notify.read', testId: 'nav-delivery-log' },
    { path: '/notification-templates', label: 'nav.notificationTemplates', icon: <FileTextOutlined />, permission: 'notify.templates', testId: 'nav-notification-templates' },
  ],
  routes: [
    { path: '/notifications', element: <DeliveryLog />, permission: 'notify.read', title: 'log.title' },
    { path: '/notification-templates', element: <Templates />, permission: 'notify.templates', title: 'templates.title' },
  ],
};

export const portalNotifyModule: ConsoleModule = {
  name: 'portal-notify',
  audience: 'portal',
  menu: [
    { path: '/my-exceptions', label: 'nav.myExceptions', icon: <WarningOutlined />, permission: 'orders.read', testId: 'nav-my-exceptions' },
    { path: '/notification-settings', label: 'nav.myNotifications', icon: <NotificationOutlined />, permission: 'notify.read', testId: 'nav-my-notifications' },
  ],
  routes: [
    { path: '/my-exceptions', element: <PortalExceptions />, permission: 'orders.read', title: 'myExceptions.title' },
    { path: '/notification-settings', element: <PortalNotifications />, permission: 'notify.read', title: 'settings.title' },
  ],
};
