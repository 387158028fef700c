// The carriers module (承运商): the list with today's capacity use, a carrier's page (coverage map,
// capacity gauges, rates and transit times, declared and measured performance, the scorecard,
// contacts, suspend and resume, API keys) and the create and edit form. Pages are loaded when first opened.
import { CarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const CarrierList = lazy(() => import('./CarrierList').then((m) => ({ default: m.CarrierList })));
const CarrierPage = lazy(() => import('./CarrierPage').then((m) => ({ default: m.CarrierPage })));
const NewCarrier = lazy(() => import('./CarrierForm').then((m) => ({ default: m.NewCarrier })));
const EditCarrier = lazy(() => import('./CarrierForm').then((m) => ({ default: m.EditCarrier })));

export const carriersModule: ConsoleModule = {
  name: 'carriers',
  audience: 'staff',
  menu: [
    { path: '/carriers', label: 'nav.carriers', icon: <CarOutlined />, permission: 'carriers.read', testId: 'nav-carriers' },
  ],
  routes: [
    { path: '/carriers', element: <CarrierList />, permission: 'carriers.read', title: 'carriers.title' },
    { path: '/carriers/new', element: <NewCarrier />, permission: 'carriers.manage', title: 'carrierForm.newTitle' },
    { path: '/carriers/:id', element: <CarrierPage />, permission: 'carriers.read', title: 'carrier.record' },
    { path: '/carriers/:id/edit', element: <EditCarrier />, permission: 'carriers.manage', title: 'carrierForm.editRoute' },
  ],
};
