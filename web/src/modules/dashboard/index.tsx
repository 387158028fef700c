// The dashboard (首页): the first page after login. ECharts comes with it, loaded on first use.
import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));

export const dashboardModule: ConsoleModule = {
  name: 'dashboard',
  audience: 'staff',
  menu: [{ path: '/', label: 'nav.dashboard', icon: <HomeOutlined />, testId: 'nav-home' }],
  routes: [{ path: '/', element: <Dashboard />, permission: 'customers.stats', title: 'dashboard.title' }],
};
