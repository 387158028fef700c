// The orders module (订单处理, DOMAIN.md §4): the orders list, the order page with its allocation
// explained, a new order with a live quote, the dispatcher's queue and the allocation settings for the
// staff console; the account's own orders (list, new, cancel) for the portal. Pages are loaded when
// first opened. Bulk import (/orders/import) is another screen's: the list's toolbar links to it.
import { AppstoreOutlined, ControlOutlined, InboxOutlined, PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const OrderList = lazy(() => import('./OrderList').then((m) => ({ default: m.OrderList })));
const OrderPage = lazy(() => import('./OrderPage').then((m) => ({ default: m.OrderPage })));
const NewOrder = lazy(() => import('./NewOrder').then((m) => ({ default: m.NewOrder })));
const DispatchQueue = lazy(() => import('./DispatchQueue').then((m) => ({ default: m.DispatchQueue })));
const AllocationSettings = lazy(() => import('./AllocationSettings').then((m) => ({ default: m.AllocationSettings })));

export const ordersModule: ConsoleModule = {
  name: 'orders',
  audience: 'staff',
  menu: [
    { path: '/orders', label: 'nav.orders', icon: <AppstoreOutlined />, permission: 'orders.read', testId: 'nav-orders' },
    { path: '/dispatch', label: 'nav.dispatch', icon: <InboxOutlined />, permission: 'orders.dispatch', testId: 'nav-dispatch' },
    { path: '/allocation-settings', label: 'nav.allocationSettings', icon: <ControlOutlined />, permission: 'orders.settings', testId: 'nav-allocation-settings' },
  ],
  routes: [
    { path: '/orders', element: <OrderList />, permission: 'orders.read', title: 'orders.title' },
    { path: '/orders/new', element: <NewOrder />, permission: 'orders.create', title: 'orderNew.title' },
    { path: '/orders/:id', element: <OrderPage />, permission: 'orders.read', title: 'order.record' },
    { path: '/dispatch', element: <DispatchQueue />, permission: 'orders.dispatch', title: 'dispatch.title' },
    // Dispatchers read the settings; only orders.settings (admins) may change them (the page says so).
    { path: '/allocation-settings', element: <AllocationSettings />, permission: 'orders.dispatch', title: 'settings.title' },
  ],
};

export const portalOrdersModule: ConsoleModule = {
  name: 'portal-orders',
  audience: 'portal',
  menu: [
    { path: '/orders', label: 'nav.myOrders', icon: <ProfileOutlined />, permission: 'orders.read', testId: 'nav-my-orders' },
    { path: '/orders/new', label: 'portalOrders.new', icon: <PlusOutlined />, permission: 'orders.create', testId: 'nav-new-order' },
  ],
  routes: [
    { path: '/orders', element: <OrderList portal />, permission: 'orders.read', title: 'portalOrders.title' },
    { path: '/orders/new', element: <NewOrder portal />, permission: 'orders.create', title: 'orderNew.title' },
    { path: '/orders/:id', element: <OrderPage portal />, permission: 'orders.read', title: 'order.record' },
  ],
};
