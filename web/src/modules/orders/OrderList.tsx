// 订单列表: newest first, a cursor page at a time ("load more"), filtered by status, carrier, customer,
// province (origin or destination), ship-date range and a waybill or reference search. The filters live
// in the URL; a staff user saves them as a named view (saved views, resource "orders") like the
// customers list. 异常件: orders with an open exception (a delay, a loss, damage — the tracking module
// raises them from the scans and keeps the order's flag). The toolbar keeps the place of bulk import
// (/orders/import, another screen's). The portal's list (`portal`) is the account's own orders:
// status, dates and search only, no carrier, no customer.
import { DeleteOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Dropdown, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { formatKg, formatMoney } from '../../app/money';
import { useDivisions } from '../customers/formParts';
import type { SavedView } from '../customers/model';
import { CustomerPicker, useCustomerNames } from '../pricing/CustomerPicker';
import { useDivisionName } from '../pricing/DivisionPicker';
import { STATUSES, useCarrierName, useCarriers, useOrderList, type OrderFilters, type OrderSummary } from './api';
import './orders.css';
import { shortPlace, StatusTag } from './parts';

const FILTERS = ['status', 'exception', 'carrier_id', 'customer_id', 'province', 'from', 'to', 'q'] as const;
const PORTAL_FILTERS = ['status', 'from', 'to', 'q'] as const;

function useOrderViews(enabled: boolean) {
  return useQuery({
    queryKey: ['saved-views', 'orders'],
    queryFn: async () => (await api<{ items: SavedView[] }>('GET', '/api/v1/saved-views?resource=orders')).items,
    enabled,
  });
}

export function OrderList({ portal = false }: { portal?: boolean }) {
  const { t, lang, errorText, date } = useI18n();
  const { can, user } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const keys = portal ? PORTAL_FILTERS : FILTERS;
  const filters = useMemo(() => {
    const f: OrderFilters = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params, keys]);
  const active = keys.filter((k) => k !== 'q' && filters[k]).length;
  const hasQuery = active > 0 || !!filters.q;
  // A salesperson lists one account at a time (the API asks for customer_id).
  const needsCustomer = !portal && user?.role === 'sales' && !filters.customer_id;
  const list = useOrderList(filters, !needsCustomer);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const canCarriers = !portal && can('carriers.read');
  const carriers = useCarriers(canCarriers);
  const carrierName = useCarrierName(canCarriers);
  const placeName = useDivisionName();
  const divisions = useDivisions();
  const customerNames = useCustomerNames(portal ? [] : items.map((o) => o.customer_id));

  const set = (changes: Partial<Record<string, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const clear = () => setParams(new URLSearchParams());

  // Saved views (staff).
  const viewsAllowed = !portal && can('saved_views.read');
  const views = useOrderViews(viewsAllowed);
  const [saveOpen, setSaveOpen] = useState(false);
  const [viewName, setViewName] = useState('');
  const saveView = async () => {
    try {
      await api('POST', '/api/v1/saved-views', { body: { resource: 'orders', name: viewName.trim(), query: filters } });
      message.success(t('orders.viewSaved'));
      setSaveOpen(false);
      setViewName('');
      void views.refetch();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const deleteView = (view: SavedView) => modal.confirm({
    title: t('orders.deleteView'),
    content: `${view.name} — ${t('common.confirmDelete')}`,
    okButtonProps: { danger: true },
    okText: t('common.delete'),
    cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        await api('DELETE', `/api/v1/saved-views/${view.id}`);
        message.success(t('orders.viewDeleted'));
        void views.refetch();
      } catch (e) {
        message.error(errorText(e));
      }
    },
  });
  const viewItems: MenuProps['items'] = views.data?.length
    ? views.data.map((v) => ({
        key: String(v.id),
        label: (
          <Space style={{ width: '100%', justifyContent: 'space-between' }} data-testid="saved-view">
            <span>{v.name}</span>
            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`${t('orders.deleteView')} ${v.name}`}
              onClick={(e) => { e.stopPropagation(); deleteView(v); }} />
          </Space>
        ),
      }))
    : [{ key: 'none', label: t('orders.noViews'), disabled: true }];
  const applyView = (view: SavedView) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(view.query ?? {})) if (v !== null && v !== undefined && v !== '') next.set(k, String(v));
    setParams(next);
  };

  const newPath = portal ? '/orders/new' : '/orders/new';
  const actions = (
    <Space wrap>
      {viewsAllowed && (
        <Dropdown trigger={['click']} menu={{ items: viewItems, onClick: ({ key }) => { const v = views.data?.find((x) => String(x.id) === key); if (v) applyView(v); } }}>
          <Button data-testid="saved-views">{t('orders.savedViews')}</Button>
        </Dropdown>
      )}
      {!portal && can('saved_views.create') && (
        <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} data-testid="save-view">{t('orders.saveView')}</Button>
      )}
      {/* SLOT(orders import): the import screen is another developer's; its route is /orders/import. */}
      {can('orders.create') && (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/orders/import')} data-testid="import-orders">{t('orders.import')}</Button>
      )}
      {can('orders.create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPath)} data-testid="new-order">
          {portal ? t('portalOrders.new') : t('orders.new')}
        </Button>
      )}
    </Space>
  );

  const col = (node: React.ReactNode, key: string, xl = portal ? 6 : 4) => <Col xs={24} sm={12} md={8} xl={xl} key={key}>{node}</Col>;
  const range = filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] as [dayjs.Dayjs | null, dayjs.Dayjs | null] : null;
  const filterForm = (
    <Form layout="vertical" component="div" data-testid="order-filters">
      <Row gutter={12}>
        {col(
          <Form.Item label={t('orders.filter.status')} htmlFor="orders-status" style={{ marginBottom: 8 }}>
            <Select id="orders-status" allowClear value={filters.status} data-testid="filter-status" onChange={(v?: string) => set({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: t(`order.status.${s}` as MessageKey) }))} />
          </Form.Item>, 'status')}
        {!portal && col(
          <Form.Item label={t('orders.filter.exception')} htmlFor="orders-exception" style={{ marginBottom: 8 }}>
            <Select id="orders-exception" allowClear value={filters.exception} data-testid="filter-exception"
              onChange={(v?: string) => set({ exception: v })}
              options={[{ value: '1', label: t('orders.filter.exception.yes') }, { value: '0', label: t('orders.filter.exception.no') }]} />
          </Form.Item>, 'exception')}
        {!portal && canCarriers && col(
          <Form.Item label={t('orders.filter.carrier')} htmlFor="orders-carrier" style={{ marginBottom: 8 }}>
            <Select id="orders-carrier" allowClear showSearch optionFilterProp="label" value={filters.carrier_id} data-testid="filter-carrier"
              onChange={(v?: string) => set({ carrier_id: v })}
              options={(carriers.data ?? []).map((c) => ({ value: String(c.id), label: lang === 'zh' ? c.name_zh : c.name_en || c.name_zh }))} />
          </Form.Item>, 'carrier')}
        {!portal && col(
          <Form.Item label={t('orders.filter.customer')} htmlFor="orders-customer" style={{ marginBottom: 8 }}>
            <CustomerPicker id="orders-customer" testId="filter-customer" value={filters.customer_id ? Number(filters.customer_id) : null}
              onChange={(v) => set({ customer_id: v ? String(v) : undefined })} />
          </Form.Item>, 'customer', 6)}
        {!portal && col(
          <Form.Item label={t('orders.filter.province')} htmlFor="orders-province" style={{ marginBottom: 8 }}>
            <Select id="orders-province" allowClear showSearch optionFilterProp="label" value={filters.province} data-testid="filter-province"
              onChange={(v?: string) => set({ province: v })} loading={!divisions.data}
              options={(divisions.data ?? []).map((p) => ({ value: p.code, label: p.name }))} />
          </Form.Item>, 'province')}
        {col(
          <Form.Item label={t('orders.filter.dates')} htmlFor="orders-dates" style={{ marginBottom: 8 }}>
            <DatePicker.RangePicker id="orders-dates" style={{ width: '100%' }} value={range} allowEmpty={[true, true]} data-testid="filter-dates"
              placeholder={[t('orders.filter.from'), t('orders.filter.to')]}
              onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
          </Form.Item>, 'dates', 6)}
      </Row>
    </Form>
  );

  const columns = [
    { title: t('orders.col.waybill'), key: 'waybill', width: 170, fixed: 'left' as const,
      render: (_: unknown, o: OrderSummary) => <Link to={`/orders/${o.id}`} onClick={(e) => e.stopPropagation()} data-testid="order-link">{o.waybill}</Link> },
    { title: t('orders.col.status'), key: 'status', width: 120, render: (_: unknown, o: OrderSummary) => (
      <Space size={4} wrap>
        <StatusTag status={o.status} />
        {!portal && o.has_exception && <Tag color="red" data-testid="order-exception-tag">{t('orders.exceptionTag')}</Tag>}
      </Space>) },
    ...(portal ? [] : [{ title: t('orders.col.customer'), key: 'customer', width: 180, ellipsis: true, render: (_: unknown, o: OrderSummary) => customerNames.get(o.customer_id) ?? `#${o.customer_id}` }]),
    { title: t('orders.col.route'), key: 'route', width: 260, render: (_: unknown, o: OrderSummary) => `${shortPlace(placeName(o.origin))} → ${shortPlace(placeName(o.destination))}` },
    { title: t('orders.col.consignee'), dataIndex: 'consignee_name', width: 100 },
    { title: t('orders.col.weight'), key: 'weight', width: 90, align: 'right' as const, render: (_: unknown, o: OrderSummary) => formatKg(o.weight_grams) },
    { title: t('orders.col.price'), key: 'price', width: 100, align: 'right' as const, render: (_: unknown, o: OrderSummary) => formatMoney(o.price) },
    ...(portal ? [] : [{ title: t('orders.col.carrier'), key: 'carrier', width: 140, render: (_: unknown, o: OrderSummary) => o.carrier_id ? carrierName(o.carrier_id) : <Typography.Text type="secondary">{t('order.mode.none')}</Typography.Text> }]),
    { title: t('orders.col.shipDate'), dataIndex: 'ship_date', width: 110 },
    { title: t('orders.col.promised'), key: 'promised', width: 130, render: (_: unknown, o: OrderSummary) => date(o.promised_at) },
    { title: t('orders.col.reference'), dataIndex: 'reference', width: 140, ellipsis: true },
  ];

  const empty = (
    <Empty data-testid="orders-empty" description={hasQuery ? (
      <>
        <div>{t('orders.emptyFiltered')}</div>
        <Typography.Text type="secondary">{t('orders.emptyFilteredHint')}</Typography.Text>
        <div style={{ marginTop: 8 }}><Button onClick={clear} data-testid="empty-clear">{t('orders.clearFilters')}</Button></div>
      </>
    ) : (
      <>
        <div>{t(portal ? 'portalOrders.empty' : 'orders.empty')}</div>
        <Typography.Text type="secondary">{t(portal ? 'portalOrders.emptyHint' : 'orders.emptyHint')}</Typography.Text>
      </>
    )} />
  );

  const salesProblem = list.error instanceof ApiError && list.error.fields.some((f) => f.field === 'customer_id' && f.reason === 'required');
  return (
    <div data-testid="order-list" data-loading={list.isFetching ? 'true' : 'false'}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <Input.Search allowClear enterButton style={{ maxWidth: 420 }} defaultValue={filters.q} key={filters.q ?? ''}
            placeholder={t('orders.search')} aria-label={t('orders.search')} data-testid="order-search"
            onSearch={(v) => set({ q: v.trim() || undefined })} />
          {actions}
        </div>
        <Card size="small">
          {filterForm}
          {active > 0 && <Button size="small" onClick={clear} data-testid="clear-filters">{t('orders.clearFilters')}</Button>}
        </Card>
        {(needsCustomer || salesProblem) && <Alert type="info" showIcon message={t('orders.salesPickCustomer')} data-testid="orders-pick-customer" />}
        {list.error && !salesProblem && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" />}
        {!needsCustomer && (
          <Table<OrderSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            scroll={{ x: portal ? 1100 : 1500 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' }, 'data-testid': 'order-row', 'data-waybill': o.waybill, 'data-status': o.status } as React.HTMLAttributes<HTMLElement>)}
            title={() => <Typography.Text data-testid="orders-shown">{t('orders.shown', { n: items.length })}</Typography.Text>}
            footer={list.hasNextPage ? () => (
              <div style={{ textAlign: 'center' }}>
                <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="orders-more">{t('common.loadMore')}</Button>
              </div>
            ) : undefined}
          />
        )}
      </Space>
      <Modal open={saveOpen} title={t('orders.saveView')} onOk={() => void saveView()} onCancel={() => setSaveOpen(false)}
        okText={t('common.save')} cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !viewName.trim(), 'data-testid': 'save-view-ok' } as React.ComponentProps<typeof Button>}>
        <Input placeholder={t('orders.viewName')} aria-label={t('orders.viewName')} value={viewName} maxLength={60}
          onChange={(e) => setViewName(e.target.value)} data-testid="view-name" />
      </Modal>
    </div>
  );
}
