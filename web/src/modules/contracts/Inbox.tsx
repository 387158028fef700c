// 合同审批 (the approval inbox): the contracts and amendments awaiting the user's step, each with its
// differences from the standard terms as the server works them out (field, standard value, this
// contract's value — the value highlighted), approved or rejected inline; and the user's contract
// notices (expiry warnings).
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { contractPath, useInbox } from './api';
import { bpToPercentText, formatMoney } from '../../app/money';
import type { Difference, InboxApproval } from './model';
import { StateTag } from './parts';

// The English line of each kind of notice (the server writes the Chinese one).
const NOTICE_EN = {
  expiry_warning: 'contractInbox.expiry',
  auto_renewed: 'contractInbox.autoRenewed',
  ended: 'contractInbox.ended',
} as const;

// A difference's field and values in words: quality targets in percent, the account period in days,
// amounts as the server wrote them (¥…), "none" as 无.
export function useDifferenceWords() {
  const { t, has } = useI18n();
  const fieldName = (field: string) => {
    const simple: Record<string, MessageKey> = {
      annual_value: 'field.annualValue', compensation_cap: 'field.compensationCap', account_period_days: 'field.accountPeriod',
      cod: 'section.cod', declared_value_limit: 'field.declaredValueLimit',
    };
    if (simple[field]) return t(simple[field]);
    const key = `field.${field}`;
    return has(key) ? t(key as MessageKey) : field;
  };
  // The server writes amounts as ¥1234567.89 and COD as "100 bp, min ¥2.00, T+7".
  const grouped = (text: string) => text.replace(/¥(\d+)\.(\d\d)/g, (_, whole: string, cents: string) =>
    `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`);
  const value = (field: string, text: string) => {
    if (text === 'none') return t('term.none');
    if (field.startsWith('quality.') && /^\d+$/.test(text)) return `${bpToPercentText(Number(text))}%`;
    if (field === 'account_period_days' && /^\d+$/.test(text)) return t('term.days', { n: text });
    const cod = /^(\d+) bp, min (¥[\d.]+), T\+(\d+)$/.exec(text);
    if (field === 'cod' && cod) return t('term.cod', { rate: bpToPercentText(Number(cod[1])), min: grouped(cod[2]), days: cod[3] });
    return grouped(text);
  };
  return { fieldName, value };
}

function Differences({ items }: { items: Difference[] }) {
  const { t } = useI18n();
  const words = useDifferenceWords();
  if (items.length === 0) return <Typography.Text type="secondary" data-testid="no-differences">{t('contractInbox.noDifferences')}</Typography.Text>;
  return (
    <Table<Difference>
      size="small" rowKey="field" dataSource={items} pagination={false} scroll={{ x: 480 }}
      onRow={(d) => ({ 'data-testid': 'difference', 'data-field': d.field } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('contractInbox.col.field'), key: 'field', render: (_, d) => <span data-testid="difference-field">{words.fieldName(d.field)}</span> },
        { title: t('contractInbox.col.standard'), key: 'standard', render: (_, d) => <span data-testid="difference-standard">{words.value(d.field, d.standard)}</span> },
        {
          title: t('contractInbox.col.proposed'), key: 'proposed',
          render: (_, d) => <mark className="contract-diff-value" data-testid="difference-proposed">{words.value(d.field, d.proposed)}</mark>,
        },
      ]}
    />
  );
}

