// 商机详情: the opportunity's facts, its edit (name, probability, expected monthly volume and revenue —
// typed in yuan, sent in fen exactly), its stage ("移至…", the moves the pipeline allows), 赢单 (only
// at 交易) and 输单 (a reason and a note). Winning drafts the account's contract on the server; the page
// then opens that contract, or links to the account when the answer names no contract. An id outside
// the caller's scope reads as "not found" (the server answers 404 for both).
import { DownOutlined, EditOutlined, TrophyOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Dropdown, Form, Input, InputNumber, Modal, Result, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { usePageTitle } from '../../app/pageHead';
import { changeStage, markLost, markWon, opportunityChanged, updateOpportunity, useAccountNames, useOpportunity, useUserOptions } from './api';
import { allowedTargets, LOST_REASONS, type LostReason, type Opportunity, type Stage } from './model';
import { amountToFen, fenToYuanText, formatFen } from '../../app/money';
import { weightedFen } from './money';
import './pipeline.css';
import { ActivityTimeline } from '../activities';

export function OpportunityPage() {
  const { id } = useParams();
  const { t, label, errorText, dateTime, number } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useOpportunity(id);
  const options = useUserOptions();
  const o = query.data && String(query.data.id) === id ? query.data : null;
  const accounts = useAccountNames(o ? [o.account_id] : []);
  const missing = query.error instanceof ApiError && query.error.status === 404;
  usePageTitle(o ? o.name : null);
  const [busy, setBusy] = useState<null | 'stage' | 'won'>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [lostOpen, setLostOpen] = useState(false);
  const [wonWithoutContract, setWonWithoutContract] = useState<number | null>(null);  // the account to link to

  if (missing) {
    return (
      <Result status="404" title={<span data-testid="opportunity-not-found">{t('opportunity.notFound')}</span>}
        subTitle={t('opportunity.notFoundHint')}
        extra={<Button type="primary" onClick={() => navigate('/opportunities')}>{t('opportunity.toBoard')}</Button>} />
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="opportunity-error" />;
  if (!o) return <Spin aria-label={t('common.loading')} />;

  const open = o.outcome === 'open';
  const canUpdate = can('opportunities.update') && open;
  const none = t('common.none');
  const ownerName = o.owner_id === null ? t('pipeline.unassigned')
    : options.data?.users.find((u) => u.id === o.owner_id)?.name ?? t('pipeline.user', { id: o.owner_id });
  const accountName = accounts.get(o.account_id) ?? t('pipeline.account', { id: o.account_id });
  const targets = allowedTargets(o.stage);

  const moveTo = async (to: Stage) => {
    setBusy('stage');
    try {
      const updated = await changeStage(o.id, to);
      opportunityChanged(queryClient, updated);
      message.success(t('pipeline.moved', { name: o.name, stage: label('stage', to) }));
    } catch (e) {
      message.error(errorText(e));
      void query.refetch();
    } finally {
      setBusy(null);
    }
  };

  const win = () => {
    modal.confirm({
      title: t('opportunity.wonConfirm'),
      content: t('opportunity.wonConfirmText'),
      okText: t('opportunity.won'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'won-confirm' } as Record<string, string>,
      onOk: async () => {
        setBusy('won');
        try {
          const answer = await markWon(o.id);
          if (answer.opportunity) opportunityChanged(queryClient, answer.opportunity as Opportunity);
          message.success(t('opportunity.wonDone'));
          if (answer.contract_id) navigate(`/contracts/${answer.contract_id}`);
          else setWonWithoutContract(answer.account_id ?? o.account_id);
        } catch (e) {
          message.error(errorText(e));
          void query.refetch();
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const actions = canUpdate && (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="edit-opportunity">{t('opportunity.edit')}</Button>
      <Dropdown trigger={['click']} autoFocus disabled={targets.length === 0 || busy !== null}
        menu={{
          items: targets.map((s) => ({ key: s, label: <span data-testid={`move-to-${s}`}>{label('stage', s)}</span> })),
          onClick: ({ key }) => void moveTo(key as Stage),
        }}>
        <Button loading={busy === 'stage'} aria-haspopup="menu" data-testid="opportunity-move">{t('opportunity.moveTo')} <DownOutlined /></Button>
      </Dropdown>
      <Button type="primary" icon={<TrophyOutlined />} disabled={o.stage !== 'deal'} loading={busy === 'won'}
        aria-describedby={o.stage !== 'deal' ? 'won-hint' : undefined} onClick={win} data-testid="mark-won">
        {t('opportunity.won')}
      </Button>
      <Button danger icon={<CloseCircleOutlined />} onClick={() => setLostOpen(true)} data-testid="mark-lost">{t('opportunity.lost')}</Button>
      {o.stage !== 'deal' && <Typography.Text type="secondary" id="won-hint">{t('opportunity.wonOnlyAtDeal')}</Typography.Text>}
    </Space>
  );

  return (
    <Card>
      <div className="opportunity-head">
        <Space wrap>
          <Tag color="blue" data-testid="opportunity-stage">{label('stage', o.stage)}</Tag>
          <Tag color={o.outcome === 'won' ? 'green' : o.outcome === 'lost' ? 'red' : 'default'} data-testid="opportunity-outcome">{label('outcome', o.outcome)}</Tag>
        </Space>
        {actions}
      </div>
      {wonWithoutContract !== null && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="won-no-contract" message={t('opportunity.wonNoContract')}
          action={<Link to={`/customers/${wonWithoutContract}`} data-testid="won-account-link">{t('opportunity.toAccount')}</Link>} />
      )}
      {!open && wonWithoutContract === null && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="opportunity-closed"
          message={t(o.outcome === 'won' ? 'opportunity.closedWon' : 'opportunity.closedLost')} />
      )}
      <Tabs
        items={[
          {
            key: 'details',
            label: t('opportunity.tab.details'),
            children: (
              <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="opportunity-details">
                <Descriptions.Item label={t('opportunity.field.name')}><span data-testid="opportunity-name">{o.name}</span></Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.account')}>
                  <Link to={`/customers/${o.account_id}`} data-testid="opportunity-account">{accountName}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.owner')}><span data-testid="opportunity-owner">{ownerName}</span></Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.stage')}>{label('stage', o.stage)}</Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.probability')}><span data-testid="opportunity-probability">{o.probability}%</span></Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.volume')}>
                  <span data-testid="opportunity-volume">{o.monthly_volume === null ? none : number(o.monthly_volume)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.revenue')}>
                  <span data-testid="opportunity-revenue">{o.monthly_revenue ? formatFen(o.monthly_revenue.amount_minor) : none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.weighted')}>
                  <span data-testid="opportunity-weighted">{o.monthly_revenue ? formatFen(weightedFen([o])) : none}</span>
                </Descriptions.Item>
                {o.outcome === 'lost' && (
                  <Descriptions.Item label={t('opportunity.field.lostReason')}>
                    <span data-testid="opportunity-lost-reason">{label('lost_reason', o.lost_reason)}</span>
                  </Descriptions.Item>
                )}
                {o.outcome === 'lost' && (
                  <Descriptions.Item label={t('opportunity.field.lostNote')}>
                    <span style={{ whiteSpace: 'pre-wrap' }} data-testid="opportunity-lost-note">{o.lost_note || none}</span>
                  </Descriptions.Item>
                )}
                {o.closed_at && <Descriptions.Item label={t('opportunity.field.closedAt')}>{dateTime(o.closed_at)}</Descriptions.Item>}
                <Descriptions.Item label={t('opportunity.field.createdAt')}>{dateTime(o.created_at)}</Descriptions.Item>
                <Descriptions.Item label={t('opportunity.field.updatedAt')}>{dateTime(o.updated_at)}</Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'activities',
            label: t('opportunity.tab.activities'),
            children: <ActivityTimeline subject={`opportunity:${o.id}`} />,
          },
        ]}
      />
      {editOpen && <EditDialog opportunity={o} onClose={() => setEditOpen(false)} />}
      {lostOpen && <LostDialog opportunity={o} onClose={() => setLostOpen(false)} />}
    </Card>
  );
}

interface EditValues { name: string; probability: number | null; volume: string; revenue: string }

// The edit dialog: a field the server refuses shows the server's reason at that field.
function EditDialog({ opportunity: o, onClose }: { opportunity: Opportunity; onClose: () => void }) {
  const { t, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    let v: EditValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const revenue = v.revenue.trim() === '' ? null : amountToFen(v.revenue);
    const body = {
      name: v.name.trim(),
      probability: v.probability,
      monthly_volume: v.volume.trim() === '' ? null : Number(v.volume.trim()),
      monthly_revenue: revenue === null ? null : { amount_minor: revenue, currency: 'CNY' },
    };
    setSaving(true);
    setError(null);
    try {
      const updated = await updateOpportunity(o.id, body);
      opportunityChanged(queryClient, updated);
      message.success(t('opportunity.saved'));
      onClose();
    } catch (e) {
      const fieldOf: Record<string, keyof EditValues> = {
        name: 'name', probability: 'probability', monthly_volume: 'volume', monthly_revenue: 'revenue', 'monthly_revenue.amount_minor': 'revenue',
      };
      const atFields = e instanceof ApiError ? e.fields.filter((f) => fieldOf[f.field]) : [];
      if (atFields.length > 0) form.setFields(atFields.map((f) => ({ name: fieldOf[f.field], errors: [fieldMessage(f)] })));
      if (atFields.length === 0 || (e instanceof ApiError && e.fields.length > atFields.length)) setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('opportunity.editTitle')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving}
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'edit-save' } as Record<string, string>}>
      {error !== null && <ErrorAlert error={error} testId="edit-error" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="edit-form" initialValues={{
        name: o.name,
        probability: o.probability,
        volume: o.monthly_volume === null ? '' : String(o.monthly_volume),
        revenue: o.monthly_revenue ? fenToYuanText(o.monthly_revenue.amount_minor) : '',
      }}>
        <Form.Item name="name" label={t('opportunity.field.name')} rules={[{ required: true, whitespace: true, message: t('opportunity.nameRequired') }]}>
          <Input maxLength={200} data-testid="edit-name" />
        </Form.Item>
        <Form.Item name="probability" label={t('opportunity.field.probability')}
          rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('opportunity.probabilityInvalid') }]}>
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="edit-probability" />
        </Form.Item>
        <Form.Item name="volume" label={t('opportunity.field.volume')}
          rules={[{ pattern: /^\s*\d{0,12}\s*$/, message: t('opportunity.volumeInvalid') }]}>
          <Input inputMode="numeric" data-testid="edit-volume" />
        </Form.Item>
        <Form.Item name="revenue" label={t('opportunity.field.revenue')}
          rules={[{ validator: (_, value: string) => (!value || value.trim() === '' || amountToFen(value) !== null ? Promise.resolve() : Promise.reject(new Error(t('opportunity.revenueInvalid')))) }]}>
          <Input inputMode="decimal" prefix="¥" data-testid="edit-revenue" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// 输单: one of the five reasons and a note.
function LostDialog({ opportunity: o, onClose }: { opportunity: Opportunity; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: LostReason; note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    let v: { reason: LostReason; note?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await markLost(o.id, v.reason, (v.note ?? '').trim());
      opportunityChanged(queryClient, updated);
      message.success(t('opportunity.lostDone'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('opportunity.lostTitle')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving}
      okText={t('opportunity.lostConfirm')} cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'lost-confirm' } as React.ComponentProps<typeof Button>}>
      {error !== null && <ErrorAlert error={error} testId="lost-error" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {/* A validator, not `required`: antd would put aria-required on the Select's wrapper, where it is not allowed. */}
        <Form.Item name="reason" label={t('opportunity.lostReason')}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('opportunity.lostReasonRequired')))) }]}>
          <Select data-testid="lost-reason"
            options={LOST_REASONS.map((r) => ({ value: r, label: <span data-testid={`lost-reason-${r}`}>{label('lost_reason', r)}</span> }))} />
        </Form.Item>
        <Form.Item name="note" label={t('opportunity.lostNote')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('opportunity.lostNotePlaceholder')} data-testid="lost-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
