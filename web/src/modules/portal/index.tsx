// The portal (我的账户, 合同与运价): a customer's own staff see their account, their contract's customer-facing terms and
// their prices, and nothing of the staff console.
import { FileProtectOutlined, HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const PortalAccount = lazy(() => import('./PortalAccount').then((m) => ({ default: m.PortalAccount })));
const PortalContract = lazy(() => import('./PortalContract').then((m) => ({ default: m.PortalContract })));

export const portalModule: ConsoleModule = {
  name: 'portal',
  audience: 'portal',
  menu: [
    { path: '/', label: 'portal.myAccount', icon: <HomeOutlined />, testId: 'nav-home' },
    { path: '/contract', label: 'portal.contract.menu', icon: <FileProtectOutlined />, permission: 'contracts.read', testId: 'nav-contract' },
  ],
  routes: [
    { path: '/', element: <PortalAccount />, permission: 'customers.read', title: 'portal.myAccount' },
    { path: '/customers/:id', element: <PortalAccount />, permission: 'customers.read', title: 'portal.myAccount' },
    { path: '/contract', element: <PortalContract />, permission: 'contracts.read', title: 'portal.contract.menu' },
  ],
};
