// Revealing personal data (DOMAIN.md §12, PIPL's minimum-necessary rule / 最小必要原则): every
// value is masked for everyone; a user whose role may reveal clicks "show" beside one value, states
// why, and sees that one value in place. The server records the reveal (who, which value, why) before
// it answers; the customer's access log (访问记录) lists them.
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export const REVEAL_REASONS = ['callback', 'delivery_problem', 'claim', 'customer_request', 'other'] as const;

// Which value: a field and, for a contact's or an address's, its id (the API's addressing).
export interface RevealTarget {
  field: 'name' | 'preferences.birthday' | 'contact.name' | 'contact.phone' | 'contact.email' | 'address.street';
  contact_id?: number;
  address_id?: number;
}

// What the user states before a value is shown: one of REVEAL_REASONS, and words of their own
// (required for 'other').
export interface RevealReason {
  reason: string;
  reason_text?: string;
}

// A refusal the dialog shows as it is (e.g. "no contact phone to call"); any other failure shows as
// the API's error.
export class RevealProblem extends Error {}

// The reveal-with-reason dialog (查看原因), one for every reveal control: asks why, then runs `reveal`
// with the reason and hands its value to `onRevealed`. Failures stay in the dialog (429: the reveal
// limit, with its wait). The reason is checked by a validator rather than `required`, which would
// put aria-required on the Select's wrapper (axe aria-allowed-attr).
export function RevealDialog({ open, onClose, reveal, onRevealed }: {
  open: boolean;
  onClose: () => void;
  reveal: (reason: RevealReason) => Promise<string>;
  onRevealed: (value: string) => void;
}) {
  const { t, label, errorText } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string; reason_text?: string }>();
  const reason = Form.useWatch('reason', form);

  useEffect(() => { if (open) setError(null); }, [open]);

  const submit = async () => {
    const fields = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const value = await reveal({ reason: fields.reason ?? '', ...(fields.reason_text ? { reason_text: fields.reason_text } : {}) });
      onRevealed(value);
    } catch (e) {
      if (e instanceof RevealProblem) setError(e.message);
      else if (e instanceof ApiError && e.status === 429) setError(t('reveal.limited', { n: e.retryAfter ?? 600 }));
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reveal.title')}
      okText={t('reveal.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'reveal-confirm' } as Record<string, string>}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary" data-testid="reveal-help">{t('reveal.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('reveal.why')}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('reveal.reasonRequired')))) }]}>
          <Select
            data-testid="reveal-reason"
            options={REVEAL_REASONS.map((r) => ({ value: r, label: <span data-testid={`reveal-reason-${r}`}>{label('reveal_reason', r)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          name="reason_text"
          label={t('reveal.reasonText')}
          rules={[{ required: reason === 'other', whitespace: true, message: t('reveal.reasonTextRequired') }, { max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="reveal-reason-text" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="reveal-error" />}
    </Modal>
  );
}

// A masked value with a "show" control for users who may reveal it; the revealed value replaces
// the mask in place. `onRevealed` runs after each reveal with the value (the access log reloads; the
// record's header offers to call or copy it).
export function RevealableValue({ customerId, target, masked, testId, onRevealed }: {
  customerId: number;
  target: RevealTarget;
  masked: string | null | undefined;
  testId: string;
  onRevealed?: (value: string) => void;
}) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  if (value !== null) return <span data-testid={testId} data-revealed="true">{value || t('common.none')}</span>;
  const showable = !!masked && masked.includes('*') && can('pii.view');

  const reveal = async (why: RevealReason) =>
    (await api<{ value: string }>('POST', `/api/v1/customers/${customerId}/reveal`, { body: { ...target, ...why } })).value;

  return (
    <Space size={4}>
      <span data-testid={testId}>{masked || t('common.none')}</span>
      {showable && (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}
          data-testid={`${testId}-show`} aria-label={t('reveal.show')}>
          {t('reveal.show')}
        </Button>
      )}
      <RevealDialog
        open={asking}
        onClose={() => setAsking(false)}
        reveal={reveal}
        onRevealed={(v) => { setValue(v); setAsking(false); onRevealed?.(v); }}
      />
    </Space>
  );
}

interface AccessLogEntry {
  id: number;
  at: string;
  actor: { id: number | null; login: string };
  outcome: 'revealed' | 'refused';
  field?: string;
  contact_id?: number;
  address_id?: number;
  reason?: string;
  reason_text?: string;
}

// 访问记录: who revealed which value of this customer, when and why, newest first.
export function AccessLog({ customerId, reload }: { customerId: number; reload: number }) {
  const { t, label, errorText, dateTime } = useI18n();
  const [items, setItems] = useState<AccessLogEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (after: string | null) => {
    setError(null);
    try {
      const q = after ? `?cursor=${encodeURIComponent(after)}` : '';
      const r = await api<{ items: AccessLogEntry[]; next_cursor: string | null }>('GET', `/api/v1/customers/${customerId}/access-log${q}`);
      setItems((old) => (after && old ? [...old, ...r.items] : r.items));
      setCursor(r.next_cursor);
    } catch (e) {
      setError(e);
      setItems((old) => old ?? []);
    }
  }, [customerId]);

  useEffect(() => { void load(null); }, [load, reload]);

  return (
    <>
      {error !== null && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<AccessLogEntry>
        rowKey="id"
        size="small"
        loading={items === null}
        pagination={false}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('customer.noAccessLog')} /> }}
        onRow={() => ({ 'data-testid': 'access-log-row' } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('history.at'), dataIndex: 'at', width: 200, render: (v: string) => dateTime(v) },
          { title: t('history.actor'), dataIndex: ['actor', 'login'], width: 140, render: (v: string) => <span data-testid="access-log-actor">{v}</span> },
          { title: t('accessLog.field'), dataIndex: 'field', render: (v: string) => <span data-testid="access-log-field">{label('reveal_field', v)}</span> },
          {
            title: t('accessLog.reason'), dataIndex: 'reason',
            render: (v: string, e) => <span data-testid="access-log-reason">{label('reveal_reason', v)}{e.reason_text ? `: ${e.reason_text}` : ''}</span>,
          },
          {
            title: t('accessLog.outcome'), dataIndex: 'outcome', width: 160,
            render: (v: string) => <Tag color={v === 'refused' ? 'red' : 'default'}>{label('reveal_outcome', v)}</Tag>,
          },
        ]}
      />
      {cursor && <Button style={{ marginTop: 12 }} onClick={() => load(cursor)}>{t('common.loadMore')}</Button>}
    </>
  );
}
