// 客户引荐 on the account page: who referred this account (推荐人) with the reward, recording one (the
// referring account picked by search), and the accounts this one referred; a referral recorded by mistake
// is deleted by those allowed (referrals.delete). Names of accounts the user may not see stay hidden.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Spin, Typography, type FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { deleteReferral, recordReferral, referralsChanged, searchAccounts, useReferredAccounts, useReferredBy, type ReferralDraft } from './api';
import type { Referral } from './model';
import './activities.css';

export function Referrals({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const allowed = can('referrals.read');
  const referredBy = useReferredBy(customerId, allowed);
  const referred = useReferredAccounts(customerId, allowed);
  const [recording, setRecording] = useState(false);
  if (!allowed) return null;
  const referredItems = referred.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="referrals" aria-labelledby="referrals-title" data-testid="referrals">
      <Typography.Title level={2} className="activities-title" id="referrals-title">{t('referrals.title')}</Typography.Title>
      <div className="referrals-block">
        <Typography.Title level={3} className="referrals-subtitle">{t('referrals.referredBy')}</Typography.Title>
        {referredBy.isError ? (
          <ErrorAlert error={referredBy.error} onRetry={() => void referredBy.refetch()} />
        ) : referredBy.isPending ? (
          <Spin />
        ) : referredBy.data ? (
          <ReferralLine referral={referredBy.data} side="referrer" testId="referred-by" />
        ) : (
          <div className="referrals-none">
            <Typography.Text type="secondary" data-testid="referred-by-none">{t('referrals.none')}</Typography.Text>
            {can('referrals.create') && (
              <Button icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-referral">{t('referrals.record')}</Button>
            )}
          </div>
        )}
      </div>
      <div className="referrals-block">
        <Typography.Title level={3} className="referrals-subtitle">{t('referrals.referred')}</Typography.Title>
        {referred.isError && !referred.data ? (
          <ErrorAlert error={referred.error} onRetry={() => void referred.refetch()} />
        ) : referred.isPending ? (
          <Spin />
        ) : referredItems.length === 0 ? (
          <Typography.Text type="secondary" data-testid="referred-none">{t('referrals.referredNone')}</Typography.Text>
        ) : (
          <>
            <ul className="referral-list">
              {referredItems.map((r) => (
                <li key={r.id}><ReferralLine referral={r} side="referred" testId="referred-account" /></li>
              ))}
            </ul>
            {referred.hasNextPage && (
              <Button block onClick={() => void referred.fetchNextPage()} loading={referred.isFetchingNextPage} data-testid="referred-more">
                {t('activities.more')}
              </Button>
            )}
          </>
        )}
      </div>
      <ReferralForm customerId={customerId} open={recording} onClose={() => setRecording(false)} />
    </section>
  );
}

