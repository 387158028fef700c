// 通知记录: the delivery log (GET /api/v1/notifications, newest first, by cursor). Staff (notify.read)
// see the accounts they may read and filter by status, channel, event, account and order (a waybill or
// an order number; the filters live in the URL); a portal user sees their own account's, without the
// account filter. Each row: when, the account, the event, the channel, the destination (masked), the
// status, the attempts and the last error; a drawer shows the message and each attempt (time, ok, the
// server's answer, ms). "Send again" for a failed or dead message (notify.retry), after a confirmation.
// OrderNotifications is the order page's short list of the same.
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Empty, Input, Popconfirm, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { CustomerPicker, useCustomerNames } from '../pricing/CustomerPicker';
import { CHANNELS, MESSAGE_STATUSES, notificationsChanged, orderIdOf, retryMessage, TOPICS, useDeliveryLog, useMessage, type LogFilters, type Message } from './api';
import { MessageStatusTag, useNotifyWords } from './parts';
import './notify.css';

const FILTERS = ['status', 'channel', 'topic', 'account_id', 'order_id'] as const;

// A waybill of an order id (the inverse of orderIdOf): CS, 12 digits and the Luhn check digit.
export function waybillOf(orderId: number): string {
  const digits = String(orderId).padStart(12, '0');
  let sum = 0;
  let doubled = true;
  for (const c of [...digits].reverse()) {
    let d = Number(c);
    if (doubled) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    doubled = !doubled;
  }
  return `CS${digits}${(10 - (sum % 10)) % 10}`;
}

