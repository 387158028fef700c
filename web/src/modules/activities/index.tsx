// The activities module (跟进记录, 我的一天, 客户引荐): the "my day" page with its menu entry and its line
// in the header's bell, and the components other modules embed — <ActivityTimeline subject="lead:7" />
// on a record page, <AccountActivities customerId={12} /> as the account page's tab. Their code is
// loaded when first shown.
import { CalendarOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { ConsoleModule, NotificationEntry } from '../../app/modules';
import { useMyDay } from './api';

const MyDayPage = lazy(() => import('./MyDay').then((m) => ({ default: m.MyDayPage })));
const LazyTimeline = lazy(() => import('./ActivityTimeline').then((m) => ({ default: m.ActivityTimeline })));
const LazyAccountActivities = lazy(() => import('./AccountActivities').then((m) => ({ default: m.AccountActivities })));

// A subject's activities ("account:12", "lead:7", "opportunity:3"), newest first, with the dialog that
// records one. Shows nothing to a user without activities.read.
export function ActivityTimeline({ subject }: { subject: string }) {
  return <Suspense fallback={<Spin />}><LazyTimeline subject={subject} /></Suspense>;
}

// The account page's tab: the account's activities and its referrals.
export function AccountActivities({ customerId }: { customerId: number }) {
  return <Suspense fallback={<Spin />}><LazyAccountActivities customerId={customerId} /></Suspense>;
}

// The bell's line: how many of the user's next steps are overdue or due today (none: no line).
function useMyDayNotifications(): NotificationEntry[] {
  const { t } = useI18n();
  const { can } = useAuth();
  const allowed = can('activities.read');
  const { data } = useMyDay(allowed);
  if (!allowed || !data) return [];
  const n = data.overdue.length + data.due_today.length;
  if (n === 0) return [];
  return [{ key: 'my-day', text: t('myDay.notification', { n }), count: n, path: '/my-day', testId: 'my-day-open' }];
}

export const activitiesModule: ConsoleModule = {
  name: 'activities',
  audience: 'staff',
  menu: [{ path: '/my-day', label: 'nav.myDay', icon: <CalendarOutlined />, permission: 'activities.read', testId: 'nav-my-day' }],
  routes: [{ path: '/my-day', element: <MyDayPage />, permission: 'activities.read', title: 'myDay.title' }],
  useNotifications: useMyDayNotifications,
};
