// Tap-to-call from a list card: the primary contact's masked phone; a tap asks why (Reveal.tsx's
// reveal-with-reason dialog), reveals that one value through POST /customers/{id}/reveal (recorded in
// the access log) and then offers it as a tel: link.
// The list row carries no contact id, so the record is read once to find the primary contact.
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { Customer } from './model';
import { RevealDialog, RevealProblem, type RevealReason } from './Reveal';

export function CallPhone({ customerId, name, masked }: { customerId: number; name: string; masked: string | null | undefined }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  if (!masked) return <Typography.Text type="secondary">{t('list.call.noPhone')}</Typography.Text>;
  if (value !== null) {
    return (
      <a href={`tel:${value.replace(/[^\d+]/g, '')}`} data-testid="card-tel" onClick={(e) => e.stopPropagation()}>
        <PhoneOutlined /> {t('list.call.call', { phone: value })}
      </a>
    );
  }
  if (!can('pii.view')) return <span data-testid="card-phone-masked">{masked}</span>;

  const reveal = async (why: RevealReason) => {
    const record = await api<Customer>('GET', `/api/v1/customers/${customerId}`);
    // The contact whose (masked) phone the card shows, the primary one first: never another number.
    const shown = record.contacts.filter((c) => c.phone === masked);
    const contact = shown.find((c) => c.is_primary) ?? shown[0];
    if (!contact?.id) throw new RevealProblem(t('list.call.noContact'));
    const r = await api<{ value: string }>('POST', `/api/v1/customers/${customerId}/reveal`, {
      body: { field: 'contact.phone', contact_id: contact.id, ...why },
    });
    return r.value;
  };

  // The dialog sits inside the span: React carries its clicks up through the portal, and the span
  // keeps them from opening the card's record.
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button
        type="link"
        size="small"
        icon={<PhoneOutlined />}
        style={{ paddingInline: 0 }}
        data-testid="card-phone"
        aria-label={t('list.call.aria', { name, phone: masked })}
        onClick={() => setAsking(true)}
      >
        {masked}
      </Button>
      <RevealDialog open={asking} onClose={() => setAsking(false)} reveal={reveal} onRevealed={setValue} />
    </span>
  );
}
