// Pieces the order screens share: the status tag, a party (寄件人 / 收件人) masked with its reveal, the
// price breakdown (the quote's lines), the allocation explained (every candidate, its score on each
// criterion, the reason it was excluded — in the user's language, as the server wrote it) and the
// order's history.
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { formatKg, formatMoney } from '../../app/money';
import { RevealDialog } from '../customers/Reveal';
import { useDivisionName } from '../pricing/DivisionPicker';
import { CRITERIA, revealParty, useCarrierName, useOrderHistory, type Candidate, type Order, type OrderStatus, type Party } from './api';

const STATUS_COLOURS: Record<OrderStatus, string> = { pending: 'orange', allocated: 'blue', picked_up: 'green', cancelled: 'default' };

export function StatusTag({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]} data-testid={testId} data-status={status}>{t(`order.status.${status}` as MessageKey)}</Tag>;
}

// "广东省 / 深圳市 / 南山区" → "深圳市南山区": the city and the district say where (the lists' routes).
export const shortPlace = (name: string) => name.split(' / ').slice(-2).join('');

// "440305" → "广东省 / 深圳市 / 南山区".
export function Place({ code }: { code: string }) {
  const name = useDivisionName();
  return <>{name(code)}</>;
}

// A sender or receiver: masked for everyone; a user with pii.view reveals the whole party with a reason
// (POST /orders/{id}/reveal, audited and counted like every reveal) and sees it in place.
export function PartyView({ order, which }: { order: Order; which: 'shipper' | 'consignee' }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [shown, setShown] = useState<Party | null>(null);
  const [asking, setAsking] = useState(false);
  const party = shown ?? order[which];
  const masked = !shown && [party.name, party.phone, party.address].some((v) => v.includes('*'));
  return (
    <div data-testid={`party-${which}`} data-revealed={shown ? 'true' : 'false'}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('order.party.name')}><span data-testid={`${which}-name`}>{party.name}</span></Descriptions.Item>
        <Descriptions.Item label={t('order.party.phone')}><span data-testid={`${which}-phone`}>{party.phone}</span></Descriptions.Item>
        <Descriptions.Item label={t('order.party.division')}><Place code={party.division} /></Descriptions.Item>
        <Descriptions.Item label={t('order.party.address')}><span data-testid={`${which}-address`}>{party.address}</span></Descriptions.Item>
      </Descriptions>
      {masked && can('pii.view') && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid={`${which}-show`}>{t('order.reveal')}</Button>
      )}
      {shown && <Typography.Text type="secondary">{t('order.revealHint')}</Typography.Text>}
      <RevealDialog
        open={asking}
        onClose={() => setAsking(false)}
        reveal={async (why) => {
          const p = await revealParty(order.id, which, why);
          setShown(p);
          return p.name;
        }}
        onRevealed={() => setAsking(false)}
      />
    </div>
  );
}