function ApprovalCard({ item, onDecided }: { item: InboxApproval; onDecided: () => void }) {
  const { t, label, errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reasons, setReasons] = useState('');

  const decide = async (verb: 'approve' | 'reject') => {
    setBusy(verb);
    setError(null);
    try {
      await api('POST', `${contractPath(item.id)}/${verb}`, verb === 'reject'
        ? { body: { reasons: reasons.split('\n').map((r) => r.trim()).filter(Boolean) } } : {});
      message.success(t(verb === 'approve' ? 'contract.approved' : 'contract.rejected'));
      setRejectOpen(false);
      onDecided();
    } catch (e) {
      setError(e);
      setRejectOpen(false);
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const headingId = `inbox-${item.id}-${item.amendment_version ?? 0}`;
  return (
    <Card size="small" className="contract-inbox-item" data-testid="inbox-item" data-contract={item.number}
      title={(
        <h2 className="contract-section-title" id={headingId}>
          <Link to={`/contracts/${item.id}`} data-testid="inbox-contract-link">{item.number}</Link> · {item.customer_name}
        </h2>
      )}
      extra={<StateTag state={item.state} />}>
      <div className="contract-inbox-meta">
        <span data-testid="inbox-step">{t('contractInbox.step', { step: label('approver', item.step) })}</span>
        {item.amendment_version !== null && <Tag color="blue" data-testid="inbox-amendment">{t('contractInbox.amendment', { n: item.amendment_version })}</Tag>}
        <span>{t('contractInbox.annualValue', { value: formatMoney(item.annual_value) })}</span>
        <span>{item.start_date} ~ {item.end_date}</span>
      </div>
      <Typography.Text strong>{t('contractInbox.differences')}</Typography.Text>
      <Differences items={item.differences} />
      {error !== null && <ErrorAlert error={error} testId="inbox-error" style={{ marginTop: 8 }} />}
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={busy !== null} onClick={() => void decide('approve')}
          data-testid="inbox-approve" aria-describedby={headingId}>{t('contract.approve')}</Button>
        <Button danger icon={<CloseOutlined />} disabled={busy !== null} onClick={() => setRejectOpen(true)}
          data-testid="inbox-reject" aria-describedby={headingId}>{t('contract.reject')}</Button>
      </Space>
      <Modal open={rejectOpen} title={`${t('contract.rejectTitle')} ${item.number}`} onCancel={() => setRejectOpen(false)}
        okText={t('contract.reject')} cancelText={t('common.cancel')} confirmLoading={busy === 'reject'}
        okButtonProps={{ danger: true, disabled: !reasons.trim(), 'data-testid': 'reject-confirm' } as React.ComponentProps<typeof Button>}
        onOk={() => void decide('reject')}>
        <label htmlFor={`reject-${headingId}`}>{t('contract.rejectReasons')}</label>
        <Input.TextArea id={`reject-${headingId}`} rows={4} value={reasons} onChange={(e) => setReasons(e.target.value)} maxLength={2000} data-testid="reject-reasons" />
      </Modal>
    </Card>
  );
}

export function ContractInbox() {
  const { t, dateTime, lang } = useI18n();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const inbox = useInbox(true);
  const [tab, setTab] = useState(can('contracts.approve') ? 'approvals' : 'notices');
  const approvals = inbox.data?.approvals ?? [];
  const notices = inbox.data?.notices ?? [];
  const decided = () => {
    void queryClient.invalidateQueries({ queryKey: ['contracts'] });
    void queryClient.invalidateQueries({ queryKey: ['contract'] });
  };
  if (inbox.error) return <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} testId="inbox-load-error" />;
  return (
    <div className="contract-tabs" data-testid="contract-inbox" aria-busy={inbox.isFetching}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(can('contracts.approve') ? [{
            key: 'approvals',
            label: <span data-testid="inbox-tab-approvals">{t('contractInbox.approvals')} ({approvals.length})</span>,
            children: approvals.length === 0 && !inbox.isPending
              ? <Empty description={<span data-testid="inbox-empty">{t('contractInbox.noApprovals')}</span>} />
              : approvals.map((a) => <ApprovalCard key={`${a.id}-${a.amendment_version ?? 0}`} item={a} onDecided={decided} />),
          }] : []),
          {
            key: 'notices',
            label: <span data-testid="inbox-tab-notices">{t('contractInbox.notices')} ({notices.length})</span>,
            children: notices.length === 0
              ? <Empty description={t('contractInbox.noNotices')} />
              : (
                <List
                  dataSource={notices}
                  renderItem={(n) => (
                    <List.Item data-testid="inbox-notice">
                      <List.Item.Meta
                        title={(
                          <Link to={`/contracts/${n.contract_id}`}>
                            {/* The server writes the notice in Chinese; English says the same from its parts. */}
                            {lang === 'zh' ? n.message : t(NOTICE_EN[n.kind], { id: n.contract_id, date: n.about })}
                          </Link>
                        )}
                        description={dateTime(n.created_at)}
                      />
                    </List.Item>
                  )}
                />
              ),
          },
        ]}
      />
    </div>
  );
}
