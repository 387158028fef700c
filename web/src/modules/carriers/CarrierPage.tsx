// 承运商详情: who the carrier is and whether it takes orders (suspend with a reason, resume), where it
// goes (the coverage map of China), how full it is today (gauges over GET /api/v1/carrier-load), what
// it carries at what cost and speed (rates and transit times per product and zone), what it declares
// against what its shipments showed (on-time, damage, scan completeness), its scorecard over 7, 30 or 90
// days (overall, by week, by lane), whom to call, and — for holders of carriers.keys — its API keys
// (a new key is shown once). A second tab (?tab=scan-codes) holds its scan code table (扫描码映射,
// ScanCodes.tsx). The server has the last word on every action.
import { EditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Result, Row, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { formatKg, formatMoney } from '../../app/money';
import { useIsPhone, usePageTitle } from '../../app/pageHead';
import { useProductName, ZONES } from '../pricing/api';
import { carrierChanged, resumeCarrier, suspendCarrier, useCarrier, useCarrierLoad } from './api';
import { ApiKeys } from './ApiKeys';
import { CapacityGauges, CoverageMap } from './charts';
import type { Carrier } from './model';
import { ScanCodes } from './ScanCodes';
import { QualityCard, ScorecardCard } from './Scorecard';
import { KindTag, loadOf, percentOf, StatusTag, useCarrierName, useCoverage, useCoverageText, useTonnage } from './parts';
import './carriers.css';

interface PriceRow { key: string; product: string; zone: string; carrier: Carrier }

function RatesTable({ carrier }: { carrier: Carrier }) {
  const { t } = useI18n();
  const product = useProductName();
  const rows: PriceRow[] = [];
  for (const p of carrier.products)
    for (const z of ZONES) {
      const hasRate = carrier.rates.some((r) => r.product === p && r.zone === z);
      const hasTransit = carrier.transit.some((x) => x.product === p && x.zone === z);
      if (hasRate || hasTransit) rows.push({ key: `${p}-${z}`, product: p, zone: z, carrier });
    }
  const rate = (r: PriceRow) => carrier.rates.find((x) => x.product === r.product && x.zone === r.zone);
  const hours = (r: PriceRow) => carrier.transit.find((x) => x.product === r.product && x.zone === r.zone)?.hours;
  return (
    <Table<PriceRow>
      size="small" pagination={false} dataSource={rows} scroll={{ x: 720 }} data-testid="rates-table"
      onRow={(r) => ({ 'data-testid': 'rate-row', 'data-key': r.key } as React.HTMLAttributes<HTMLElement>)}
      locale={{ emptyText: <Typography.Text type="secondary">{t('carrier.noRates')}</Typography.Text> }}
      columns={[
        { title: t('carrier.col.product'), key: 'product', width: 120, render: (_, r) => product(r.product),
          onCell: (r) => ({ rowSpan: rows.findIndex((x) => x.product === r.product) === rows.indexOf(r) ? rows.filter((x) => x.product === r.product).length : 0 }) },
        { title: t('carrier.col.zone'), key: 'zone', width: 110, render: (_, r) => t(`pricing.zone.${r.zone}` as 'pricing.zone.remote') },
        { title: t('carrier.col.first'), key: 'first', width: 150, render: (_, r) => {
          const x = rate(r);
          return x ? t('carrier.firstPrice', { kg: formatKg(x.first_grams), price: formatMoney(x.first_price) }) : '—';
        } },
        { title: t('carrier.col.step'), key: 'step', width: 150, render: (_, r) => {
          const x = rate(r);
          return x ? t('carrier.stepPrice', { kg: formatKg(x.step_grams), price: formatMoney(x.step_price) }) : '—';
        } },
        { title: t('carrier.col.transit'), key: 'transit', width: 110, render: (_, r) => {
          const h = hours(r);
          return h === undefined ? '—' : t('carrier.hours', { n: h });
        } },
      ]}
    />
  );
}

function SuspendDialog({ carrier, open, onClose }: { carrier: Carrier; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const blank = reason.trim() === '';
  const submit = async () => {
    setTouched(true);
    if (blank) return;
    setBusy(true);
    setError(null);
    try {
      carrierChanged(queryClient, await suspendCarrier(carrier.id, reason.trim()));
      message.success(t('carrier.suspended'));
      setReason('');
      setTouched(false);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('carrier.suspendTitle', { name: carrier.name_zh })} okText={t('carrier.suspend')} okButtonProps={{ danger: true, loading: busy, ...({ 'data-testid': 'suspend-confirm' } as Record<string, string>) }}
      cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} destroyOnClose>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('carrier.suspendHint')}</Typography.Paragraph>
        <label htmlFor="suspend-reason">{t('carrier.suspendReason')}</label>
        <Input.TextArea id="suspend-reason" rows={3} maxLength={500} showCount value={reason} status={touched && blank ? 'error' : undefined}
          onChange={(e) => setReason(e.target.value)} data-testid="suspend-reason" aria-required="true" />
        {touched && blank && <Typography.Text type="danger" data-testid="suspend-reason-error">{t('carrier.reasonRequired')}</Typography.Text>}
        {error ? <ErrorAlert error={error} testId="suspend-error" /> : null}
      </Space>
    </Modal>
  );
}

