// The portal (我的账户): a customer's own staff see their account and nothing of the staff console.
import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const PortalAccount = lazy(() => import('./PortalAccount').then((m) => ({ default: m.PortalAccount })));

export const portalModule: ConsoleModule = {
  name: 'portal',
  audience: 'portal',
  menu: [{ path: '/', label: 'portal.myAccount', icon: <HomeOutlined />, testId: 'nav-home' }],
  routes: [
    { path: '/', element: <PortalAccount />, permission: 'customers.read', title: 'portal.myAccount' },
    { path: '/customers/:id', element: <PortalAccount />, permission: 'customers.read', title: 'portal.myAccount' },
  ],
};
