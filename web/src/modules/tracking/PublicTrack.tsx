// 运单查询: the public tracking page, /track and /track/{waybill}, without login and without the console's
// frame — phone first, one column. The language is the login page's: the stored choice, else the
// browser's, with a switch. It reads GET /api/v1/track/{waybill} (names, phones and addresses masked by
// the server): status, ETA, timeline, and a map of the cities on the way (RouteMap, loaded on its own
// only when there is a route to draw). A wrong check digit (400 invalid_waybill) says the number looks
// mistyped; an unknown one says it was not found. When the shipment's customer has a brand, its logo
// heads the page and its colour is the page's primary colour (antd's colorPrimary: buttons, links).
import { SearchOutlined, TranslationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, ConfigProvider, Form, Input, Spin, Typography, theme } from 'antd';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { usePublicTracking, type PublicTracking } from './api';
import { EtaView, TrackingEmpty, TrackingTimeline, useStatusText } from './parts';
import './tracking.css';

// ECharts and the map of China are the page's largest part: fetched only when a route is drawn.
const RouteMap = lazy(() => import('./RouteMap'));

// The cities the parcel passed through, on a map, with the way written out beside it (for screen
// readers, and for anyone the map does not help); an empty state until the first scan with a place.
function RouteCard({ tracking, color }: { tracking: PublicTracking; color: string }) {
  const { t } = useI18n();
  const words = useMemo(() => ({ current: t('track.current'), destination: t('track.destination') }), [t]);
  const way = tracking.route.map((s) => s.name).join(' → ');
  const summary = tracking.destination ? t('track.toDestination', { route: way, destination: tracking.destination.name }) : way;
  return (
    <Card size="small" title={<h2 className="order-card-title" style={{ fontSize: 16, margin: 0 }}>{t('track.route')}</h2>}>
      {tracking.route.length === 0
        ? <Typography.Text type="secondary" data-testid="track-map-empty">{t('track.routeEmpty')}</Typography.Text>
        : (
          <div data-testid="track-map" data-route={tracking.route.map((s) => s.division).join(',')}>
            <Suspense fallback={<div className="track-map-loading">{t('track.mapLoading')}</div>}>
              <RouteMap route={tracking.route} destination={tracking.destination} delivered={tracking.status === 'delivered'}
                color={color} words={words} label={t('track.mapLabel', { route: summary })} />
            </Suspense>
            <div className="track-route-text" data-testid="track-route">{summary}</div>
          </div>
        )}
    </Card>
  );
}

export function PublicTrack() {
  const { waybill: raw } = useParams();
  const waybill = raw?.trim();
  const { t, lang, setLang, dateTime } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ waybill: string }>();
  const tracking = usePublicTracking(waybill);
  const statusText = useStatusText();
  const colon = lang === 'zh' ? '：' : ': ';

  useEffect(() => {
    form.setFieldsValue({ waybill: waybill ?? '' });
    document.title = waybill ? `${waybill} · ${t('track.title')}` : t('track.title');
  }, [waybill, form, t]);

  const submit = ({ waybill: typed }: { waybill: string }) => {
    const w = typed.replace(/\s+/g, '').toUpperCase();
    navigate(`/track/${encodeURIComponent(w)}`);
  };

  const error = tracking.error;
  const invalid = error instanceof ApiError && error.status === 400 && error.reason === 'invalid_waybill';
  const notFound = error instanceof ApiError && error.status === 404;
  const tr = tracking.data;
  const brand = tr?.brand ?? null;
  const { token } = theme.useToken();
  const primary = brand?.primary_color ?? token.colorPrimary;
  const themed = useMemo(() => (brand?.primary_color ? { token: { colorPrimary: brand.primary_color } } : undefined), [brand?.primary_color]);

  return (
    <ConfigProvider theme={themed}>
    <div className="track-page" data-testid="track-page" style={brand?.primary_color ? { borderTop: `4px solid ${brand.primary_color}` } : undefined}>
      <header className="track-header">
        {brand?.logo_url
          ? <img className="track-logo" src={brand.logo_url} alt={t('track.logo')} data-testid="track-logo" />
          : <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>}
        <Button size="small" icon={<TranslationOutlined />} data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.switch')}
        </Button>
      </header>
      <main className="track-main">
        <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('track.title')}</h1>
        <Card size="small">
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="waybill" label={t('track.input')} rules={[{ required: true, whitespace: true, message: t('track.required') }]} style={{ marginBottom: 8 }}>
              <Input size="large" inputMode="text" autoComplete="off" autoCapitalize="characters" spellCheck={false}
                placeholder={t('track.placeholder')} data-testid="track-input" maxLength={30} allowClear />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />} data-testid="track-submit">{t('track.search')}</Button>
          </Form>
        </Card>

        {waybill && tracking.isPending && <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>}
        {invalid && <Alert type="warning" showIcon role="alert" data-testid="track-invalid" message={t('track.invalid')} />}
        {notFound && <Alert type="info" showIcon role="alert" data-testid="track-not-found" message={t('track.notFound')} />}
        {error && !invalid && !notFound && <ErrorAlert error={error} onRetry={() => void tracking.refetch()} testId="track-error" />}

        {tr && (
          <>
            <Card size="small" data-testid="track-result">
              <Typography.Text type="secondary">{t('track.waybill', { waybill: tr.waybill })}</Typography.Text>
              <h2 className="track-status" data-testid="track-status" data-status={tr.status}>{statusText(tr)}</h2>
              {tr.last_place && <div><Typography.Text>{t('tracking.lastPlace')}{colon}</Typography.Text><span data-testid="track-last-place">{tr.last_place}</span></div>}
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('tracking.eta')}</Typography.Text>
                <div><EtaView eta={tr.eta} /></div>
              </div>
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('tracking.promised')}{colon}</Typography.Text>{dateTime(tr.promised_at)}
              </div>
            </Card>
            <RouteCard tracking={tr} color={primary} />
            <Card size="small" title={<h2 className="order-card-title" style={{ fontSize: 16, margin: 0 }}>{t('tracking.timeline')}</h2>}>
              {tr.timeline.length ? <TrackingTimeline timeline={tr.timeline} /> : <TrackingEmpty />}
            </Card>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('track.masked')}</Typography.Paragraph>
          </>
        )}
        <div className="track-footer"><Link to="/login">{t('track.console')}</Link></div>
      </main>
    </div>
    </ConfigProvider>
  );
}
