// 订单详情: the waybill, its status and the actions the status and the user's permissions allow — cancel
// while it is cancellable (pending, allocated), a dispatcher's override with a reason (a modal; the
// reason goes into the trail) and allocate again — then the shipper and the consignee (masked, revealed
// with a reason by users with pii.view), the goods, the price line by line, the promise, the allocation
// explained and the history. A portal user sees its own order without the allocation (carriers and
// our costs are internal) and without the history (it names our people). The server has the last word
// on every action; a refusal is shown as a message.
import { RedoOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { formatKg, formatMoney } from '../../app/money';
import { usePageTitle } from '../../app/pageHead';
import { useProductName } from '../pricing/api';
import { useCustomerNames } from '../pricing/CustomerPicker';
import { TrackingCard } from '../tracking/TrackingCard';
import { OrderNotifications } from '../notify/DeliveryLog';
import {
  allocateAgain, CANCELLABLE, cancelOrder, orderChanged, overrideOrder, ORDER_SERVICES, useCarriers, useOrder, type Order, type OrderSummary,
} from './api';

// What the actions need of an order: a list's row will do (the override then offers every active carrier).
type Target = OrderSummary & Partial<Pick<Order, 'allocation'>>;
import { AllocationExplained, OrderHistory, PartyView, PriceBreakdown, StatusTag } from './parts';
import './orders.css';

export function OrderPage({ portal = false }: { portal?: boolean }) {
  const { id } = useParams();
  const { t, dateTime, date } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const order = useOrder(id);
  const product = useProductName();
  const names = useCustomerNames(!portal && order.data ? [order.data.customer_id] : []);
  usePageTitle(order.data ? order.data.waybill : null);

  if (order.isPending) return <Spin data-testid="order-loading" />;
  if (order.error) {
    if (order.error instanceof ApiError && order.error.status === 404) {
      return <Result status="404" title={t('order.notFound')} extra={<Button onClick={() => navigate('/orders')}>{t('order.back')}</Button>} />;
    }
    return <ErrorAlert error={order.error} onRetry={() => void order.refetch()} testId="order-error" />;
  }
  const o = order.data;
  const services = ORDER_SERVICES.filter((s) => (s === 'cod' ? o.services.cod_amount !== null : o.services[s]));
  const dims = o.goods.dimensions_cm;

  return (
    <div data-testid="order-page" data-order-id={o.id}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
            <Space wrap>
              {/* The page's h1 is the waybill already: here it is to copy. */}
              <Typography.Text copyable style={{ fontSize: 18, fontWeight: 600 }}><span data-testid="order-waybill">{o.waybill}</span></Typography.Text>
              <StatusTag status={o.status} testId="order-status" />
              {!portal && o.allocation_mode === 'override' && <Tag color="gold" data-testid="order-overridden">{t('order.mode.override')}</Tag>}
            </Space>
            <OrderActions order={o} portal={portal} />
          </div>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 12 }}>
            {!portal && <Descriptions.Item label={t('orders.col.customer')}>{names.get(o.customer_id) ?? `#${o.customer_id}`}</Descriptions.Item>}
            <Descriptions.Item label={t('order.product')}>{product(o.product)}</Descriptions.Item>
            <Descriptions.Item label={t('order.shipDate')}>{o.ship_date}</Descriptions.Item>
            <Descriptions.Item label={t('order.promisedAt')}><span data-testid="order-promised">{dateTime(o.promised_at)}</span></Descriptions.Item>
            <Descriptions.Item label={t('order.promise')}>{t('order.promisedHours', { n: o.promised_hours })}</Descriptions.Item>
            <Descriptions.Item label={t('order.source')}>{t(`order.source.${o.source}` as MessageKey)}</Descriptions.Item>
            {o.reference && <Descriptions.Item label={t('order.reference')}>{o.reference}</Descriptions.Item>}
            <Descriptions.Item label={t('order.createdAt')}>{date(o.created_at)}</Descriptions.Item>
            {o.cancel_reason && <Descriptions.Item label={t('order.cancelReasonLabel')}>{o.cancel_reason}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <TrackingCard orderId={o.id} portal={portal} />
        {can('notify.read') && <OrderNotifications orderId={o.id} portal={portal} />}
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small" title={<h2 className="order-card-title">{t('order.shipper')}</h2>}><PartyView order={o} which="shipper" /></Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={<h2 className="order-card-title">{t('order.consignee')}</h2>}><PartyView order={o} which="consignee" /></Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={<h2 className="order-card-title">{t('order.goods')}</h2>} style={{ height: '100%' }}>
              <Descriptions column={1} size="small" data-testid="order-goods">
                <Descriptions.Item label={t('order.goods.pieces')}>{o.goods.pieces}</Descriptions.Item>
                <Descriptions.Item label={t('order.goods.weight')}>{formatKg(o.goods.weight_grams)}</Descriptions.Item>
                {dims && <Descriptions.Item label={t('order.goods.dimensions')}>{`${dims.length} × ${dims.width} × ${dims.height} cm`}</Descriptions.Item>}
                <Descriptions.Item label={t('order.goods.category')}>{t(`order.category.${o.goods.category}` as MessageKey)}</Descriptions.Item>
                {o.goods.description && <Descriptions.Item label={t('order.goods.description')}>{o.goods.description}</Descriptions.Item>}
                {o.goods.declared_value && <Descriptions.Item label={t('order.goods.declaredValue')}>{formatMoney(o.goods.declared_value)}</Descriptions.Item>}
                <Descriptions.Item label={t('order.services')}>
                  {services.length ? services.map((s) => t(`order.service.${s}` as MessageKey)).join('、') : t('order.noServices')}
                </Descriptions.Item>
                {o.services.cod_amount && <Descriptions.Item label={t('order.codAmount')}>{formatMoney(o.services.cod_amount)}</Descriptions.Item>}
                {o.notes && <Descriptions.Item label={t('order.notes')}>{o.notes}</Descriptions.Item>}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={<h2 className="order-card-title">{t('order.price')}</h2>} style={{ height: '100%' }}>
              <PriceBreakdown order={o} />
            </Card>
          </Col>
        </Row>
        {!portal && (
          <Card size="small" title={<h2 className="order-card-title">{t('order.allocation')}</h2>}>
            <AllocationExplained order={o} />
          </Card>
        )}
        {!portal && can('orders.history') && (
          <Card size="small" title={<h2 className="order-card-title">{t('order.history')}</h2>}>
            <OrderHistory id={String(o.id)} />
          </Card>
        )}
      </Space>
    </div>
  );
}