export function DeliveryLog({ portal = false }: { portal?: boolean }) {
  const { t, dateTime, lang } = useI18n();
  const { can } = useAuth();
  const words = useNotifyWords();
  const [params, setParams] = useSearchParams();
  const filters: LogFilters = {};
  for (const f of FILTERS) if (params.get(f) && !(portal && f === 'account_id')) filters[f] = params.get(f)!;
  const list = useDeliveryLog(filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const names = useCustomerNames(portal ? [] : items.map((x) => x.account_id));
  const [open, setOpen] = useState<number | null>(null);
  const [orderText, setOrderText] = useState(params.get('order_id') ? waybillOf(Number(params.get('order_id'))) : '');
  const [orderBad, setOrderBad] = useState(false);
  const canRetry = !portal && can('notify.retry');

  const setFilter = (name: (typeof FILTERS)[number], value: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filtered = Object.keys(filters).length > 0;
  const orderSearch = (text: string) => {
    if (!text.trim()) { setOrderBad(false); setFilter('order_id', undefined); return; }
    const id = orderIdOf(text);
    setOrderBad(!id);
    if (id) setFilter('order_id', id);
  };
  const option = (prefix: string, label: string) => `${prefix}${lang === 'zh' ? '：' : ': '}${label}`;

  const columns: ProColumns<Message>[] = [
    { title: t('log.col.time'), key: 'time', width: 160, render: (_, m) => dateTime(m.created_at) },
    ...(portal ? [] : [{ title: t('log.col.account'), key: 'account', width: 180, ellipsis: true,
      render: (_: unknown, m: Message) => <Link to={`/customers/${m.account_id}`}>{names.get(m.account_id) ?? `#${m.account_id}`}</Link> }]),
    { title: t('log.col.order'), key: 'order', width: 170, render: (_, m) => (m.order_id ? <Link to={`/orders/${m.order_id}`} data-testid="log-waybill">{waybillOf(m.order_id)}</Link> : '—') },
    { title: t('log.col.topic'), key: 'topic', width: 110, render: (_, m) => <span data-testid="log-topic">{words.topic(m.topic)}</span> },
    { title: t('log.col.channel'), key: 'channel', width: 100, render: (_, m) => words.channel(m.channel) },
    { title: t('log.col.destination'), key: 'destination', width: 200, ellipsis: true, render: (_, m) => <span data-testid="log-destination">{m.destination}</span> },
    { title: t('log.col.status'), key: 'status', width: 100, render: (_, m) => <MessageStatusTag status={m.status} /> },
    { title: t('log.col.attempts'), key: 'attempts', width: 90, align: 'right', render: (_, m) => <span data-testid="log-attempts">{m.attempts}</span> },
    { title: t('log.col.lastError'), key: 'last_error', width: 240, ellipsis: true, render: (_, m) => m.last_error || '—' },
    { title: t('log.col.actions'), key: 'actions', width: 180, fixed: 'right', render: (_, m) => (
      <Space size="small">
        <Button size="small" onClick={() => setOpen(m.id)} data-testid="log-open">{t('log.details')}</Button>
        {canRetry && (m.status === 'failed' || m.status === 'dead') && <RetryButton id={m.id} />}
      </Space>
    ) },
  ];

  return (
    <div data-testid="delivery-log">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(portal ? 'log.portalHint' : 'log.hint')}</Typography.Text>
        <Space wrap align="start">
          <Select aria-label={t('log.filter.status')} style={{ width: 160 }} allowClear placeholder={t('log.filter.status')} data-testid="log-status"
            value={filters.status} onChange={(v) => setFilter('status', v)}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: option(t('log.filter.status'), t(`notify.status.${s}`)) }))} />
          <Select aria-label={t('log.filter.channel')} style={{ width: 160 }} allowClear placeholder={t('log.filter.channel')} data-testid="log-channel"
            value={filters.channel} onChange={(v) => setFilter('channel', v)}
            options={CHANNELS.map((c) => ({ value: c, label: option(t('log.filter.channel'), words.channel(c)) }))} />
          <Select aria-label={t('log.filter.topic')} style={{ width: 180 }} allowClear placeholder={t('log.filter.topic')} data-testid="log-topic-filter"
            value={filters.topic} onChange={(v) => setFilter('topic', v)}
            options={TOPICS.map((x) => ({ value: x, label: option(t('log.filter.topic'), words.topic(x)) }))} />
          {!portal && (
            <div style={{ width: 240 }}>
              <CustomerPicker testId="log-account" ariaLabel={t('log.filter.account')}
                value={filters.account_id ? Number(filters.account_id) : null} onChange={(id) => setFilter('account_id', id ? String(id) : undefined)} />
            </div>
          )}
          <div>
            <Input.Search aria-label={t('log.filter.order')} placeholder={t('log.filter.order')} allowClear style={{ width: 260 }}
              status={orderBad ? 'error' : undefined} value={orderText} data-testid="log-order"
              onChange={(e) => { setOrderText(e.target.value); if (!e.target.value) orderSearch(''); }} onSearch={orderSearch} />
            {orderBad && <div role="alert" className="field-problem">{t('log.filter.orderInvalid')}</div>}
          </div>
        </Space>
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="log-error" />}
        <ProTable<Message>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          search={false}
          options={{ density: true, setting: false, reload: () => void list.refetch(), fullScreen: false }}
          headerTitle={t('log.shown', { n: items.length })}
          pagination={false}
          scroll={{ x: 1400 }}
          onRow={(m) => ({ 'data-testid': 'log-row', 'data-id': m.id, 'data-status': m.status, 'data-topic': m.topic, 'data-channel': m.channel } as React.HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: list.isPending ? ' ' : <Empty data-testid="log-empty" description={t(filtered ? 'log.emptyFiltered' : 'log.empty')} /> }}
          footer={list.hasNextPage ? () => (
            <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>
          ) : undefined}
        />
      </Space>
      <MessageDrawer id={open} onClose={() => setOpen(null)} canRetry={canRetry} />
    </div>
  );
}

function RetryButton({ id, onDone }: { id: number; onDone?: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await retryMessage(id);
      message.success(t('log.retried'));
      notificationsChanged(client);
      onDone?.();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('log.retryConfirm')} onConfirm={() => void retry()} okText={t('log.retry')} cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'log-retry-confirm' } as Record<string, string>}>
      <Button size="small" icon={<SendOutlined />} loading={busy} data-testid="log-retry">{t('log.retry')}</Button>
    </Popconfirm>
  );
}

