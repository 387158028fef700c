// 我的异常件: the customer's own exceptions (GET /api/v1/customer-exceptions; the server lists a portal
// user's own account's only), open or settled, each with its waybill (to the order), what happened, since
// when and whether we told them. The carrier and our internal outcome are not shown.
import { Button, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { SeverityTag, useKindText } from '../tracking/parts';
import { useAccountExceptions, type AccountException } from './api';
import { ToldTag } from './parts';

const STATES = ['all', 'open', 'resolved'] as const;

export function PortalExceptions() {
  const { t, lang, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = (STATES as readonly string[]).includes(params.get('state') ?? '') ? params.get('state')! : 'all';
  const list = useAccountExceptions({ state });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const kindText = useKindText();
  return (
    <div data-testid="my-exceptions">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('myExceptions.hint')}</Typography.Text>
        <Select aria-label={t('myExceptions.col.state')} style={{ width: 180 }} value={state} data-testid="my-exceptions-state"
          onChange={(v) => setParams(v === 'all' ? {} : { state: v }, { replace: true })}
          options={STATES.map((s) => ({ value: s, label: `${t('myExceptions.col.state')}${lang === 'zh' ? '：' : ': '}${t(`tracking.state.${s}` as MessageKey)}` }))} />
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="my-exceptions-error" />}
        <Table<AccountException>
          rowKey="id"
          dataSource={items}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: list.isPending ? ' ' : <Empty data-testid="my-exceptions-empty" description={<><div>{t('myExceptions.empty')}</div><Typography.Text type="secondary">{t('myExceptions.emptyHint')}</Typography.Text></>} /> }}
          onRow={(x) => ({ 'data-testid': 'my-exception-row', 'data-waybill': x.waybill, 'data-kind': x.kind, 'data-state': x.state } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('exceptions.col.waybill'), key: 'waybill', width: 170, render: (_, x) => <Link to={`/orders/${x.order_id}`}>{x.waybill}</Link> },
            { title: t('exceptions.col.kind'), key: 'kind', width: 140, render: (_, x) => kindText(x) },
            { title: t('exceptions.col.severity'), key: 'severity', width: 100, render: (_, x) => <SeverityTag severity={x.severity} /> },
            { title: t('exceptions.col.since'), key: 'since', width: 160, render: (_, x) => dateTime(x.since) },
            { title: t('exceptions.col.detail'), key: 'detail', width: 260, render: (_, x) => (lang === 'zh' ? x.detail_zh : x.detail_en || x.detail_zh) },
            { title: t('myExceptions.col.state'), key: 'state', width: 100, render: (_, x) => t(`tracking.state.${x.state}` as MessageKey) },
            { title: t('told.col'), key: 'told', width: 150, render: (_, x) => <ToldTag told={x.customer_told} at={x.customer_told_at} /> },
          ]}
          footer={list.hasNextPage ? () => <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button> : undefined}
        />
      </Space>
    </div>
  );
}