// Cancel, override, allocate again: each shown only where the status and the user's permissions allow it.
export function OrderActions({ order, portal, compact = false }: { order: Target; portal: boolean; compact?: boolean }) {
  const { t, errorText } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [busy, setBusy] = useState<'allocate' | null>(null);
  const open = CANCELLABLE.includes(order.status);
  const dispatch = !portal && can('orders.dispatch') && open;

  const again = async () => {
    setBusy('allocate');
    try {
      const o = await allocateAgain(order.id);
      orderChanged(client, o);
      message.success(o.carrier_id ? t('order.allocated') : t('order.stillQueued'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const size = compact ? 'small' : 'middle';
  return (
    <Space wrap onClick={(e) => e.stopPropagation()}>
      {dispatch && (
        <Button size={size} icon={<SwapOutlined />} onClick={() => setOverrideOpen(true)} data-testid="order-override">{t('order.override')}</Button>
      )}
      {dispatch && (
        <Button size={size} icon={<RedoOutlined />} loading={busy === 'allocate'} onClick={() => void again()} data-testid="order-allocate">{t('order.allocateAgain')}</Button>
      )}
      {open && can('orders.cancel') && (
        <Button size={size} danger icon={<StopOutlined />} onClick={() => setCancelOpen(true)} data-testid="order-cancel">{t('order.cancel')}</Button>
      )}
      <CancelDialog order={order} open={cancelOpen} onClose={() => setCancelOpen(false)} />
      {dispatch && <OverrideDialog order={order} open={overrideOpen} onClose={() => setOverrideOpen(false)} />}
    </Space>
  );
}

function CancelDialog({ order, open, onClose }: { order: Target; open: boolean; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const o = await cancelOrder(order.id, reason.trim());
      orderChanged(client, o);
      message.success(t('order.cancelled'));
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('order.cancelTitle', { waybill: order.waybill })} onCancel={onClose} onOk={() => void submit()}
      confirmLoading={busy} okText={t('order.cancelConfirm')} cancelText={t('common.back')} destroyOnClose
      okButtonProps={{ danger: true, 'data-testid': 'cancel-confirm' } as React.ComponentProps<typeof Button>}>
      <Form layout="vertical">
        <Form.Item label={t('order.cancelReason')} htmlFor="order-cancel-reason">
          <Input.TextArea id="order-cancel-reason" rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// 改派: another carrier, any active one (the server checks its capacity that day), and the reason.
function OverrideDialog({ order, open, onClose }: { order: Target; open: boolean; onClose: () => void }) {
  const { t, lang, errorText, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const carriers = useCarriers(can('carriers.read'));
  const [form] = Form.useForm<{ carrier_id?: number; reason?: string }>();
  const [busy, setBusy] = useState(false);
  // Without carriers.read, the order's own candidates are the choice.
  const options = carriers.data
    ? carriers.data.filter((c) => c.status === 'active' && c.id !== order.carrier_id).map((c) => ({ value: c.id, label: lang === 'zh' ? c.name_zh : c.name_en || c.name_zh }))
    : (order.allocation?.candidates ?? []).filter((c) => c.carrier_id !== order.carrier_id).map((c) => ({ value: c.carrier_id, label: c.name }));
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const o = await overrideOrder(order.id, v.carrier_id ?? 0, (v.reason ?? '').trim());
      orderChanged(client, o);
      message.success(t('order.overridden'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        form.setFields(e.fields.filter((f) => f.field === 'carrier_id' || f.field === 'reason')
          .map((f) => ({ name: f.field as 'carrier_id' | 'reason', errors: [fieldMessage(f)] })));
      }
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('order.overrideTitle', { waybill: order.waybill })} onCancel={onClose} onOk={() => void submit()}
      confirmLoading={busy} okText={t('order.overrideConfirm')} cancelText={t('common.cancel')} destroyOnClose
      okButtonProps={{ 'data-testid': 'override-confirm' } as React.ComponentProps<typeof Button>}>
      <Form form={form} layout="vertical" preserve={false} requiredMark={false}>
        <Form.Item name="carrier_id" label={t('order.overrideCarrier')}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('order.overrideCarrierRequired')))) }]}>
          <Select data-testid="override-carrier" loading={carriers.isFetching} showSearch optionFilterProp="label"
            options={options.map((o) => ({ ...o, label: o.label }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('order.overrideReason')}
          rules={[{ validator: (_, v) => (v && String(v).trim() ? Promise.resolve() : Promise.reject(new Error(t('order.overrideReasonRequired')))) }]}>
          <Input.TextArea rows={3} maxLength={200} data-testid="override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