// One message: what was sent, where, and each attempt.
export function MessageDrawer({ id, onClose, canRetry }: { id: number | null; onClose: () => void; canRetry: boolean }) {
  const { t, dateTime } = useI18n();
  const words = useNotifyWords();
  const query = useMessage(id);
  const m = query.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={id !== null ? t('log.drawerTitle', { id }) : ''} destroyOnClose
      extra={m && <Button icon={<ReloadOutlined />} aria-label={t('common.reload')} onClick={() => void query.refetch()} />}>
      {query.isPending && <Spin />}
      {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {m && (
        <div data-testid="log-drawer" data-status={m.status}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('log.col.status')}>
              <Space><MessageStatusTag status={m.status} />{canRetry && (m.status === 'failed' || m.status === 'dead') && <RetryButton id={m.id} onDone={() => void query.refetch()} />}</Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('log.col.topic')}>{words.topic(m.topic)}</Descriptions.Item>
            <Descriptions.Item label={t('log.col.channel')}>{words.channel(m.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('log.col.destination')}><span data-testid="drawer-destination">{m.destination}</span></Descriptions.Item>
            <Descriptions.Item label={t('log.language')}>{words.language(m.language)}</Descriptions.Item>
            {m.order_id && <Descriptions.Item label={t('log.order')}><Link to={`/orders/${m.order_id}`}>{waybillOf(m.order_id)}</Link></Descriptions.Item>}
            <Descriptions.Item label={t('log.createdAt')}>{dateTime(m.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t('log.sentAt')}>{m.sent_at ? dateTime(m.sent_at) : '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('log.body')}</Typography.Title>
          {m.subject && <div className="preview-subject" data-testid="drawer-subject">{m.subject}</div>}
          <pre className="preview-body" data-testid="drawer-body">{m.body}</pre>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('log.attemptsTitle')}</Typography.Title>
          {m.attempt_log.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('log.noAttempts')} /> : (
            <Timeline
              items={m.attempt_log.map((a) => ({
                color: a.ok ? 'green' : 'red',
                children: (
                  <div data-testid="drawer-attempt" data-ok={a.ok}>
                    <Space wrap>
                      <Typography.Text strong>{t('log.attempt', { n: a.attempt })}</Typography.Text>
                      <Tag color={a.ok ? 'green' : 'red'}>{t(a.ok ? 'log.attempt.ok' : 'log.attempt.failed')}</Tag>
                      <span>{dateTime(a.at)}</span>
                      <Typography.Text type="secondary">{t('log.attempt.ms', { n: a.millis })}</Typography.Text>
                    </Space>
                    {a.detail && <div className="attempt-detail">{a.detail}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </div>
      )}
    </Drawer>
  );
}

// The order page's notifications: what the customer was sent about this order (notify.read).
export function OrderNotifications({ orderId, portal }: { orderId: number; portal: boolean }) {
  const { t, dateTime } = useI18n();
  const words = useNotifyWords();
  const { can } = useAuth();
  const list = useDeliveryLog({ order_id: String(orderId) }, { limit: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card size="small" title={t('log.orderTitle')} data-testid="order-notifications">
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Message>
          size="small"
          rowKey="id"
          pagination={false}
          loading={list.isPending}
          dataSource={items}
          scroll={{ x: 700 }}
          locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('log.orderEmpty')} /> }}
          onRow={(m) => ({ 'data-testid': 'order-notification', 'data-status': m.status, 'data-topic': m.topic } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('log.col.time'), key: 'time', width: 160, render: (_, m) => dateTime(m.created_at) },
            { title: t('log.col.topic'), key: 'topic', width: 110, render: (_, m) => words.topic(m.topic) },
            { title: t('log.col.channel'), key: 'channel', width: 100, render: (_, m) => words.channel(m.channel) },
            { title: t('log.col.destination'), key: 'destination', ellipsis: true, render: (_, m) => m.destination },
            { title: t('log.col.status'), key: 'status', width: 100, render: (_, m) => <MessageStatusTag status={m.status} /> },
            { title: t('log.col.actions'), key: 'actions', width: 90, render: (_, m) => <Button size="small" onClick={() => setOpen(m.id)}>{t('log.details')}</Button> },
          ]}
        />
      )}
      <MessageDrawer id={open} onClose={() => setOpen(null)} canRetry={!portal && can('notify.retry')} />
    </Card>
  );
}
