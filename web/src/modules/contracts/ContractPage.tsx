// 合同详情: the contract's header (number, state, version, account, term), the actions its state and
// the user's permissions allow (submit, approve / reject, activate, amend, renew, end; print and the
// versions for everyone who may read them), and its terms: a draft is edited in place (TermsEditor),
// anything later is read — a contract in force changes only by an amendment. The server has the last
// word on every action; a refusal (self-approval is 403) is shown above the terms.
import { CheckOutlined, CloseOutlined, DiffOutlined, EditOutlined, PrinterOutlined, SendOutlined, StopOutlined, SyncOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Result, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiWithVersion, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { usePageTitle } from '../../app/pageHead';
import { contractChanged, contractPath, useAccount, useContract, useProductName } from './api';
import type { Approval, Contract } from './model';
import { StateTag, TemplateLine } from './parts';
import { SECTIONS, termRows, type Section } from './termRows';
import { TermsEditor } from './TermsEditor';

type Verb = 'submit' | 'approve' | 'reject' | 'activate' | 'renew' | 'end';

// The terms as sections of labelled values (a contract that is not a draft, or a reader who may not edit).
export function TermsView({ contract }: { contract: Contract }) {
  const { t, label } = useI18n();
  const product = useProductName();
  const rows = termRows(contract.terms, { t, label, product });
  const titles: Record<Section, MessageKey> = {
    services: 'section.services', prices: 'section.prices', transit: 'section.transit', quality: 'section.quality',
    value: 'section.value', payment: 'section.payment', cod: 'section.cod', handling: 'section.handling', term: 'section.term',
    clauses: 'section.clauses', notes: 'section.notes',
  };
  return (
    <div data-testid="terms-view">
      {SECTIONS.map((s) => {
        const here = rows.filter((r) => r.section === s);
        if (here.length === 0) return null;
        return (
          <Card key={s} size="small" className="contract-section" title={<h2 className="contract-section-title">{t(titles[s])}</h2>}>
            {/* SLOT(pricing): in the prices section, <RateCardGrid cardId={contract.terms.rate_card_id} /> and
                <LiveQuote customerId={contract.customer_id} product={…} /> take this place (see TermsEditor). */}
            <Descriptions column={1} size="small" bordered>
              {here.map((r) => (
                <Descriptions.Item key={r.key} label={r.label}>
                  <span data-testid={`term-${r.key}`} style={{ whiteSpace: 'pre-wrap' }}>{r.value}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        );
      })}
    </div>
  );
}

function Approvals({ items }: { items: Approval[] }) {
  const { t, label, dateTime } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary" data-testid="approvals-empty">{t('contract.noApprovals')}</Typography.Text>;
  return (
    <Table<Approval>
      size="small" rowKey={(a) => `${a.round}-${a.step}-${a.decided_at}`} dataSource={items} pagination={false} scroll={{ x: 700 }}
      onRow={() => ({ 'data-testid': 'approval-row' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('contract.col.round'), key: 'round', width: 80, render: (_, a) => t('contract.approvalRound', { n: a.round }) },
        { title: t('contract.col.step'), key: 'step', width: 90, render: (_, a) => label('approver', a.step) },
        { title: t('contract.col.decision'), key: 'decision', width: 90, render: (_, a) => t(`contract.decision.${a.decision}` as MessageKey) },
        { title: t('contract.col.by'), key: 'by', width: 140, render: (_, a) => a.login },
        { title: t('contract.col.reason'), key: 'reason', render: (_, a) => <span style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</span> },
        { title: t('contract.col.at'), key: 'at', width: 180, render: (_, a) => dateTime(a.decided_at) },
      ]}
    />
  );
}

export function ContractPage() {
  const { id } = useParams();
  const { t, label, errorText } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useContract(id);
  const contract = query.data?.body ?? null;
  const revision = query.data?.version ?? null;
  const account = useAccount(contract?.customer_id);
  const [busy, setBusy] = useState<Verb | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reasons, setReasons] = useState('');
  const [editorDirty, setEditorDirty] = useState(false);
  const [tab, setTab] = useState('terms');
  usePageTitle(contract && String(contract.id) === id ? contract.number : null);

  const missing = query.error instanceof ApiError && query.error.status === 404;
  if (missing) {
    return (
      <Result status="404" title={<span data-testid="contract-not-found">{t('contract.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/contracts')}>{t('contract.toList')}</Button>} />
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="contract-error" />;
  if (!contract) return <Spin />;
  const c = contract;

  const act = async (verb: Verb, body?: unknown) => {
    setBusy(verb);
    setActionError(null);
    try {
      const answer = await apiWithVersion<Contract>('POST', `${contractPath(c.id)}/${verb}`, body ? { body } : {});
      contractChanged(queryClient, verb === 'renew' ? undefined : answer);
      if (verb === 'renew') void queryClient.invalidateQueries({ queryKey: ['contract', String(c.id)] });
      const done: Record<Verb, MessageKey> = {
        submit: 'contract.submitted', approve: 'contract.approved', reject: 'contract.rejected', activate: 'contract.activated',
        renew: 'contract.renewed', end: 'contract.ended',
      };
      message.success(t(done[verb]));
      if (verb === 'reject') {
        setRejectOpen(false);
        setReasons('');
      }
      if (verb === 'renew') navigate(`/contracts/${answer.body.id}`);
    } catch (e) {
      setActionError(e);
      message.error(errorText(e));
      if (verb === 'reject') setRejectOpen(false);
    } finally {
      setBusy(null);
    }
  };
  const confirm = (verb: Verb, text: MessageKey, okText: MessageKey) => modal.confirm({
    title: t(text),
    okText: t(okText),
    cancelText: t('common.cancel'),
    okButtonProps: { 'data-testid': `${verb}-confirm` } as Record<string, string>,
    onOk: () => act(verb),
  });

  const inForce = c.state === 'approved' || c.state === 'active' || c.state === 'expiring';
  const pending = c.pending_amendment ?? null;
  const deciding = c.state === 'in_approval' || (inForce && pending !== null);
  const editable = c.state === 'draft' && can('contracts.update');
  const button = (verb: Verb | 'amend', icon: ReactNode, text: MessageKey, onClick: () => void, primary = false, danger = false) => (
    <Button key={verb} icon={icon} type={primary ? 'primary' : 'default'} danger={danger} loading={busy === verb} disabled={busy !== null && busy !== verb}
      onClick={onClick} data-testid={`action-${verb}`}>{t(text)}</Button>
  );
  const actions: ReactNode[] = [];
  if (c.state === 'draft' && can('contracts.update')) {
    actions.push(button('submit', <SendOutlined />, 'contract.submit', () => {
      if (editorDirty) message.warning(t('contract.saveFirst'));
      else void act('submit');
    }, true));
  }
  if (deciding && can('contracts.approve')) {
    actions.push(button('approve', <CheckOutlined />, 'contract.approve', () => void act('approve'), true));
    actions.push(button('reject', <CloseOutlined />, 'contract.reject', () => setRejectOpen(true), false, true));
  }
  if (c.state === 'approved' && can('contracts.activate')) {
    actions.push(button('activate', <ThunderboltOutlined />, 'contract.activate', () => confirm('activate', 'contract.activateConfirm', 'contract.activate'), true));
  }
  if (inForce && !pending && can('contracts.amend')) {
    actions.push(button('amend', <EditOutlined />, 'contract.amend', () => navigate(`/contracts/${c.id}/amend`)));
  }
  if ((c.state === 'active' || c.state === 'expiring') && can('contracts.end')) {
    if (can('contracts.create')) actions.push(button('renew', <SyncOutlined />, 'contract.renew', () => confirm('renew', 'contract.renewConfirm', 'contract.renew')));
    actions.push(button('end', <StopOutlined />, 'contract.end', () => confirm('end', 'contract.endConfirm', 'contract.end'), false, true));
  }
  actions.push(
    <Button key="print" icon={<PrinterOutlined />} href={`${contractPath(c.id)}/print`} target="_blank" rel="noopener noreferrer" data-testid="action-print">
      {t('contract.print')}<span className="visually-hidden">{t('contract.printHint')}</span>
    </Button>,
  );
  if (can('contracts.internal')) {
    actions.push(
      <Button key="versions" icon={<DiffOutlined />} onClick={() => navigate(`/contracts/${c.id}/versions`)} data-testid="action-versions">
        {t('contract.versions')}
      </Button>,
    );
  }

  const rejection = c.state === 'draft' && (c.rejection_reasons?.length ?? 0) > 0;
  return (
    <Card className="contract-page contract-tabs" data-testid="contract-page">
      <div className="contract-head">
        <div className="contract-head-title">
          <span className="contract-number" data-testid="contract-number">{c.number}</span>
          <StateTag state={c.state} testId="contract-state" />
          <Typography.Text data-testid="contract-version">{t('contract.version', { n: c.version })}</Typography.Text>
          <Typography.Text type="secondary">{t('contract.effectiveFrom', { date: c.effective_from })}</Typography.Text>
        </div>
        <Space wrap data-testid="contract-actions">{actions}</Space>
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('contract.account')}>
          <Link to={`/customers/${c.customer_id}`} data-testid="contract-account">{c.customer_name || t('contracts.account', { id: c.customer_id })}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.col.period')}>{c.start_date} ~ {c.end_date}</Descriptions.Item>
        {c.state === 'in_approval' && (c.required_approvals?.length ?? 0) > 0 && (
          <Descriptions.Item label={t('field.approver')}>
            <span data-testid="contract-required">{c.required_approvals!.map((a) => label('approver', a)).join('、')}</span>
          </Descriptions.Item>
        )}
        {c.renewed_from_id ? (
          <Descriptions.Item label={t('contract.renewedFrom')}>
            <Link to={`/contracts/${c.renewed_from_id}`}>#{c.renewed_from_id}</Link>
          </Descriptions.Item>
        ) : null}
        {c.renewal_id ? (
          <Descriptions.Item label={t('contract.renewal')}>
            <Link to={`/contracts/${c.renewal_id}`}>#{c.renewal_id}</Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {actionError !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={actionError} testId="action-error" />
        </div>
      )}
      {c.state === 'draft' && account.data && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="template-applied"
          message={<TemplateLine industry={account.data.industry} testId="contract-template" />} />
      )}
      {rejection && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="rejection-reasons" message={t('contract.rejectionReasons')}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{c.rejection_reasons!.map((r, i) => <li key={i}>{r}</li>)}</ul>} />
      )}
      {pending && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="pending-amendment"
          message={t('contract.pending', { n: pending.version, date: pending.effective_from })}
          description={(
            <Space direction="vertical" size={2}>
              {pending.note && <span>{pending.note}</span>}
              {pending.required_approvals.length > 0 && <span>{t('contract.required', { who: pending.required_approvals.map((a) => label('approver', a)).join('、') })}</span>}
              <Link to={`/contracts/${c.id}/versions?left=${c.version}&right=${pending.version}`} data-testid="pending-compare">{t('contract.pendingCompare')}</Link>
            </Space>
          )} />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'terms',
            label: t('contract.tab.terms'),
            children: editable
              ? <TermsEditor contract={c} revision={revision} mode="draft" onDirtyChange={setEditorDirty} actionError={actionError} />
              : (
                <>
                  {c.state === 'draft' ? null : <Typography.Paragraph type="secondary">{t('contract.readOnly')}</Typography.Paragraph>}
                  <TermsView contract={c} />
                </>
              ),
          },
          ...(c.approvals ? [{
            key: 'approvals',
            label: <span data-testid="approvals-tab">{t('contract.tab.approvals')} ({c.approvals.length})</span>,
            children: <Approvals items={c.approvals} />,
          }] : []),
        ]}
      />
      <Modal open={rejectOpen} title={t('contract.rejectTitle')} onCancel={() => setRejectOpen(false)}
        okText={t('contract.reject')} cancelText={t('common.cancel')} confirmLoading={busy === 'reject'}
        okButtonProps={{ danger: true, disabled: !reasons.trim(), 'data-testid': 'reject-confirm' } as React.ComponentProps<typeof Button>}
        onOk={() => void act('reject', { reasons: reasons.split('\n').map((r) => r.trim()).filter(Boolean) })}>
        <label htmlFor="reject-reasons">{t('contract.rejectReasons')}</label>
        <Input.TextArea id="reject-reasons" rows={4} value={reasons} onChange={(e) => setReasons(e.target.value)} maxLength={2000} data-testid="reject-reasons" />
      </Modal>
    </Card>
  );
}
