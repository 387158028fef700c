// 跟进记录: a subject's activities newest first — the kind's icon and label, when, by whom, the outcome,
// the note with its line breaks, the next step with its due time and where it stands — paged by cursor
// ("更多"), with the dialog that records one and the button that completes a next step. Embedded on the
// account page (and the lead and opportunity pages) as <ActivityTimeline subject="account:12" />.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useTimeline } from './api';
import { ActivityForm } from './ActivityForm';
import { parseSubject, type Activity } from './model';
import { KindIcon, NextStep } from './parts';
import './activities.css';

export function ActivityTimeline({ subject }: { subject: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const parsed = parseSubject(subject);
  const query = useTimeline(subject, parsed !== null && can('activities.read'));
  const [recording, setRecording] = useState(false);
  if (!parsed || !can('activities.read')) return null;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="activities" aria-labelledby={`activities-title-${parsed.kind}-${parsed.id}`} data-testid="activity-timeline">
      <div className="activities-head">
        <Typography.Title level={2} className="activities-title" id={`activities-title-${parsed.kind}-${parsed.id}`}>
          {t('activities.title')}
        </Typography.Title>
        {can('activities.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-activity">
            {t('activities.record')}
          </Button>
        )}
      </div>
      {query.isError && !query.data ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="activities-error" />
      ) : query.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="activities-empty">{t('activities.empty')}</span>} />
      ) : (
        <>
          <ol className="activity-list">
            {items.map((a) => <ActivityItem key={a.id} a={a} />)}
          </ol>
          {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.fetchNextPage()} style={{ marginTop: 12 }} />}
          {query.hasNextPage && (
            <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="activities-more"
              className="activities-more">
              {t('activities.more')}
            </Button>
          )}
        </>
      )}
      <ActivityForm subject={parsed} open={recording} onClose={() => setRecording(false)} />
    </section>
  );
}

function ActivityItem({ a }: { a: Activity }) {
  const { t, label, dateTime, lang } = useI18n();
  return (
    <li className="activity-item" data-testid="activity-item" data-activity-id={a.id}>
      <KindIcon kind={a.kind} />
      <div className="activity-body">
        <div className="activity-line">
          <span className="activity-kind" data-testid="activity-kind">{label('activity_kind', a.kind)}</span>
          <time dateTime={a.occurred_at} data-testid="activity-when">{dateTime(a.occurred_at)}</time>
          <span className="activity-owner">
            {t('activities.by')}{lang === 'zh' ? '：' : ': '}<span data-testid="activity-owner">{a.owner.name || a.owner.login}</span>
          </span>
        </div>
        {a.outcome && <div className="activity-outcome" data-testid="activity-outcome">{a.outcome}</div>}
        {a.note && <div className="activity-note" data-testid="activity-note">{a.note}</div>}
        <NextStep a={a} />
      </div>
    </li>
  );
}