export function PriceBreakdown({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('order.price.zone')}>{t(`pricing.zone.${order.zone}` as MessageKey)}</Descriptions.Item>
        <Descriptions.Item label={t('order.price.chargeable')}>{formatKg(order.chargeable_grams)}</Descriptions.Item>
        {order.contract_id !== null && <Descriptions.Item label={t('order.price.contract')}>{t('common.yes')}</Descriptions.Item>}
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey={(l) => l.code}
        dataSource={order.price_lines}
        onRow={(l) => ({ 'data-testid': 'price-line', 'data-code': l.code } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('order.price.line'), key: 'label', width: 110, render: (_, l) => (lang === 'zh' ? l.label_zh : l.label_en) },
          { title: t('order.price.amount'), key: 'amount', width: 100, align: 'right', render: (_, l) => formatMoney(l.amount) },
          { title: t('order.price.rule'), key: 'rule', render: (_, l) => <Typography.Text type="secondary">{lang === 'zh' ? l.rule_zh : l.rule_en}</Typography.Text> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('order.price.total')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><strong data-testid="order-price">{formatMoney(order.price)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}

// 0–10000 as 0–100 with one decimal ("84.5").
const score = (n: number) => (n / 100).toFixed(1).replace(/\.0$/, '');

// 分单说明: the decision's summary, then every carrier the order was offered to, ranked as the rule
// ranked them (the chosen first, the excluded last), each with its five scores and its reason.
export function AllocationExplained({ order }: { order: Order }) {
  const { t, lang, dateTime } = useI18n();
  const a = order.allocation ?? {};
  const candidates = a.candidates ?? [];
  const summary = lang === 'zh' ? a.summary_zh : a.summary_en;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="allocation">
      {order.status === 'pending' && !a.carrier_id && (
        <Alert type="warning" showIcon message={t('order.allocation.none')} data-testid="allocation-queued" />
      )}
      {summary && <Typography.Text strong data-testid="allocation-summary">{summary}</Typography.Text>}
      {a.mode === 'override' && a.override_reason && (
        <Alert type="info" showIcon data-testid="allocation-override" message={t('order.allocation.override', { reason: a.override_reason })} />
      )}
      {a.decided_at && <Typography.Text type="secondary">{t('order.allocation.decidedAt')}: {dateTime(a.decided_at)}</Typography.Text>}
      <Typography.Text type="secondary">{t('order.allocation.scoreHint')}</Typography.Text>
      <Table<Candidate>
        size="small"
        pagination={false}
        rowKey={(c) => c.carrier_id}
        dataSource={candidates}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('order.allocation.none')} /> }}
        onRow={(c) => ({ 'data-testid': 'candidate-row', 'data-carrier': c.carrier_id, 'data-excluded': c.excluded || 'no' } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('order.allocation.carrier'), key: 'name', width: 170, fixed: 'left',
            render: (_, c) => (
              <Space size={4} wrap>
                <span data-testid="candidate-name">{c.name}</span>
                {c.carrier_id === a.carrier_id && <Tag color="green" data-testid="candidate-chosen">{t('order.allocation.chosen')}</Tag>}
                {c.excluded && <Tag color="red">{t('order.allocation.excluded')}</Tag>}
              </Space>
            ),
          },
          { title: t('order.allocation.total'), key: 'total', width: 90, align: 'right', render: (_, c) => (c.excluded ? '—' : <strong data-testid="candidate-total">{score(c.total)}</strong>) },
          ...CRITERIA.map((k) => ({
            title: t(`order.criterion.${k}` as MessageKey), key: k, width: 80, align: 'right' as const,
            render: (_: unknown, c: Candidate) => (c.excluded ? '—' : <span data-testid={`candidate-score-${k}`}>{score(c.scores[k])}</span>),
          })),
          { title: t('order.allocation.cost'), key: 'cost', width: 100, align: 'right', render: (_, c) => formatMoney(c.cost) || '—' },
          {
            title: t('order.allocation.transit'), key: 'transit', width: 130,
            render: (_, c) => c.transit_hours === null ? '—' : (
              <Space size={4} wrap>
                {t('order.allocation.hours', { n: c.transit_hours })}
                {!c.excluded && !c.meets_promise && <Tag color="orange">{t('order.allocation.missesPromise')}</Tag>}
              </Space>
            ),
          },
          { title: t('order.allocation.reason'), key: 'reason', render: (_, c) => <span data-testid="candidate-reason">{lang === 'zh' ? c.reason_zh : c.reason_en}</span> },
        ]}
      />
    </Space>
  );
}

// 历史: the order's audit trail, newest first (staff only).
export function OrderHistory({ id }: { id: string }) {
  const { t, has, dateTime, lang } = useI18n();
  const { can } = useAuth();
  const carrierName = useCarrierName(can('carriers.read'));
  const history = useOrderHistory(id, true);
  if (history.error) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  const actionName = (a: string) => { const k = `order.action.${a}`; return has(k) ? t(k) : a; };
  const detail = (after: Record<string, unknown> | null) => {
    if (!after) return '';
    const parts: string[] = [];
    if (typeof after.status === 'string') parts.push(t(`order.status.${after.status}` as MessageKey));
    if (typeof after.carrier_id === 'number') parts.push(`${t('order.allocation.carrier')}${lang === 'zh' ? '：' : ': '}${carrierName(after.carrier_id)}`);
    if (typeof after.override_reason === 'string') parts.push(`${t('order.overrideReason')}${lang === 'zh' ? '：' : ': '}${after.override_reason}`);
    if (typeof after.cancel_reason === 'string') parts.push(`${t('order.cancelReason')}${lang === 'zh' ? '：' : ': '}${after.cancel_reason}`);
    return parts.join(' · ');
  };
  return (
    <Table
      size="small"
      loading={history.isPending}
      pagination={false}
      rowKey="id"
      dataSource={history.data ?? []}
      scroll={{ x: 700 }}
      locale={{ emptyText: <Empty description={t('order.history.empty')} /> }}
      onRow={(h) => ({ 'data-testid': 'history-row', 'data-action': h.action } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('order.history.at'), dataIndex: 'at', width: 190, render: (v: string) => dateTime(v) },
        { title: t('order.history.actor'), dataIndex: 'actor', width: 140 },
        { title: t('order.history.action'), dataIndex: 'action', width: 140, render: (v: string) => actionName(v) },
        { title: t('order.history.detail'), key: 'detail', render: (_, h) => detail(h.after) },
      ]}
    />
  );
}
