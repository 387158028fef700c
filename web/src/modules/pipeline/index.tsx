// The pipeline module (商机): the board of opportunities by stage and its list view, and the
// opportunity's page (edit, stage, won, lost). Pages are loaded when first opened.
import { FunnelPlotOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const PipelinePage = lazy(() => import('./PipelinePage').then((m) => ({ default: m.PipelinePage })));
const OpportunityPage = lazy(() => import('./OpportunityPage').then((m) => ({ default: m.OpportunityPage })));

export const pipelineModule: ConsoleModule = {
  name: 'pipeline',
  audience: 'staff',
  menu: [{ path: '/opportunities', label: 'nav.pipeline', icon: <FunnelPlotOutlined />, permission: 'opportunities.read', testId: 'nav-pipeline' }],
  routes: [
    { path: '/opportunities', element: <PipelinePage />, permission: 'opportunities.read', title: 'pipeline.title' },
    { path: '/opportunities/:id', element: <OpportunityPage />, permission: 'opportunities.read', title: 'opportunity.record' },
  ],
};
