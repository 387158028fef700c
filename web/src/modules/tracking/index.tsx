// The tracking module (跟踪与异常, DOMAIN.md §4): the dispatcher's exception queue in the staff console.
// The order page's tracking card (TrackingCard) is used by the orders module in the console and the
// portal; the public tracking page (/track) is routed by the app before the login gate.
import { WarningOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const ExceptionQueue = lazy(() => import('./ExceptionQueue').then((m) => ({ default: m.ExceptionQueue })));

export const trackingModule: ConsoleModule = {
  name: 'tracking',
  audience: 'staff',
  menu: [
    { path: '/exceptions', label: 'nav.exceptions', icon: <WarningOutlined />, permission: 'orders.dispatch', testId: 'nav-exceptions' },
  ],
  routes: [
    { path: '/exceptions', element: <ExceptionQueue />, permission: 'orders.dispatch', title: 'exceptions.title' },
  ],
};
