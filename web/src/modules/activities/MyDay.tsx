// 我的一天: the signed-in user's open next steps that are overdue and those due later today (the day of
// the company's time zone, as the server reckons it), each with the account, lead or opportunity it is
// about (a link to its page) and a button that completes it. The header's bell counts the same steps.
import { Card, Empty, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useMyDay } from './api';
import { subjectPath, type Activity } from './model';
import { KindIcon, NextStep } from './parts';
import './activities.css';

export function MyDayPage() {
  const { t, date } = useI18n();
  const query = useMyDay(true);
  const day = query.data;
  if (query.isError && !day) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="my-day-error" />;
  if (!day) return <Spin />;
  const empty = day.overdue.length === 0 && day.due_today.length === 0;
  return (
    <div className="my-day" data-testid="my-day">
      <Typography.Paragraph type="secondary" data-testid="my-day-date">{t('myDay.date', { date: date(day.day_start) })}</Typography.Paragraph>
      {empty ? (
        <Card>
          <Empty description={(
            <>
              <div data-testid="my-day-empty">{t('myDay.empty')}</div>
              <Typography.Text type="secondary">{t('myDay.emptyHint')}</Typography.Text>
            </>
          )} />
        </Card>
      ) : (
        <>
          {day.overdue.length > 0 && <Group id="overdue" title={t('myDay.overdue')} items={day.overdue} />}
          {day.due_today.length > 0 && <Group id="due-today" title={t('myDay.dueToday')} items={day.due_today} />}
        </>
      )}
    </div>
  );
}

function Group({ id, title, items }: { id: string; title: string; items: Activity[] }) {
  return (
    <section className="my-day-group" aria-labelledby={`my-day-${id}`} data-testid={`my-day-${id}`}>
      <Typography.Title level={2} className={`my-day-title my-day-title-${id}`} id={`my-day-${id}`}>
        {title} <span data-testid={`my-day-${id}-count`}>({items.length})</span>
      </Typography.Title>
      <ul className="my-day-list">
        {items.map((a) => <Step key={a.id} a={a} />)}
      </ul>
    </section>
  );
}

function Step({ a }: { a: Activity }) {
  const { label, dateTime, lang } = useI18n();
  const path = subjectPath(a.subject);
  const subjectName = a.subject.label || `#${a.subject.id}`;
  return (
    <li className="my-day-item" data-testid="my-day-item" data-activity-id={a.id}>
      <div className="my-day-step" data-testid="my-day-step">{a.next_step}</div>
      <div className="my-day-subject">
        {label('subject_kind', a.subject.kind)}{lang === 'zh' ? '：' : ': '}
        {path ? <Link to={path} data-testid="my-day-subject">{subjectName}</Link> : <span data-testid="my-day-subject">{subjectName}</span>}
      </div>
      <NextStep a={a} showText={false} />
      <div className="my-day-origin">
        <KindIcon kind={a.kind} />
        <span>{label('activity_kind', a.kind)}</span>
        <time dateTime={a.occurred_at}>{dateTime(a.occurred_at)}</time>
        {a.outcome && <span className="my-day-outcome">{a.outcome}</span>}
      </div>
    </li>
  );
}
