// 异常件: the dispatcher's exception queue (orders.dispatch) — GET /api/v1/exceptions filtered by state,
// kind and carrier (the filters live in the URL), each row with its waybill (to the order page), kind,
// severity, responsible party, since when, the detail in the user's language; resolved one at a time or
// a selection at once, always with an outcome (a modal). The server resolves one per request: a bulk
// resolve sends them one after another and says how many failed and why.
import { CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useCarrierName, useCarriers } from '../orders/api';
import { EXCEPTION_STATES, exceptionsChanged, KINDS, resolveException, useExceptions, type ExceptionFilters, type ExceptionState, type TrackingException } from './api';
import { ToldTag } from '../notify/parts';
import { SeverityTag, useKindText, usePartyText } from './parts';
import './tracking.css';

export function ExceptionQueue() {
  const { t, lang, dateTime } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = (EXCEPTION_STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as ExceptionState) : 'open';
  const filters: ExceptionFilters = {
    state,
    kind: params.get('kind') ?? undefined,
    carrier_id: params.get('carrier_id') ?? undefined,
    order_id: params.get('order_id') ?? undefined,
  };
  const list = useExceptions(filters);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const readCarriers = can('carriers.read');
  const carriers = useCarriers(readCarriers);
  const carrierName = useCarrierName(readCarriers);
  const kindText = useKindText();
  const partyText = usePartyText();
  const [selected, setSelected] = useState<number[]>([]);
  const [resolving, setResolving] = useState<TrackingException[] | null>(null);

  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
    setSelected([]);
  };
  const filtered = !!(filters.kind || filters.carrier_id || filters.order_id || state !== 'open');
  const byId = new Map(items.map((x) => [x.id, x]));
  const openIds = items.filter((x) => x.state === 'open').map((x) => x.id);

  return (
    <div data-testid="exception-queue">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('exceptions.hint')}</Typography.Text>
        <Space wrap>
          <Select aria-label={t('exceptions.filter.state')} style={{ width: 140 }} value={state} data-testid="exceptions-state"
            onChange={(v) => setFilter('state', v === 'open' ? undefined : v)}
            options={EXCEPTION_STATES.map((s) => ({ value: s, label: `${t('exceptions.filter.state')}${lang === 'zh' ? '：' : ': '}${t(`tracking.state.${s}` as MessageKey)}` }))} />
          <Select aria-label={t('exceptions.filter.kind')} style={{ width: 200 }} allowClear placeholder={t('exceptions.filter.kind')} data-testid="exceptions-kind"
            value={filters.kind} onChange={(v) => setFilter('kind', v)}
            options={KINDS.map((k) => ({ value: k, label: kindText({ kind: k, kind_zh: '' }) }))} />
          {readCarriers && (
            <Select aria-label={t('exceptions.filter.carrier')} style={{ width: 200 }} allowClear showSearch optionFilterProp="label"
              placeholder={t('exceptions.filter.carrier')} data-testid="exceptions-carrier" loading={carriers.isFetching}
              value={filters.carrier_id} onChange={(v) => setFilter('carrier_id', v)}
              options={(carriers.data ?? []).map((c) => ({ value: String(c.id), label: lang === 'zh' ? c.name_zh : c.name_en || c.name_zh }))} />
          )}
          {filters.order_id && <Button onClick={() => setFilter('order_id', undefined)}>{`#${filters.order_id} ×`}</Button>}
          {openIds.length > 0 && selected.length < openIds.length && (
            <Button data-testid="exceptions-select-all" onClick={() => setSelected(openIds)}>{t('exceptions.selectAll', { n: openIds.length })}</Button>
          )}
          {selected.length > 0 && (
            <Button type="primary" icon={<CheckOutlined />} data-testid="exceptions-resolve-selected"
              onClick={() => setResolving(selected.map((id) => byId.get(id)).filter((x): x is TrackingException => !!x))}>
              {t('exceptions.resolveSelected', { n: selected.length })}
            </Button>
          )}
        </Space>
        {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && items.length === 0 && !list.isFetching ? (
          <Empty data-testid="exceptions-empty" description={<><div>{t('exceptions.empty')}</div>{filtered && <Typography.Text type="secondary">{t('exceptions.emptyHint')}</Typography.Text>}</>} />
        ) : (
          <Table<TrackingException>
            rowKey="id"
            dataSource={items}
            loading={list.isFetching && !list.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1650 }}
            rowSelection={{
              // antd copies the select-all checkbox into its hidden measuring row, where it can still take
              // the focus (axe: aria-hidden-focus); the toolbar's "select all" stands in for it.
              hideSelectAll: true,
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as number[]),
              getCheckboxProps: (x) => ({ disabled: x.state !== 'open', 'aria-label': x.waybill } as object),
            }}
            onRow={(x) => ({ 'data-testid': 'exception-row', 'data-waybill': x.waybill, 'data-kind': x.kind, 'data-state': x.state } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('exceptions.col.waybill'), key: 'waybill', width: 170, fixed: 'left', render: (_, x) => <Link to={`/orders/${x.order_id}`} data-testid="exception-waybill">{x.waybill}</Link> },
              { title: t('exceptions.col.kind'), key: 'kind', width: 140, render: (_, x) => <span data-testid="exception-kind">{kindText(x)}</span> },
              { title: t('exceptions.col.severity'), key: 'severity', width: 100, render: (_, x) => <SeverityTag severity={x.severity} /> },
              { title: t('exceptions.col.party'), key: 'party', width: 100, render: (_, x) => partyText(x.party) },
              ...(readCarriers ? [{ title: t('exceptions.col.carrier'), key: 'carrier', width: 140, render: (_: unknown, x: TrackingException) => (x.carrier_id ? carrierName(x.carrier_id) : '—') }] : []),
              { title: t('exceptions.col.since'), key: 'since', width: 160, render: (_, x) => dateTime(x.since) },
              { title: t('exceptions.col.detail'), key: 'detail', width: 280, render: (_, x) => <span data-testid="exception-detail">{lang === 'zh' ? x.detail_zh : x.detail_en || x.detail_zh}</span> },
              { title: t('told.col'), key: 'told', width: 150, render: (_, x) => <ToldTag told={x.customer_told} at={x.customer_told_at} /> },
              { title: t('exceptions.col.state'), key: 'state', width: 200, render: (_, x) => (x.state === 'open' ? t('tracking.state.open') : (
                <span data-testid="exception-outcome">{t('tracking.resolvedWith', { outcome: x.outcome })}</span>
              )) },
              { title: t('exceptions.col.actions'), key: 'actions', width: 100, fixed: 'right', render: (_, x) => x.state === 'open' && (
                <Button size="small" data-testid="exception-resolve" onClick={() => setResolving([x])}>{t('exceptions.resolve')}</Button>
              ) },
            ]}
            footer={() => (
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography.Text type="secondary">{t('exceptions.shown', { n: items.length })}</Typography.Text>
                {list.hasNextPage && <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>}
              </div>
            )}
          />
        )}
      </Space>
      <ResolveDialog targets={resolving} onClose={(done) => {
        setResolving(null);
        if (done) setSelected((s) => s.filter((id) => !done.includes(id)));
      }} />
    </div>
  );
}