// One referral: the account on the other side (a link), the reward, when it was recorded, delete.
function ReferralLine({ referral, side, testId }: { referral: Referral; side: 'referrer' | 'referred'; testId: string }) {
  const { t, dateTime, number, errorText } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const account = referral[side];
  const remove = async () => {
    setBusy(true);
    try {
      await deleteReferral(referral.id);
      message.success(t('referrals.deleted'));
      referralsChanged(queryClient);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="referral-line" data-testid={testId}>
      <div className="referral-account">
        {account.label !== null
          ? <Link to={`/customers/${account.id}`} data-testid={`${testId}-name`}>{account.label}</Link>
          : <Typography.Text type="secondary" data-testid={`${testId}-name`}>{t('referrals.hidden')}</Typography.Text>}
      </div>
      {(referral.reward_note || referral.reward_points !== null) && (
        <div className="referral-reward">
          {referral.reward_note && <span className="referral-reward-note" data-testid={`${testId}-reward-note`}>{referral.reward_note}</span>}
          {referral.reward_points !== null && <span data-testid={`${testId}-points`}>{t('referrals.points', { n: number(referral.reward_points) })}</span>}
        </div>
      )}
      <div className="referral-meta">
        <Typography.Text type="secondary">{t('referrals.recordedAt', { when: dateTime(referral.created_at) })}</Typography.Text>
        {can('referrals.delete') && (
          <Popconfirm title={t('referrals.deleteConfirm')} onConfirm={() => void remove()} okText={t('common.delete')}
            cancelText={t('common.cancel')} okButtonProps={{ danger: true, 'data-testid': 'referral-delete-confirm' }}>
            <Button size="small" danger icon={<DeleteOutlined />} loading={busy} aria-label={t('referrals.delete')} data-testid={`${testId}-delete`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )}
      </div>
    </div>
  );
}

interface FormValues { referrer_customer_id?: number; reward_note?: string; reward_points?: number | null }
const FIELDS = ['referrer_customer_id', 'reward_note', 'reward_points'] as const;

function ReferralForm({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={t('referrals.recordTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden
      okButtonProps={{ 'data-testid': 'referral-save' } as Record<string, string>}>
      <ReferralFormBody form={form} customerId={customerId} onBusy={setBusy} onDone={onClose} />
    </Modal>
  );
}

function ReferralFormBody({ form, customerId, onBusy, onDone }: {
  form: FormInstance<FormValues>; customerId: number; onBusy: (b: boolean) => void; onDone: () => void;
}) {
  const { t, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: FormValues) => {
    const draft: ReferralDraft = { referred_customer_id: customerId, referrer_customer_id: values.referrer_customer_id ?? 0 };
    if (values.reward_note?.trim()) draft.reward_note = values.reward_note.trim();
    if (values.reward_points !== undefined && values.reward_points !== null) draft.reward_points = values.reward_points;
    onBusy(true);
    setFields([]);
    setError(null);
    try {
      await recordReferral(draft);
      message.success(t('referrals.recorded'));
      referralsChanged(queryClient);
      onDone();
    } catch (e) {
      const known = e instanceof ApiError ? e.fields.filter((f) => (FIELDS as readonly string[]).includes(f.field)) : [];
      setFields(known);
      if (!(e instanceof ApiError) || known.length === 0 || known.length < e.fields.length) setError(e);
    } finally {
      onBusy(false);
    }
  };
  const item = (name: (typeof FIELDS)[number]) => {
    const p = fields.find((f) => f.field === name);
    return p ? { validateStatus: 'error' as const, help: <span data-testid={`referral-error-${name}`}>{fieldMessage(p)}</span> } : {};
  };
  // A second referral of the account: the server names the referred account, which is this page's.
  const duplicate = error instanceof ApiError && error.fields.some((f) => f.field === 'referred_customer_id' && f.reason === 'duplicate');

  return (
    <>
      {error !== null && (duplicate
        ? <ErrorAlert error={new ApiError(409, t('referrals.duplicate'))} style={{ marginBottom: 12 }} testId="referral-error" />
        : <ErrorAlert error={error} style={{ marginBottom: 12 }} testId="referral-error" />)}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}
        onValuesChange={(changed) => setFields((fs) => fs.filter((f) => !(f.field in changed)))}>
        <Form.Item name="referrer_customer_id" label={t('referrals.referrer')} {...item('referrer_customer_id')}
          rules={[{ required: true, message: t('form.required') }]}>
          <AccountPicker exclude={customerId} />
        </Form.Item>
        <Form.Item name="reward_note" label={t('referrals.rewardNote')} {...item('reward_note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} data-testid="referral-reward-note" />
        </Form.Item>
        <Form.Item name="reward_points" label={t('referrals.rewardPoints')} {...item('reward_points')}>
          <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} data-testid="referral-reward-points" />
        </Form.Item>
      </Form>
    </>
  );
}

// An account chosen by searching the customer list (name, code, contact, phone tail), `exclude` left out.
function AccountPicker({ value, onChange, id, exclude }: {
  value?: number; onChange?: (v: number) => void; id?: string; exclude: number;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        const found = await searchAccounts(q.trim());
        if (ticket === latest.current) {
          setOptions(found.filter((c) => c.id !== exclude).map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` })));
        }
      } catch {
        if (ticket === latest.current) setOptions([]);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={search}
      onOpenChange={(open) => { if (open && options.length === 0) search(''); }}
      options={options}
      loading={loading}
      placeholder={t('referrals.search')}
      notFoundContent={loading ? <Spin size="small" /> : t('referrals.noMatch')}
      data-testid="referral-referrer"
      style={{ width: '100%' }}
    />
  );
}
