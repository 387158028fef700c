// The pipeline report (销售报表): funnel, conversion by source, win/loss, forecast. ECharts comes with
// the page, loaded on first use (as the dashboard's).
import { FunnelPlotOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const PipelineReport = lazy(() => import('./PipelineReport').then((m) => ({ default: m.PipelineReport })));

export const salesReportModule: ConsoleModule = {
  name: 'salesreport',
  audience: 'staff',
  menu: [{ path: '/sales/report', label: 'nav.salesreport', icon: <FunnelPlotOutlined />, permission: 'opportunities.read', testId: 'nav-salesreport' }],
  routes: [{ path: '/sales/report', element: <PipelineReport />, permission: 'opportunities.read', title: 'salesreport.title' }],
};