// One outcome for one exception or for a selection; each is resolved by its own request.
function ResolveDialog({ targets, onClose }: { targets: TrackingException[] | null; onClose: (resolved?: number[]) => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ outcome?: string }>();
  const [busy, setBusy] = useState(false);
  const open = !!targets && targets.length > 0;
  const submit = async () => {
    if (!targets) return;
    const v = await form.validateFields();
    const outcome = (v.outcome ?? '').trim();
    setBusy(true);
    const done: number[] = [];
    let failure: unknown = null;
    for (const x of targets) {
      try {
        await resolveException(x.id, outcome);
        done.push(x.id);
      } catch (e) {
        failure ??= e;
      }
    }
    setBusy(false);
    exceptionsChanged(client);
    if (failure) message.error(t('exceptions.resolvedSome', { n: done.length, failed: targets.length - done.length, error: errorText(failure) }));
    else message.success(t('exceptions.resolved', { n: done.length }));
    onClose(done);
  };
  const title = !targets ? '' : targets.length === 1 ? t('exceptions.resolveTitle', { waybill: targets[0].waybill }) : t('exceptions.resolveManyTitle', { n: targets.length });
  return (
    <Modal open={open} title={title} onCancel={() => onClose()} onOk={() => void submit()} confirmLoading={busy}
      okText={t('exceptions.resolveConfirm')} cancelText={t('common.cancel')} destroyOnClose
      okButtonProps={{ 'data-testid': 'resolve-confirm' } as React.ComponentProps<typeof Button>}>
      <Form form={form} layout="vertical" preserve={false} requiredMark={false}>
        <Form.Item name="outcome" label={t('exceptions.outcome')}
          rules={[{ validator: (_, v) => (v && String(v).trim() ? Promise.resolve() : Promise.reject(new Error(t('exceptions.outcomeRequired')))) }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('exceptions.outcomePlaceholder')} data-testid="resolve-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
