// The leads module (线索 / 潜在客户, DOMAIN.md §2): the list, the form, the lead page with its
// qualification, and the score-weight settings. Pages are loaded when first opened.
import { AimOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';

const LeadList = lazy(() => import('./LeadList').then((m) => ({ default: m.LeadList })));
const LeadPage = lazy(() => import('./LeadPage').then((m) => ({ default: m.LeadPage })));
const LeadForm = lazy(() => import('./LeadForm').then((m) => ({ default: m.LeadForm })));
const ScoreWeights = lazy(() => import('./ScoreWeights').then((m) => ({ default: m.ScoreWeights })));

export const leadsModule: ConsoleModule = {
  name: 'leads',
  audience: 'staff',
  menu: [{ path: '/leads', label: 'nav.leads', icon: <AimOutlined />, permission: 'leads.read', testId: 'nav-leads' }],
  routes: [
    { path: '/leads', element: <LeadList />, permission: 'leads.read', title: 'leads.title' },
    { path: '/leads/new', element: <LeadForm />, permission: 'leads.create', title: 'leads.new' },
    { path: '/leads/settings', element: <ScoreWeights />, permission: 'sales_settings.update', title: 'leads.settingsTitle' },
    { path: '/leads/:id', element: <LeadPage />, permission: 'leads.read', title: 'lead.record' },
    { path: '/leads/:id/edit', element: <LeadForm />, permission: 'leads.update', title: 'lead.editTitle' },
  ],
};
