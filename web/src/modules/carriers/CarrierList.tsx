// 承运商列表: our own network and the subcontracted carriers, filtered by status, kind, the province
// or city they cover and a search of code and names (all in the URL), with each one's capacity used
// today — a bar per carrier above the table, and the figures in it. Below 768 px the rows are cards.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Cascader, Col, Empty, Form, Input, Progress, Row, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { formatPercent } from '../../app/money';
import { useIsPhone } from '../../app/pageHead';
import { useProductName } from '../pricing/api';
import { useDivisions, type Division } from '../customers/formParts';
import { useCarrierList, useCarrierLoad } from './api';
import { CapacityBars } from './charts';
import { KINDS, STATUSES, type Carrier } from './model';
import { coverageByProvince, KindTag, loadOf, percentOf, StatusTag, useCarrierName, useCoverageText } from './parts';
import './carriers.css';

// Provinces and their cities (a carrier covers no finer grain than a city).
function citiesOnly(provinces: Division[]): Division[] {
  return provinces.map((p) => ({ code: p.code, name: p.name, children: (p.children ?? []).map((c) => ({ code: c.code, name: c.name })) }));
}

// The path of province and city codes to `code` ("4403" → ["44", "4403"]).
function pathTo(code: string | undefined): string[] {
  if (!code) return [];
  return code.length >= 4 ? [code.slice(0, 2), code.slice(0, 4)] : [code.slice(0, 2)];
}

