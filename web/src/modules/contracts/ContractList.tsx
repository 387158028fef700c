// 合同列表: the contracts the user may see, filtered by state and account (both in the URL), a cursor
// page at a time ("load more"), oldest first (the server pages by id). Below 768 px the rows are cards.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, Row, Select, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useIsPhone } from '../../app/pageHead';
import { useAccountNames, useContractList } from './api';
import { STATES, type ContractSummary } from './model';
import { AccountPicker, StateTag } from './parts';

export function ContractList() {
  const { t, label, number } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const customerId = params.get('customer_id') ?? undefined;
  const list = useContractList({ state, customer_id: customerId });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const names = useAccountNames(items.map((c) => c.customer_id));
  const filtered = !!state || !!customerId;

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const accountName = (c: ContractSummary) => names.get(c.customer_id) ?? t('contracts.account', { id: c.customer_id });
  const services = (c: ContractSummary) => c.services.map((s) => label('contract_service', s)).join('、');
  const period = (c: ContractSummary) => `${c.start_date} ~ ${c.end_date}`;

  const filters = (
    <Row gutter={[16, 0]}>
      <Col xs={24} sm={12} md={8}>
        <Form.Item label={t('contracts.filterState')} htmlFor="contracts-state" style={{ marginBottom: 8 }}>
          <Select id="contracts-state" allowClear value={state ?? null} placeholder={t('contracts.allStates')}
            onChange={(v: string | null) => set('state', v ?? undefined)} data-testid="filter-state"
            options={STATES.map((s) => ({ value: s, label: label('contract_state', s) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={10}>
        <Form.Item label={t('contracts.filterAccount')} htmlFor="contracts-account" style={{ marginBottom: 8 }}>
          <AccountPicker id="contracts-account" allowClear value={customerId ? Number(customerId) : null} testId="filter-account"
            placeholder={t('contracts.allAccounts')} onChange={(id) => set('customer_id', id ? String(id) : undefined)} />
        </Form.Item>
      </Col>
      {filtered && (
        <Col xs={24} md={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 8 }}>
          <Button onClick={() => setParams(new URLSearchParams())} data-testid="clear-filters">{t('contracts.clearFilters')}</Button>
        </Col>
      )}
    </Row>
  );

  const empty = (
    <Empty data-testid="contracts-empty" description={filtered ? t('contracts.emptyFiltered') : (
      <><div>{t('contracts.empty')}</div>{can('contracts.create') && <Typography.Text type="secondary">{t('contracts.emptyHint')}</Typography.Text>}</>
    )} />
  );

  return (
    <div data-testid="contract-list" aria-busy={list.isFetching}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {can('contracts.create') && (
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/contracts/new')} data-testid="new-contract">{t('contracts.new')}</Button>
          </div>
        )}
        <Card size="small">{filters}</Card>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" /> : null}
        <Typography.Text data-testid="list-count">{t('contracts.shown', { n: number(items.length) })}</Typography.Text>
        {phone ? (
          items.length === 0 && !list.isPending ? empty : items.map((c) => (
            <Card key={c.id} size="small" data-testid="contract-row">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Link to={`/contracts/${c.id}`} style={{ fontWeight: 600 }} data-testid="contract-link">{c.number}</Link>
                <StateTag state={c.state} />
              </div>
              <div>{accountName(c)}</div>
              <Typography.Text type="secondary">{period(c)} · {t('contract.version', { n: c.version })}</Typography.Text>
            </Card>
          ))
        ) : (
          <Table<ContractSummary>
            rowKey="id"
            size="middle"
            dataSource={items}
            pagination={false}
            loading={list.isPending}
            scroll={{ x: 900 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            onRow={() => ({ 'data-testid': 'contract-row' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('contracts.col.number'), key: 'number', width: 130, render: (_, c) => <Link to={`/contracts/${c.id}`} data-testid="contract-link">{c.number}</Link> },
              { title: t('contracts.col.account'), key: 'account', width: 240, render: (_, c) => accountName(c) },
              { title: t('contracts.col.state'), key: 'state', width: 110, render: (_, c) => <StateTag state={c.state} /> },
              { title: t('contracts.col.version'), key: 'version', width: 90, render: (_, c) => t('contract.version', { n: c.version }) },
              { title: t('contracts.col.period'), key: 'period', width: 220, render: (_, c) => period(c) },
              { title: t('contracts.col.services'), key: 'services', render: (_, c) => services(c) },
            ]}
          />
        )}
        {list.hasNextPage && (
          <div style={{ display: 'flex', justifyContent: 'center' }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">{t('common.loadMore')}</Button>
          </div>
        )}
        {!list.hasNextPage && items.length > 0 && <Typography.Text type="secondary" style={{ textAlign: 'center', display: 'block' }}>{t('common.allLoaded')}</Typography.Text>}
      </Space>
    </div>
  );
}
