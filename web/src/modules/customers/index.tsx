// The customers module (客户): list, record, form, import. Pages are loaded when first opened.
import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const CustomerList = lazy(() => import('./CustomerList').then((m) => ({ default: m.CustomerList })));
const CustomerPage = lazy(() => import('./CustomerPage').then((m) => ({ default: m.CustomerPage })));
const CustomerForm = lazy(() => import('./CustomerForm').then((m) => ({ default: m.CustomerForm })));
const CustomerImport = lazy(() => import('./CustomerImport').then((m) => ({ default: m.CustomerImport })));

export const customersModule: ConsoleModule = {
  name: 'customers',
  audience: 'staff',
  menu: [{ path: '/customers', label: 'nav.customers', icon: <TeamOutlined />, permission: 'customers.read', testId: 'nav-customers' }],
  routes: [
    { path: '/customers', element: <CustomerList />, permission: 'customers.read', title: 'customers.title' },
    { path: '/customers/new', element: <CustomerForm />, permission: 'customers.create', title: 'customers.new' },
    { path: '/customers/import', element: <CustomerImport />, permission: 'customers.import', title: 'import.title' },
    { path: '/customers/:id', element: <CustomerPage />, permission: 'customers.read', title: 'customer.record' },
    { path: '/customers/:id/edit', element: <CustomerForm />, permission: 'customers.update', title: 'customer.editTitle' },
  ],
};
