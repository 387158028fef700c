// Tap-to-call from a list card: the primary contact's masked phone; a tap asks why (the same
// reveal-with-reason dialog, strings and testids as Reveal.tsx), reveals that one value through
// POST /customers/{id}/reveal (recorded in the access log) and then offers it as a tel: link.
// The list row carries no contact id, so the record is read once to find the primary contact.
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { Customer } from './model';
import { REVEAL_REASONS } from './Reveal';

export function CallPhone({ customerId, name, masked }: { customerId: number; name: string; masked: string | null | undefined }) {
  const { t, label, errorText } = useI18n();
  const { can } = useAuth();
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string; reason_text?: string }>();
  const reason = Form.useWatch('reason', form);

  if (!masked) return <Typography.Text type="secondary">{t('list.call.noPhone')}</Typography.Text>;
  if (value !== null) {
    return (
      <a href={`tel:${value.replace(/[^\d+]/g, '')}`} data-testid="card-tel" onClick={(e) => e.stopPropagation()}>
        <PhoneOutlined /> {t('list.call.call', { phone: value })}
      </a>
    );
  }
  if (!can('pii.view')) return <span data-testid="card-phone-masked">{masked}</span>;

  const submit = async () => {
    const fields = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const record = await api<Customer>('GET', `/api/v1/customers/${customerId}`);
      const contact = record.contacts.find((c) => c.phone) ?? null;
      if (!contact?.id) {
        setError(t('list.call.noContact'));
        return;
      }
      const r = await api<{ value: string }>('POST', `/api/v1/customers/${customerId}/reveal`, {
        body: { field: 'contact.phone', contact_id: contact.id, reason: fields.reason, ...(fields.reason_text ? { reason_text: fields.reason_text } : {}) },
      });
      setValue(r.value);
      setAsking(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError(t('reveal.limited', { n: e.retryAfter ?? 600 }));
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button
        type="link"
        size="small"
        icon={<PhoneOutlined />}
        style={{ paddingInline: 0 }}
        data-testid="card-phone"
        aria-label={t('list.call.aria', { name, phone: masked })}
        onClick={() => { form.resetFields(); setError(null); setAsking(true); }}
      >
        {masked}
      </Button>
      <Modal
        open={asking}
        title={t('reveal.title')}
        okText={t('reveal.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setAsking(false)}
        okButtonProps={{ 'data-testid': 'reveal-confirm' } as Record<string, string>}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary" data-testid="reveal-help">{t('reveal.help')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('reveal.why')} // A validator, not `required`: antd would put aria-required on the Select's wrapper (axe aria-allowed-attr).
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
    </span>
  );
}
