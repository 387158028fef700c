// 待分配 / 已改派: the dispatcher's queue (GET /orders?queue=1) — orders no carrier could take (pending)
// and orders a dispatcher gave to a carrier by hand (allocated by override) — each with its actions:
// allocate again, override with a reason, cancel. "Allocate the day" runs the batch allocation of the
// day's pending orders (POST /orders/allocate-day) and says what became of them.
import { ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { formatKg } from '../../app/money';
import { useCustomerNames } from '../pricing/CustomerPicker';
import { useDivisionName } from '../pricing/DivisionPicker';
import { useCarrierName, useOrderList, type OrderSummary } from './api';
import './orders.css';
import { OrderActions } from './OrderPage';
import { shortPlace, StatusTag } from './parts';

const TABS = { all: {}, pending: { status: 'pending' }, override: { status: 'allocated' } } as const;
type Tab = keyof typeof TABS;

export function DispatchQueue() {
  const { t, date, errorText } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (params.get('tab') as Tab) in TABS ? (params.get('tab') as Tab) : 'all';
  const list = useOrderList({ queue: '1', ...TABS[tab] });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const carrierName = useCarrierName(can('carriers.read'));
  const placeName = useDivisionName();
  const names = useCustomerNames(items.map((o) => o.customer_id));
  const [running, setRunning] = useState(false);

  const allocateDay = async () => {
    setRunning(true);
    try {
      const r = await api<{ date: string; orders: number; allocated: number; queued: number }>('POST', '/api/v1/orders/allocate-day', { body: {} });
      message.success(t('dispatch.allocateDayDone', { date: r.date, orders: r.orders, allocated: r.allocated, queued: r.queued }));
      void client.invalidateQueries({ queryKey: ['orders'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div data-testid="dispatch-queue">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <Typography.Text type="secondary">{t('dispatch.hint')}</Typography.Text>
          <Button icon={<ThunderboltOutlined />} loading={running} onClick={() => void allocateDay()} data-testid="allocate-day">{t('dispatch.allocateDay')}</Button>
        </div>
        <Tabs activeKey={tab} onChange={(k) => setParams(k === 'all' ? {} : { tab: k })}
          items={(Object.keys(TABS) as Tab[]).map((k) => ({ key: k, label: <span data-testid={`queue-tab-${k}`}>{t(`dispatch.tab.${k}` as MessageKey)}</span> }))} />
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && !list.isFetching ? (
          <Empty data-testid="queue-empty" description={<><div>{t('dispatch.empty')}</div><Typography.Text type="secondary">{t('dispatch.emptyHint')}</Typography.Text></>} />
        ) : (
          <Table<OrderSummary>
            rowKey="id"
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1300 }}
            onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' }, 'data-testid': 'queue-row', 'data-waybill': o.waybill } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('orders.col.waybill'), key: 'waybill', width: 170, fixed: 'left', render: (_, o) => <Link to={`/orders/${o.id}`} onClick={(e) => e.stopPropagation()}>{o.waybill}</Link> },
              { title: t('orders.col.status'), key: 'status', width: 110, render: (_, o) => (
                <Space size={4} wrap><StatusTag status={o.status} />{o.allocation_mode === 'override' && <Typography.Text type="secondary">{t('order.mode.override')}</Typography.Text>}</Space>
              ) },
              { title: t('orders.col.customer'), key: 'customer', width: 170, ellipsis: true, render: (_, o) => names.get(o.customer_id) ?? `#${o.customer_id}` },
              { title: t('orders.col.route'), key: 'route', width: 240, render: (_, o) => `${shortPlace(placeName(o.origin))} → ${shortPlace(placeName(o.destination))}` },
              { title: t('orders.col.weight'), key: 'weight', width: 90, align: 'right', render: (_, o) => formatKg(o.weight_grams) },
              { title: t('orders.col.carrier'), key: 'carrier', width: 140, render: (_, o) => (o.carrier_id ? carrierName(o.carrier_id) : '—') },
              { title: t('orders.col.shipDate'), dataIndex: 'ship_date', width: 110 },
              { title: t('orders.col.promised'), key: 'promised', width: 120, render: (_, o) => date(o.promised_at) },
              { title: t('orders.col.actions'), key: 'actions', width: 330, fixed: 'right', render: (_, o) => <OrderActions order={o} portal={false} compact /> },
            ]}
            footer={list.hasNextPage ? () => (
              <div style={{ textAlign: 'center' }}>
                <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>
              </div>
            ) : undefined}
          />
        )}
      </Space>
    </div>
  );
}
