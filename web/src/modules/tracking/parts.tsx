// Pieces the tracking screens share (the order page's card in the console and the portal, and the public
// page): the status with the ETA explained in words, the timeline newest first with a carrier's claims
// marked, and the order's exceptions with their severity.
import { Descriptions, Empty, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { newestFirst, type Eta, type Severity, type TimelineEvent, type Tracking, type TrackingException } from './api';
import './tracking.css';

const SEVERITY_COLOURS: Record<Severity, string> = { low: 'blue', medium: 'gold', high: 'volcano', critical: 'red' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <Tag color={SEVERITY_COLOURS[severity]} data-testid="severity" data-severity={severity}>{t(`tracking.severity.${severity}` as MessageKey)}</Tag>;
}

// Our status in the user's language (the server names it in both).
export function useStatusText() {
  const { lang } = useI18n();
  return (x: { status_zh: string; status_en: string }) => (lang === 'zh' ? x.status_zh : x.status_en);
}

export function useKindText() {
  const { t, has } = useI18n();
  return (e: Pick<TrackingException, 'kind' | 'kind_zh'>) => {
    const key = `tracking.kind.${e.kind}`;
    return has(key) ? t(key) : e.kind_zh || e.kind;
  };
}

export function usePartyText() {
  const { t, has } = useI18n();
  return (party: string) => {
    const key = `tracking.party.${party}`;
    return has(key) ? t(key) : party;
  };
}

// An event's time as the carrier wrote it (its own zone: a scan in Urumqi reads in Urumqi's time), with
// the zone named when it is not China's.
export function eventTime(time: string, offsetMinutes: number): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();  // the wall clock, read as if UTC
  const text = `${local.slice(0, 10)} ${local.slice(11, 16)}`;
  if (offsetMinutes === 480) return text;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return `${text} (${zone})`;
}

// 预计送达 p50, at the latest p90, and in words what the estimate rests on and how far to trust it.
export function EtaView({ eta }: { eta: Eta | null }) {
  const { t, dateTime } = useI18n();
  if (!eta) return <Typography.Text type="secondary" data-testid="tracking-eta-none">{t('tracking.etaNone')}</Typography.Text>;
  const delivered = eta.basis === 'delivered';
  return (
    <div data-testid="tracking-eta" data-basis={eta.basis} data-confidence={eta.confidence}>
      <Typography.Text strong style={{ fontSize: 16 }} data-testid="tracking-eta-p50">{dateTime(eta.p50)}</Typography.Text>
      {!delivered && eta.p90 !== eta.p50 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-testid="tracking-eta-p90">
          {t('tracking.etaLatest', { time: dateTime(eta.p90) })}
        </Typography.Text>
      )}
      <div className="tracking-eta-basis">
        <Typography.Text type="secondary" data-testid="tracking-eta-basis">{t(`tracking.eta.${eta.basis}` as MessageKey)}</Typography.Text>
        {!delivered && (
          <div>
            <Typography.Text type="secondary" data-testid="tracking-eta-confidence">
              {t('tracking.confidence', { level: t(`tracking.confidence.${eta.confidence}` as MessageKey) })}
              {' — '}
              {t(`tracking.confidenceHint.${eta.confidence}` as MessageKey)}
            </Typography.Text>
          </div>
        )}
      </div>
    </div>
  );
}

// Status, last place, ETA, promise, and the milestones there are.
export function TrackingSummary({ tracking, columns = { xs: 1, sm: 2 } }: { tracking: Tracking; columns?: { xs: number; sm: number; lg?: number } }) {
  const { t, dateTime } = useI18n();
  const statusText = useStatusText();
  return (
    <div data-testid="tracking-summary">
      <Descriptions size="small" column={columns}>
        <Descriptions.Item label={t('tracking.status')}>
          <Tag color={tracking.status === 'delivered' ? 'green' : tracking.status === 'exception' || tracking.status === 'failed_attempt' ? 'red' : 'blue'}
            data-testid="tracking-status" data-status={tracking.status}>{statusText(tracking)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('tracking.lastPlace')}><span data-testid="tracking-last-place">{tracking.last_place || '—'}</span></Descriptions.Item>
        <Descriptions.Item label={t('tracking.promised')}><span data-testid="tracking-promised">{dateTime(tracking.promised_at)}</span></Descriptions.Item>
        {tracking.last_scan_at && <Descriptions.Item label={t('tracking.lastScan')}>{dateTime(tracking.last_scan_at)}</Descriptions.Item>}
        {tracking.picked_up_at && <Descriptions.Item label={t('tracking.pickedUp')}>{dateTime(tracking.picked_up_at)}</Descriptions.Item>}
        {tracking.delivered_at && <Descriptions.Item label={t('tracking.deliveredAt')}>{dateTime(tracking.delivered_at)}</Descriptions.Item>}
        {tracking.failed_attempts > 0 && <Descriptions.Item label={t('tracking.failedAttempts')}>{tracking.failed_attempts}</Descriptions.Item>}
      </Descriptions>
      {/* The ETA on its own lines: its words need the width a description's cell lacks on a phone. */}
      <div className="tracking-eta-box">
        <Typography.Text type="secondary">{t('tracking.eta')}</Typography.Text>
        <EtaView eta={tracking.eta} />
      </div>
    </div>
  );
}