export function CarrierPage() {
  const { id } = useParams();
  const { t, number, dateTime, errorText } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useCarrier(id);
  const load = useCarrierLoad();
  const product = useProductName();
  const nameOf = useCarrierName();
  const coverageText = useCoverageText();
  const tonnage = useTonnage();
  const phone = useIsPhone();
  const carrier = query.data?.body ?? null;
  const coverage = useCoverage(carrier?.coverage);
  const [suspendOpen, setSuspendOpen] = useState(false);
  // The open tab is in the URL (?tab=scan-codes), so a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'scan-codes' ? 'scan-codes' : 'overview';
  usePageTitle(carrier && String(carrier.id) === id ? nameOf(carrier) : null);
  const legend = useMemo(() => ({
    whole: t('carrier.map.whole'), some: t('carrier.map.some'), none: t('carrier.map.none'),
    cities: (names: string) => t('carrier.map.cities', { names }),
  }), [t]);

  const missing = query.error instanceof ApiError && query.error.status === 404;
  if (missing) {
    return (
      <Result status="404" title={<span data-testid="carrier-not-found">{t('carrier.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/carriers')}>{t('carrier.toList')}</Button>} />
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="carrier-error" />;
  if (!carrier) return <Spin />;
  const c = carrier;
  const used = loadOf(load.data?.items, c);
  const ordersPercent = percentOf(used.orders, c.daily_capacity_orders);
  const weightPercent = percentOf(used.grams, c.daily_capacity_grams);
  const ordersText = t('carrier.capacityOrders', { used: number(used.orders), capacity: number(c.daily_capacity_orders) });
  const weightText = t('carrier.capacityWeight', { used: tonnage(used.grams), capacity: tonnage(c.daily_capacity_grams) });
  const coverageLine = coverageText(coverage.byProvince, coverage.provinces.length, 40);

  const resume = () => modal.confirm({
    title: t('carrier.resumeTitle', { name: c.name_zh }),
    content: c.suspended_reason ? t('carrier.resumeHint', { reason: c.suspended_reason }) : undefined,
    okText: t('carrier.resume'),
    cancelText: t('common.cancel'),
    okButtonProps: { 'data-testid': 'resume-confirm' } as Record<string, string>,
    onOk: async () => {
      try {
        carrierChanged(queryClient, await resumeCarrier(c.id));
        message.success(t('carrier.resumed'));
      } catch (e) {
        message.error(errorText(e));
      }
    },
  });

  return (
    <div data-testid="carrier-page" data-carrier-id={c.id}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <div className="carrier-head">
            <Space wrap size="small">
              <Typography.Text code data-testid="carrier-code">{c.code}</Typography.Text>
              <KindTag kind={c.kind} />
              <StatusTag status={c.status} testId="carrier-status" />
              {c.name_en && c.name_en !== nameOf(c) && <Typography.Text type="secondary">{c.name_en}</Typography.Text>}
              {c.name_zh !== nameOf(c) && <Typography.Text type="secondary">{c.name_zh}</Typography.Text>}
            </Space>
            <Space wrap>
              {can('carriers.manage') && (
                <Button icon={<EditOutlined />} onClick={() => navigate(`/carriers/${c.id}/edit`)} data-testid="carrier-edit">{t('common.edit')}</Button>
              )}
              {can('carriers.manage') && c.status === 'active' && (
                <Button danger icon={<PauseCircleOutlined />} onClick={() => setSuspendOpen(true)} data-testid="carrier-suspend">{t('carrier.suspend')}</Button>
              )}
              {can('carriers.manage') && c.status === 'suspended' && (
                <Button icon={<PlayCircleOutlined />} onClick={resume} data-testid="carrier-resume">{t('carrier.resume')}</Button>
              )}
            </Space>
          </div>
          {c.status === 'suspended' && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="suspended-reason"
              message={t('carrier.suspendedBanner')} description={c.suspended_reason} />
          )}
        </Card>

        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'overview') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          items={[
            {
              key: 'overview',
              label: <span data-testid="tab-overview">{t('carrier.tab.overview')}</span>,
              children: (
                <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                  <Row gutter={[16, 16]}>
                    <Col xs={24} lg={14}>
                      <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.coverage')}</h2>} data-testid="coverage-card">
                        {coverage.loading ? <Spin /> : (
                          <CoverageMap provinces={coverage.byProvince} legend={legend}
                            label={t('carrier.mapLabel', { name: nameOf(c), list: coverageLine })} />
                        )}
                        <Typography.Paragraph data-testid="coverage-text" style={{ marginTop: 8, marginBottom: 0 }}>
                          {t('carrier.coverageText', { list: coverageLine || t('common.none') })}
                        </Typography.Paragraph>
                      </Card>
                    </Col>
                    <Col xs={24} lg={10}>
                      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                        <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.today', { date: load.data?.date ?? '' })}</h2>} data-testid="capacity-card">
                          {load.error ? <ErrorAlert error={load.error} testId="load-error" /> : load.isPending ? <Spin data-testid="load-pending" /> : (
                            <>
                              <CapacityGauges ordersPercent={ordersPercent} weightPercent={weightPercent}
                                ordersText={t('carrier.gaugeOrders')} weightText={t('carrier.gaugeWeight')} stacked={phone}
                                label={t('carrier.gaugeLabel', { orders: ordersText, weight: weightText })} />
                              <div className="carrier-capacity-lines">
                                <span data-testid="capacity-orders">{ordersText}</span>
                                <span data-testid="capacity-weight">{weightText}</span>
                              </div>
                            </>
                          )}
                        </Card>
                        <QualityCard carrier={c} />
                      </Space>
                    </Col>
                  </Row>

                  <ScorecardCard carrier={c} />

                  <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.products')}</h2>}>
                    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
                      <Descriptions.Item label={t('carrier.productList')}><span data-testid="carrier-products">{c.products.map(product).join('、')}</span></Descriptions.Item>
                      <Descriptions.Item label={t('carrier.capacityDay')}>{t('carrier.capacityDayValue', { orders: number(c.daily_capacity_orders), weight: tonnage(c.daily_capacity_grams) })}</Descriptions.Item>
                      <Descriptions.Item label={t('carrier.updated')}>{dateTime(c.updated_at)}</Descriptions.Item>
                    </Descriptions>
                    <RatesTable carrier={c} />
                  </Card>

                  <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.contacts')}</h2>}>
                    <Table size="small" pagination={false} rowKey={(x) => x.name} dataSource={c.contacts} scroll={{ x: 600 }}
                      locale={{ emptyText: <Typography.Text type="secondary">{t('carrier.noContacts')}</Typography.Text> }}
                      onRow={() => ({ 'data-testid': 'contact-row' } as React.HTMLAttributes<HTMLElement>)}
                      columns={[
                        { title: t('carrier.contact.name'), dataIndex: 'name', width: 140 },
                        { title: t('carrier.contact.role'), dataIndex: 'role', width: 160 },
                        { title: t('carrier.contact.phone'), dataIndex: 'phone', width: 160 },
                        { title: t('carrier.contact.email'), dataIndex: 'email' },
                      ]} />
                  </Card>

                  {can('carriers.keys') && <ApiKeys carrier={c} />}
                </Space>
              ),
            },
            {
              key: 'scan-codes',
              label: <span data-testid="tab-scan-codes">{t('carrier.tab.scanCodes')}</span>,
              children: <ScanCodes carrier={c} />,
            },
          ]}
        />
      </Space>
      <SuspendDialog carrier={c} open={suspendOpen} onClose={() => setSuspendOpen(false)} />
    </div>
  );
}
