// 线索列表: the leads the user may see, newest first, with the filters the API has (status, source,
// owner or the unassigned pool, a part of the company name, mine / all). The API pages by cursor, so
// the list grows by "load more". Filters and scope live in the URL; a row opens the lead. Below 768 px
// the rows become cards.
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, Input, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useIsPhone } from '../../app/pageHead';
import { useUserOptions } from '../customers/api';
import '../customers/record.css';
import { useLeadList } from './api';
import { LEAD_SOURCES, LEAD_STATUSES, type Lead } from './model';
import { LeadStatusTag, useRegionName, useUserName } from './parts';
import './leads.css';

const FILTERS = ['status', 'source', 'owner_id'] as const;
const PARAMS = ['q', ...FILTERS, 'scope'] as const;

export function LeadList() {
  const { t, label, dateTime, number } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    if (f.scope !== 'mine') delete f.scope;
    return f;
  }, [params]);
  const list = useLeadList(query);
  const options = useUserOptions();
  const regionName = useRegionName();
  const userName = useUserName();
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = FILTERS.some((k) => query[k]) || !!query.q;

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const clear = () => {
    const next = new URLSearchParams();
    if (query.scope) next.set('scope', query.scope);
    setParams(next);
  };

  const open = (lead: Lead) => navigate(`/leads/${lead.id}`);
  const owner = (lead: Lead) => (lead.owner_id === null ? <Typography.Text type="secondary">{t('lead.unassigned')}</Typography.Text> : userName(lead.owner_id));
  const score = (lead: Lead) => (lead.evaluation ? <span data-testid="lead-score">{lead.evaluation.score}</span> : <Typography.Text type="secondary">—</Typography.Text>);
  const duplicate = (lead: Lead) => (lead.duplicate ? <Tag color="orange" data-testid="lead-duplicate">{t('leads.duplicateYes')}</Tag> : null);
  const company = (lead: Lead) => (
    <Link to={`/leads/${lead.id}`} onClick={(e) => e.stopPropagation()} data-testid="lead-link">{lead.company}</Link>
  );

  const field = (key: string, title: string, control: React.ReactNode) => (
    <Col xs={24} sm={12} md={6} key={key}>
      <Form.Item label={title} htmlFor={`leads-${key}`} style={{ marginBottom: 8 }}>{control}</Form.Item>
    </Col>
  );
  const filters = (
    <Form layout="vertical" component="div" data-testid="lead-filters">
      <Row gutter={12}>
        {field('q', t('leads.search'), (
          <Input.Search id="leads-q" allowClear defaultValue={query.q} key={query.q ?? ''} data-page-search=""
            onSearch={(v) => set('q', v.trim() || undefined)} data-testid="lead-search" />
        ))}
        {field('status', t('leads.filterStatus'), (
          <Select id="leads-status" allowClear value={query.status} onChange={(v?: string) => set('status', v)} data-testid="filter-status"
            options={LEAD_STATUSES.map((s) => ({ value: s, label: label('lead_status', s) }))} />
        ))}
        {field('source', t('leads.filterSource'), (
          <Select id="leads-source" allowClear value={query.source} onChange={(v?: string) => set('source', v)} data-testid="filter-source"
            options={LEAD_SOURCES.map((s) => ({ value: s, label: label('lead_source', s) }))} />
        ))}
        {field('owner_id', t('leads.filterOwner'), (
          <Select id="leads-owner_id" allowClear showSearch optionFilterProp="label" value={query.owner_id}
            onChange={(v?: string) => set('owner_id', v)} data-testid="filter-owner"
            options={[{ value: 'none', label: t('lead.unassigned') },
              ...(options.data?.users ?? []).map((u) => ({ value: String(u.id), label: u.name }))]} />
        ))}
      </Row>
    </Form>
  );

  const empty = (
    <Empty data-testid="leads-empty" description={
      filtered ? (
        <>
          <div>{t('leads.emptyFiltered')}</div>
          <Typography.Text type="secondary">{t('leads.emptyFilteredHint')}</Typography.Text>
          <div style={{ marginTop: 8 }}><Button onClick={clear} data-testid="empty-clear">{t('leads.clearFilters')}</Button></div>
        </>
      ) : query.scope === 'mine' ? (
        <><div>{t('leads.emptyMine')}</div><Typography.Text type="secondary">{t('leads.emptyMineHint')}</Typography.Text></>
      ) : (
        <><div>{t('leads.emptyNone')}</div><Typography.Text type="secondary">{t('leads.emptyNoneHint')}</Typography.Text></>
      )
    } />
  );

  const actions = (
    <Space wrap>
      {can('sales_settings.update') && (
        <Button icon={<SettingOutlined />} onClick={() => navigate('/leads/settings')} data-testid="lead-settings">{t('leads.settings')}</Button>
      )}
      {can('leads.create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/leads/new')} data-testid="new-lead">{t('leads.new')}</Button>
      )}
    </Space>
  );

  const more = list.hasNextPage ? (
    <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="load-more">{t('leads.loadMore')}</Button>
  ) : items.length > 0 ? <Typography.Text type="secondary" data-testid="all-loaded">{t('leads.allLoaded')}</Typography.Text> : null;

  return (
    <div data-testid="lead-list" aria-busy={list.isFetching}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{actions}</div>
        <Tabs
          activeKey={query.scope === 'mine' ? 'mine' : 'all'}
          onChange={(k) => set('scope', k === 'mine' ? 'mine' : undefined)}
          aria-label={t('leads.scopeLabel')}
          items={[
            { key: 'all', label: <span data-testid="scope-all">{t('leads.scope.all')}</span> },
            { key: 'mine', label: <span data-testid="scope-mine">{t('leads.scope.mine')}</span> },
          ]}
        />
        {filters}
        {filtered && <div><Button onClick={clear} data-testid="clear-filters">{t('leads.clearFilters')}</Button></div>}
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" />}
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text data-testid="list-count">{t('leads.loaded', { n: number(items.length) })}</Typography.Text>
          {list.isFetching && !list.isFetchingNextPage && <Spin size="small" aria-label={t('leads.loading')} />}
        </div>
        {phone ? (
          items.length === 0 && !list.isPending ? empty : (
            <ul className="record-cards" aria-label={t('leads.title')}>
              {items.map((lead) => (
                <li key={lead.id}>
                  <Card size="small" style={{ cursor: 'pointer' }} data-testid="lead-row" onClick={() => open(lead)}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                      <span style={{ fontWeight: 600 }}>{company(lead)}</span>
                      <Space size={4} wrap><LeadStatusTag status={lead.status} testId="lead-status" />{duplicate(lead)}</Space>
                    </div>
                    <Typography.Text type="secondary">
                      {label('lead_source', lead.source)} · {label('industry', lead.industry)}{lead.region_code ? ` · ${regionName(lead.region_code)}` : ''}
                    </Typography.Text>
                    <div>{t('lead.owner')}: {owner(lead)} · {t('lead.score')}: {score(lead)}</div>
                  </Card>
                </li>
              ))}
            </ul>
          )
        ) : (
          <Table<Lead>
            rowKey="id"
            size="middle"
            dataSource={items}
            pagination={false}
            loading={list.isPending}
            scroll={{ x: 1200 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            onRow={(lead) => ({ onClick: () => open(lead), style: { cursor: 'pointer' }, 'data-testid': 'lead-row' } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('lead.company'), key: 'company', width: 240, render: (_, lead) => company(lead) },
              { title: t('lead.source'), key: 'source', width: 110, render: (_, lead) => label('lead_source', lead.source) },
              { title: t('lead.industry'), key: 'industry', width: 90, render: (_, lead) => label('industry', lead.industry) },
              { title: t('lead.region'), key: 'region', width: 180, render: (_, lead) => regionName(lead.region_code) },
              { title: t('lead.status'), key: 'status', width: 100, render: (_, lead) => <LeadStatusTag status={lead.status} testId="lead-status" /> },
              { title: t('lead.owner'), key: 'owner', width: 130, render: (_, lead) => owner(lead) },
              { title: t('lead.score'), key: 'score', width: 70, render: (_, lead) => score(lead) },
              { title: t('lead.duplicate'), key: 'duplicate', width: 110, render: (_, lead) => duplicate(lead) },
              { title: t('lead.created'), key: 'created', width: 170, render: (_, lead) => dateTime(lead.created_at) },
            ]}
          />
        )}
        <div style={{ display: 'flex', justifyContent: 'center' }}>{more}</div>
      </Space>
    </div>
  );
}
