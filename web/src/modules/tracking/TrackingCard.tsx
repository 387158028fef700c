// 物流跟踪 on the order page (console and portal): status, last place, the ETA explained, the promise,
// the timeline newest first with the carrier's claims marked, and the order's exceptions with their
// severity (a dispatcher is linked to the queue to resolve them). An order with no scan yet says so.
import { Card, Spin } from 'antd';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useOrderTracking } from './api';
import { ExceptionList, TrackingEmpty, TrackingSummary, TrackingTimeline } from './parts';

export function TrackingCard({ orderId, portal = false }: { orderId: number; portal?: boolean }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const tracking = useOrderTracking(orderId);
  const title = <h2 className="order-card-title">{t('tracking.title')}</h2>;
  const tr = tracking.data;
  return (
    <Card size="small" title={title} data-testid="tracking-card">
      {tracking.isPending && <Spin />}
      {tracking.error && <ErrorAlert error={tracking.error} onRetry={() => void tracking.refetch()} testId="tracking-error" />}
      {tr && (
        <>
          {tr.timeline.length === 0 && tr.exceptions.length === 0 ? <TrackingEmpty /> : (
            <>
              <TrackingSummary tracking={tr} columns={{ xs: 1, sm: 2, lg: 3 }} />
              <h3 className="tracking-section-title">{t('tracking.timeline')}</h3>
              {tr.timeline.length ? <TrackingTimeline timeline={tr.timeline} showCodes={!portal} /> : <TrackingEmpty />}
              <h3 className="tracking-section-title">{t('tracking.exceptions')}</h3>
              <ExceptionList exceptions={tr.exceptions} queueLink={!portal && can('orders.dispatch')} />
            </>
          )}
        </>
      )}
    </Card>
  );
}
