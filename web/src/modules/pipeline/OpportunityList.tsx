// The list view of the opportunities: filters by stage and outcome (with the page's owner filter) sent
// to the server, pages of 50 loaded on request (the API pages by cursor, newest first, and answers no
// total), and every column sortable over the rows loaded so far (the API has no sort; the page says
// so). Filters and sort live in the URL. On a phone the rows are cards.
import { Button, Col, Empty, Form, Grid, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useAccountNames, useOpportunityList, type UserOptions } from './api';
import { OUTCOMES, STAGES, type Opportunity } from './model';
import { formatFen } from '../../app/money';
import { weightedFen } from './money';

const LIMIT = 50;
const SORT_KEYS = ['name', 'account', 'owner', 'stage', 'outcome', 'probability', 'volume', 'revenue', 'weighted', 'updated'] as const;
type SortKey = (typeof SORT_KEYS)[number];

interface Props {
  ownerId: string | undefined;
  names: UserOptions['users'] | undefined;
  params: URLSearchParams;
  set: (changes: Record<string, string | undefined>) => void;
}

export function OpportunityList({ ownerId, names, params, set }: Props) {
  const { t, label, number, dateTime } = useI18n();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const stage = params.get('stage') ?? undefined;
  const outcome = params.get('outcome') ?? undefined;
  const list = useOpportunityList({ stage, outcome, owner_id: ownerId }, LIMIT);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const accounts = useAccountNames(rows.map((o) => o.account_id));
  const ownerName = (id: number | null) =>
    id === null ? t('pipeline.unassigned') : names?.find((u) => u.id === id)?.name ?? t('pipeline.user', { id });
  const accountName = (id: number) => accounts.get(id) ?? t('pipeline.account', { id });

  const rawSort = params.get('sort') ?? '';
  const sortKey = SORT_KEYS.find((k) => rawSort === k || rawSort === `-${k}`);
  const descending = rawSort.startsWith('-');
  const sortValue = (o: Opportunity, k: SortKey): string | number => {
    switch (k) {
      case 'name': return o.name;
      case 'account': return accountName(o.account_id);
      case 'owner': return ownerName(o.owner_id);
      case 'stage': return STAGES.indexOf(o.stage);
      case 'outcome': return OUTCOMES.indexOf(o.outcome);
      case 'probability': return o.probability;
      case 'volume': return o.monthly_volume ?? -1;
      case 'revenue': return o.monthly_revenue?.amount_minor ?? -1;
      case 'weighted': return Number(weightedFen([o]));
      case 'updated': return o.updated_at;
    }
  };
  const sorted = useMemo(() => {
    if (!sortKey) return rows;
    const collator = new Intl.Collator('zh-CN');
    const out = [...rows].sort((a, b) => {
      const x = sortValue(a, sortKey);
      const y = sortValue(b, sortKey);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return c !== 0 ? c : b.id - a.id;
    });
    return descending ? out.reverse() : out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, sortKey, descending, accounts, names]);

  const order = (k: SortKey): SortOrder => (sortKey === k ? (descending ? 'descend' : 'ascend') : null);
  const money = (o: Opportunity) => (o.monthly_revenue ? formatFen(o.monthly_revenue.amount_minor) : '—');
  const outcomeTag = (o: Opportunity) => (
    <Tag color={o.outcome === 'won' ? 'green' : o.outcome === 'lost' ? 'red' : 'blue'} data-testid="row-outcome">{label('outcome', o.outcome)}</Tag>
  );

  const columns: ColumnsType<Opportunity> = [
    { title: t('pipeline.list.name'), key: 'name', sorter: true, sortOrder: order('name'), width: 220,
      render: (_, o) => <Link to={`/opportunities/${o.id}`} onClick={(e) => e.stopPropagation()} data-testid="row-name">{o.name}</Link> },
    { title: t('pipeline.list.account'), key: 'account', sorter: true, sortOrder: order('account'), width: 200,
      render: (_, o) => <span data-testid="row-account">{accountName(o.account_id)}</span> },
    { title: t('pipeline.list.owner'), key: 'owner', sorter: true, sortOrder: order('owner'), width: 120, render: (_, o) => ownerName(o.owner_id) },
    { title: t('pipeline.list.stage'), key: 'stage', sorter: true, sortOrder: order('stage'), width: 120,
      render: (_, o) => <span data-testid="row-stage">{label('stage', o.stage)}</span> },
    { title: t('pipeline.list.outcome'), key: 'outcome', sorter: true, sortOrder: order('outcome'), width: 100, render: (_, o) => outcomeTag(o) },
    { title: t('pipeline.list.probability'), key: 'probability', sorter: true, sortOrder: order('probability'), width: 90, align: 'right',
      render: (_, o) => `${o.probability}%` },
    { title: t('pipeline.list.volume'), key: 'volume', sorter: true, sortOrder: order('volume'), width: 110, align: 'right',
      render: (_, o) => (o.monthly_volume === null ? '—' : number(o.monthly_volume)) },
    { title: t('pipeline.list.revenue'), key: 'revenue', sorter: true, sortOrder: order('revenue'), width: 140, align: 'right', render: (_, o) => money(o) },
    { title: t('pipeline.list.weighted'), key: 'weighted', sorter: true, sortOrder: order('weighted'), width: 140, align: 'right',
      render: (_, o) => (o.monthly_revenue ? formatFen(weightedFen([o])) : '—') },
    { title: t('pipeline.list.updated'), key: 'updated', sorter: true, sortOrder: order('updated'), width: 170, render: (_, o) => dateTime(o.updated_at) },
  ];

  const filtered = !!(stage || outcome || ownerId);
  const empty = (
    <Empty data-testid="list-empty" description={filtered ? (
      <>
        <div>{t('pipeline.emptyFiltered')}</div>
        <Button style={{ marginTop: 8 }} onClick={() => set({ stage: undefined, outcome: undefined, owner_id: undefined })} data-testid="list-clear">
          {t('pipeline.clearFilters')}
        </Button>
      </>
    ) : (
      <><div>{t('pipeline.empty')}</div><Typography.Text type="secondary">{t('pipeline.emptyHint')}</Typography.Text></>
    )} />
  );

  const filters = (
    <Row gutter={12}>
      <Col xs={24} sm={12} md={8} lg={6}>
        <Form.Item label={t('pipeline.list.stage')} htmlFor="pipeline-stage" style={{ marginBottom: 8 }}>
          <Select id="pipeline-stage" allowClear placeholder={t('pipeline.allStages')} value={stage} onChange={(v?: string) => set({ stage: v })} data-testid="filter-stage"
            options={STAGES.map((s) => ({ value: s, label: label('stage', s) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} md={8} lg={6}>
        <Form.Item label={t('pipeline.list.outcome')} htmlFor="pipeline-outcome" style={{ marginBottom: 8 }}>
          <Select id="pipeline-outcome" allowClear placeholder={t('pipeline.allOutcomes')} value={outcome} onChange={(v?: string) => set({ outcome: v })} data-testid="filter-outcome"
            options={OUTCOMES.map((s) => ({ value: s, label: label('outcome', s) }))} />
        </Form.Item>
      </Col>
      {phone && (
        <Col xs={24}>
          <Form.Item label={t('pipeline.list.sortBy')} htmlFor="pipeline-sort" style={{ marginBottom: 8 }}>
            <Select id="pipeline-sort" value={rawSort || ''} onChange={(v: string) => set({ sort: v || undefined })} data-testid="list-sort"
              options={[
                { value: '', label: t('pipeline.list.sort.newest') },
                ...(['probability', 'revenue', 'weighted', 'stage'] as const).flatMap((k) => [
                  { value: `-${k}`, label: `${t(`pipeline.list.${k}` as MessageKey)} ↓` },
                  { value: k, label: `${t(`pipeline.list.${k}` as MessageKey)} ↑` },
                ]),
              ]} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );

  const more = list.hasNextPage ? (
    <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="list-more">{t('common.loadMore')}</Button>
  ) : null;
  const count = (
    <Typography.Text data-testid="list-count">
      {t(list.hasNextPage ? 'pipeline.list.loaded' : 'pipeline.list.allLoaded', { n: number(rows.length) })}
    </Typography.Text>
  );

  return (
    <div data-testid="opportunity-list" aria-busy={list.isFetching}>
      {filters}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" style={{ marginBottom: 8 }} />}
      <Space style={{ marginBottom: 8 }} wrap>
        {count}
        {sortKey && <Typography.Text type="secondary">{t('pipeline.list.sortNote')}</Typography.Text>}
      </Space>
      {phone ? (
        rows.length === 0 && !list.isPending ? empty : (
          <ul className="pipeline-list-cards">
            {sorted.map((o) => (
              <li key={o.id} className="pipeline-card" data-testid="opportunity-row">
                <Link to={`/opportunities/${o.id}`} className="pipeline-card-name" data-testid="row-name">{o.name}</Link>{' '}
                {outcomeTag(o)}
                <dl className="pipeline-card-facts">
                  <div><dt>{t('pipeline.list.account')}</dt><dd data-testid="row-account">{accountName(o.account_id)}</dd></div>
                  <div><dt>{t('pipeline.list.stage')}</dt><dd data-testid="row-stage">{label('stage', o.stage)}</dd></div>
                  <div><dt>{t('pipeline.list.owner')}</dt><dd>{ownerName(o.owner_id)}</dd></div>
                  <div><dt>{t('pipeline.list.probability')}</dt><dd>{o.probability}%</dd></div>
                  <div><dt>{t('pipeline.list.revenue')}</dt><dd>{money(o)}</dd></div>
                </dl>
              </li>
            ))}
          </ul>
        )
      ) : (
        <Table<Opportunity>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          pagination={false}
          loading={list.isFetching && !list.isFetchingNextPage ? { spinning: true, tip: t('pipeline.list.loading') } : false}
          scroll={{ x: 1400 }}
          locale={{ emptyText: list.isPending ? ' ' : empty }}
          showSorterTooltip={false}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const k = String(s?.columnKey ?? '');
            if (!(SORT_KEYS as readonly string[]).includes(k) || !s.order) set({ sort: undefined });
            else set({ sort: s.order === 'ascend' ? k : `-${k}` });
          }}
          onRow={(o) => ({ onClick: () => navigate(`/opportunities/${o.id}`), style: { cursor: 'pointer' }, 'data-testid': 'opportunity-row' } as React.HTMLAttributes<HTMLElement>)}
        />
      )}
      {more && <div style={{ display: 'flex', justifyContent: 'center', marginTop: 12 }}>{more}</div>}
    </div>
  );
}
