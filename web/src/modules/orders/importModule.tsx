// The order import's route (/orders/import) in the staff console and in the portal, declared apart from
// the orders module's own index so the two can grow side by side.
import { UploadOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const ImportOrders = lazy(() => import('./ImportOrders').then((m) => ({ default: m.ImportOrders })));

export const orderImportModule: ConsoleModule = {
  name: 'order-import',
  audience: 'staff',
  menu: [{ path: '/orders/import', label: 'nav.orderImport', icon: <UploadOutlined />, permission: 'orders.create', testId: 'nav-order-import' }],
  routes: [{ path: '/orders/import', element: <ImportOrders />, permission: 'orders.create', title: 'orderImport.title' }],
};

export const portalOrderImportModule: ConsoleModule = { ...orderImportModule, name: 'portal-order-import', audience: 'portal' };
