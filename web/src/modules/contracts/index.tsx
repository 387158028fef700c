// The contracts module (合同): the list, a new draft from the account's industry template, the contract
// with its editor and actions, amendments, the versions side by side, and the approval inbox (审批),
// whose count shows in the header's bell. Pages are loaded when first opened.
import { AuditOutlined, FileProtectOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { ConsoleModule, NotificationEntry } from '../../app/modules';
import { useInbox } from './api';

const ContractList = lazy(() => import('./ContractList').then((m) => ({ default: m.ContractList })));
const NewContract = lazy(() => import('./NewContract').then((m) => ({ default: m.NewContract })));
const ContractPage = lazy(() => import('./ContractPage').then((m) => ({ default: m.ContractPage })));
const AmendContract = lazy(() => import('./AmendContract').then((m) => ({ default: m.AmendContract })));
const Versions = lazy(() => import('./Versions').then((m) => ({ default: m.Versions })));
const ContractInbox = lazy(() => import('./Inbox').then((m) => ({ default: m.ContractInbox })));

// The bell: the approvals awaiting the user (counted) and their contract notices, each only when there
// are any (nothing waiting leaves the bell's empty state).
// Notices have no "read" mark in the API, so they are listed but not counted: the badge counts what
// waits for a decision.
function useContractNotifications(): NotificationEntry[] {
  const { t } = useI18n();
  const { can } = useAuth();
  const allowed = can('contracts.internal');
  const { data } = useInbox(allowed);
  if (!allowed || !data) return [];
  const entries: NotificationEntry[] = [];
  const n = data.approvals.length;
  if (can('contracts.approve') && n > 0) {
    entries.push({ key: 'contract-approvals', text: t('notifications.contractApprovals', { n }), count: n, path: '/contract-inbox', testId: 'contract-inbox-open' });
  }
  if (data.notices.length > 0) {
    entries.push({ key: 'contract-notices', text: t('notifications.contractNotices', { n: data.notices.length }), count: 0, path: '/contract-inbox', testId: 'contract-notices-open' });
  }
  return entries;
}

export const contractsModule: ConsoleModule = {
  name: 'contracts',
  audience: 'staff',
  menu: [
    { path: '/contracts', label: 'nav.contracts', icon: <FileProtectOutlined />, permission: 'contracts.read', testId: 'nav-contracts' },
    { path: '/contract-inbox', label: 'nav.contractInbox', icon: <AuditOutlined />, permission: 'contracts.internal', testId: 'nav-contract-inbox' },
  ],
  routes: [
    { path: '/contracts', element: <ContractList />, permission: 'contracts.read', title: 'contracts.title' },
    { path: '/contracts/new', element: <NewContract />, permission: 'contracts.create', title: 'contractNew.title' },
    { path: '/contracts/:id', element: <ContractPage />, permission: 'contracts.read', title: 'contract.record' },
    { path: '/contracts/:id/amend', element: <AmendContract />, permission: 'contracts.amend', title: 'amend.title' },
    { path: '/contracts/:id/versions', element: <Versions />, permission: 'contracts.internal', title: 'versions.title' },
    { path: '/contract-inbox', element: <ContractInbox />, permission: 'contracts.internal', title: 'contractInbox.title' },
  ],
  useNotifications: useContractNotifications,
};