export function CarrierList() {
  const { t, label, number } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
    covering: params.get('covering') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const list = useCarrierList(filters);
  const load = useCarrierLoad();
  const divisions = useDivisions();
  const product = useProductName();
  const nameOf = useCarrierName();
  const coverageText = useCoverageText();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filters).some((v) => !!v);
  const provinces = divisions.data ?? [];
  const cascade = useMemo(() => citiesOnly(divisions.data ?? []), [divisions.data]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const coverage = (c: Carrier) => coverageText(coverageByProvince(c.coverage, provinces), provinces.length, 4);
  const used = (c: Carrier) => loadOf(load.data?.items, c);
  const usedPercent = (c: Carrier) => percentOf(used(c).orders, c.daily_capacity_orders);
  const capacity = (c: Carrier) => (
    <div data-testid="carrier-capacity" style={{ minWidth: 140 }}>
      <Progress percent={Math.min(100, Math.round(usedPercent(c)))} size="small" status={usedPercent(c) >= 90 ? 'exception' : 'normal'}
        format={() => `${number(used(c).orders)}/${number(c.daily_capacity_orders)}`} aria-label={t('carriers.capacityOf', { name: nameOf(c) })} />
    </div>
  );

  const bars = items.filter((c) => c.status === 'active').map((c) => ({
    name: nameOf(c),
    percent: usedPercent(c),
    text: t('carriers.barText', { used: number(used(c).orders), capacity: number(c.daily_capacity_orders) }),
  }));

  const filterBar = (
    <Row gutter={[16, 0]}>
      <Col xs={24} sm={12} md={5}>
        <Form.Item label={t('carriers.filterStatus')} htmlFor="carriers-status" style={{ marginBottom: 8 }}>
          <Select id="carriers-status" allowClear value={filters.status ?? null} placeholder={t('carriers.all')}
            onChange={(v: string | null) => set('status', v ?? undefined)} data-testid="filter-status"
            options={STATUSES.map((s) => ({ value: s, label: label('carrier_status', s) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={5}>
        <Form.Item label={t('carriers.filterKind')} htmlFor="carriers-kind" style={{ marginBottom: 8 }}>
          <Select id="carriers-kind" allowClear value={filters.kind ?? null} placeholder={t('carriers.all')}
            onChange={(v: string | null) => set('kind', v ?? undefined)} data-testid="filter-kind"
            options={KINDS.map((k) => ({ value: k, label: label('carrier_kind', k) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={7}>
        <Form.Item label={t('carriers.filterCovering')} htmlFor="carriers-covering" style={{ marginBottom: 8 }}>
          <Cascader id="carriers-covering" data-testid="filter-covering" changeOnSelect showSearch allowClear
            options={cascade} fieldNames={{ label: 'name', value: 'code', children: 'children' }}
            value={pathTo(filters.covering)} placeholder={t('carriers.anyPlace')}
            onChange={(path) => set('covering', path && path.length > 0 ? String(path[path.length - 1]) : undefined)} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={7}>
        <Form.Item label={t('carriers.search')} htmlFor="carriers-q" style={{ marginBottom: 8 }}>
          <Input.Search id="carriers-q" allowClear defaultValue={filters.q} key={filters.q ?? ''} placeholder={t('carriers.searchHint')}
            onSearch={(v) => set('q', v.trim() || undefined)} data-testid="filter-q" />
        </Form.Item>
      </Col>
      {filtered && (
        <Col xs={24}>
          <Button onClick={() => setParams(new URLSearchParams())} data-testid="clear-filters">{t('carriers.clearFilters')}</Button>
        </Col>
      )}
    </Row>
  );

  const empty = (
    <Empty data-testid="carriers-empty" description={filtered ? t('carriers.emptyFiltered') : (
      <><div>{t('carriers.empty')}</div>{can('carriers.manage') && <Typography.Text type="secondary">{t('carriers.emptyHint')}</Typography.Text>}</>
    )} />
  );

  return (
    <div data-testid="carrier-list" aria-busy={list.isFetching}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {can('carriers.manage') && (
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/carriers/new')} data-testid="new-carrier">{t('carriers.new')}</Button>
          </div>
        )}
        <Card size="small">{filterBar}</Card>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" /> : null}
        {bars.length > 0 && (
          <Card size="small" title={<h2 className="carrier-card-title">{t('carriers.loadTitle', { date: load.data?.date ?? '' })}</h2>} data-testid="load-card">
            <CapacityBars bars={bars} axisName={t('carriers.loadAxis')}
              label={t('carriers.loadLabel', { list: bars.map((b) => `${b.name} ${b.text}`).join('；') })} />
          </Card>
        )}
        <Typography.Text data-testid="list-count">{t('carriers.shown', { n: number(items.length) })}</Typography.Text>
        {phone ? (
          items.length === 0 && !list.isPending ? empty : items.map((c) => (
            <Card key={c.id} size="small" data-testid="carrier-row">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Link to={`/carriers/${c.id}`} style={{ fontWeight: 600 }} data-testid="carrier-link">{nameOf(c)}</Link>
                <StatusTag status={c.status} />
              </div>
              <div><KindTag kind={c.kind} /> {c.code}</div>
              <Typography.Text type="secondary">{coverage(c)}</Typography.Text>
              {capacity(c)}
            </Card>
          ))
        ) : (
          <Table<Carrier>
            rowKey="id"
            size="middle"
            dataSource={items}
            pagination={false}
            loading={list.isPending}
            scroll={{ x: 1100 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            onRow={(c) => ({ 'data-testid': 'carrier-row', 'data-code': c.code } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('carriers.col.name'), key: 'name', width: 200, render: (_, c) => <Link to={`/carriers/${c.id}`} data-testid="carrier-link">{nameOf(c)}</Link> },
              { title: t('carriers.col.code'), key: 'code', width: 110, render: (_, c) => <Typography.Text code>{c.code}</Typography.Text> },
              { title: t('carriers.col.kind'), key: 'kind', width: 110, render: (_, c) => <KindTag kind={c.kind} /> },
              { title: t('carriers.col.status'), key: 'status', width: 100, render: (_, c) => <StatusTag status={c.status} testId="carrier-status" /> },
              { title: t('carriers.col.coverage'), key: 'coverage', render: (_, c) => coverage(c) },
              { title: t('carriers.col.products'), key: 'products', width: 170, render: (_, c) => c.products.map(product).join('、') },
              { title: t('carriers.col.onTime'), key: 'on_time', width: 90, render: (_, c) => formatPercent(c.declared.on_time_bp) },
              { title: t('carriers.col.measured'), key: 'measured', width: 110, render: (_, c) => (c.measured
                ? <span data-testid="carrier-measured" title={t('carriers.measuredOf', { n: number(c.measured.shipments) })}>{formatPercent(c.measured.on_time_bp)}</span>
                : <Typography.Text type="secondary">—</Typography.Text>) },
              { title: t('carriers.col.today'), key: 'today', width: 170, render: (_, c) => capacity(c) },
            ]}
          />
        )}
        {list.hasNextPage && (
          <div style={{ display: 'flex', justifyContent: 'center' }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">{t('common.loadMore')}</Button>
          </div>
        )}
      </Space>
    </div>
  );
}