// The events newest first; a claim (a status the carrier reports with no scan) is marked and greyed.
export function TrackingTimeline({ timeline, showCodes = false }: { timeline: readonly TimelineEvent[]; showCodes?: boolean }) {
  const { t } = useI18n();
  const statusText = useStatusText();
  const partyText = usePartyText();
  const events = newestFirst(timeline);
  return (
    <Timeline
      data-testid="tracking-timeline"
      className="tracking-timeline"
      items={events.map((e, i) => ({
        key: `${e.time}-${i}`,
        color: e.claim ? 'gray' : i === 0 ? (e.status === 'exception' || e.status === 'failed_attempt' ? 'red' : 'green') : 'blue',
        children: (
          <div data-testid="timeline-event" data-status={e.status} data-claim={e.claim ? 'true' : 'false'} className={e.claim ? 'tracking-claim' : undefined}>
            <Space size={[8, 0]} wrap>
              <Typography.Text strong>{statusText(e)}</Typography.Text>
              {e.place && <Typography.Text>{e.place}</Typography.Text>}
              {e.claim && (
                <Tooltip title={t('tracking.claimHint')}>
                  <Tag data-testid="timeline-claim" tabIndex={0}>{t('tracking.claim')}</Tag>
                </Tooltip>
              )}
            </Space>
            <div><Typography.Text type="secondary">{eventTime(e.time, e.utc_offset_minutes)}</Typography.Text>
              {showCodes && e.code && <Typography.Text type="secondary">{' · '}{t('tracking.code', { code: e.code })}</Typography.Text>}
            </div>
            {e.reason && <div>{e.reason}</div>}
            {e.signer && <div data-testid="timeline-signer">{t('tracking.signer', { name: e.signer })}</div>}
            {showCodes && e.party && e.party !== 'none' && <div><Typography.Text type="secondary">{t('tracking.party', { party: partyText(e.party) })}</Typography.Text></div>}
          </div>
        ),
      }))}
    />
  );
}

// The order's exceptions: kind, severity, since, detail in the user's language, and how each ended.
export function ExceptionList({ exceptions, queueLink = false }: { exceptions: readonly TrackingException[]; queueLink?: boolean }) {
  const { t, lang, dateTime } = useI18n();
  const kindText = useKindText();
  const partyText = usePartyText();
  if (exceptions.length === 0) return <Typography.Text type="secondary" data-testid="tracking-no-exceptions">{t('tracking.noExceptions')}</Typography.Text>;
  return (
    <ul className="tracking-exceptions" data-testid="tracking-exceptions">
      {exceptions.map((x) => (
        <li key={x.id} data-testid="tracking-exception" data-kind={x.kind} data-state={x.state}>
          <Space size={[8, 4]} wrap>
            <SeverityTag severity={x.severity} />
            <Typography.Text strong>{kindText(x)}</Typography.Text>
            <Typography.Text type="secondary">{dateTime(x.since)}</Typography.Text>
            {x.party && x.party !== 'none' && <Typography.Text type="secondary">{t('tracking.party', { party: partyText(x.party) })}</Typography.Text>}
            <Tag color={x.state === 'open' ? 'orange' : 'default'} data-testid="tracking-exception-state">{t(`tracking.state.${x.state}` as MessageKey)}</Tag>
          </Space>
          <div>{lang === 'zh' ? x.detail_zh : x.detail_en || x.detail_zh}</div>
          {x.state === 'resolved' && x.outcome && <div><Typography.Text type="secondary">{t('tracking.resolvedWith', { outcome: x.outcome })}</Typography.Text></div>}
          {queueLink && x.state === 'open' && <Link to={`/exceptions?order_id=${x.order_id}`}>{t('tracking.openQueue')}</Link>}
        </li>
      ))}
    </ul>
  );
}

export function TrackingEmpty() {
  const { t } = useI18n();
  return (
    <Empty data-testid="tracking-empty" image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={<><div>{t('tracking.empty')}</div><Typography.Text type="secondary">{t('tracking.emptyHint')}</Typography.Text></>} />
  );
}
