// 运单查询: the public tracking page, /track and /track/{waybill}, without login and without the console's
// frame — phone first, one column. The language is the login page's: the stored choice, else the
// browser's, with a switch. It reads GET /api/v1/track/{waybill} (names, phones and addresses masked by
// the server): status, ETA, timeline. A wrong check digit (400 invalid_waybill) says the number looks
// mistyped; an unknown one says it was not found.
import { SearchOutlined, TranslationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { usePublicTracking } from './api';
import { EtaView, TrackingEmpty, TrackingTimeline, useStatusText } from './parts';
import './tracking.css';

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

  return (
    <div className="track-page" data-testid="track-page">
      <header className="track-header">
        <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>
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
            <Card size="small" title={<h2 className="order-card-title" style={{ fontSize: 16, margin: 0 }}>{t('tracking.timeline')}</h2>}>
              {tr.timeline.length ? <TrackingTimeline timeline={tr.timeline} /> : <TrackingEmpty />}
            </Card>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('track.masked')}</Typography.Paragraph>
          </>
        )}
        <div className="track-footer"><Link to="/login">{t('track.console')}</Link></div>
      </main>
    </div>
  );
}
