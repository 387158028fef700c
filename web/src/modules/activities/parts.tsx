// Pieces the timeline and "my day" share: the kind's icon and label, a next step with its due time and
// where it stands (open, due today, overdue in red, done by whom and when), and the button that
// completes it for those allowed (its owner; admins and managers anyone's).
import { CheckOutlined, EnvironmentOutlined, FileTextOutlined, MailOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useUserOptions } from '../customers/api';
import { activitiesChanged, completeNextStep } from './api';
import type { Activity, ActivityKind } from './model';

const ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  visit: <EnvironmentOutlined />,
  meeting: <TeamOutlined />,
  email: <MailOutlined />,
  note: <FileTextOutlined />,
};

export function KindIcon({ kind }: { kind: ActivityKind }) {
  return <span className={`activity-icon activity-icon-${kind}`} aria-hidden="true">{ICONS[kind] ?? <FileTextOutlined />}</span>;
}

// Whether the signed-in user may complete the activity's next step (the server decides again).
export function useMayComplete() {
  const { user, can } = useAuth();
  return (a: Activity) =>
    !!user && can('activities.update') && (a.owner.id === user.id || user.role === 'admin' || user.role === 'manager');
}

// The name of whoever completed a step: the owner, the signed-in user, or from the staff list.
function useUserName() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const options = useUserOptions(can('users.options'));
  return (id: number, a: Activity) => {
    if (id === a.owner.id) return a.owner.name || a.owner.login;
    if (user && id === user.id) return user.name || user.login;
    return options.data?.users.find((u) => u.id === id)?.name || t('activities.user', { id });
  };
}

export function StateTag({ a }: { a: Activity }) {
  const { t } = useI18n();
  if (a.next_step_state === 'none') return null;
  return (
    <Tag className={`next-state next-state-${a.next_step_state}`} data-testid="next-step-state" data-state={a.next_step_state}>
      {t(`activities.state.${a.next_step_state}` as MessageKey)}
    </Tag>
  );
}

// The next step of an activity: what, when due, where it stands; the complete button when allowed.
export function NextStep({ a, showText = true }: { a: Activity; showText?: boolean }) {
  const { t, dateTime, lang } = useI18n();
  const userName = useUserName();
  if (!a.next_step) return null;
  const overdue = a.next_step_state === 'overdue';
  return (
    <div className={`next-step${overdue ? ' next-step-overdue' : ''}`} data-testid="next-step">
      {showText && (
        <div className="next-step-text">
          <span className="next-step-label">{t('activities.nextStep')}{lang === 'zh' ? '：' : ': '}</span>
          <span data-testid="next-step-text">{a.next_step}</span>
        </div>
      )}
      <div className="next-step-meta">
        <StateTag a={a} />
        {a.next_step_due_at && (
          <time dateTime={a.next_step_due_at} className="next-step-due" data-testid="next-step-due">
            {t('activities.due', { when: dateTime(a.next_step_due_at) })}
          </time>
        )}
        {a.next_step_state === 'done' && a.next_step_done_at && (
          <span className="next-step-done" data-testid="next-step-done">
            {t('activities.doneBy', { who: a.next_step_done_by ? userName(a.next_step_done_by, a) : '', when: dateTime(a.next_step_done_at) })}
          </span>
        )}
        <CompleteButton a={a} />
      </div>
    </div>
  );
}

export function CompleteButton({ a }: { a: Activity }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mayComplete = useMayComplete();
  const [busy, setBusy] = useState(false);
  const open = a.next_step_state === 'overdue' || a.next_step_state === 'due_today' || a.next_step_state === 'later';
  if (!open || !mayComplete(a)) return null;
  const complete = async () => {
    setBusy(true);
    try {
      await completeNextStep(a.id);
      message.success(t('activities.completed'));
    } catch (e) {
      message.error(errorText(e));
      if (!(e instanceof ApiError) || e.status !== 409) return;
    } finally {
      setBusy(false);
    }
    activitiesChanged(queryClient);
  };
  return (
    <Button size="small" icon={<CheckOutlined />} loading={busy} onClick={() => void complete()}
      aria-label={t('activities.completeLabel', { step: a.next_step ?? '' })} className="next-step-complete" data-testid="complete-next-step">
      {t('activities.complete')}
    </Button>
  );
}
