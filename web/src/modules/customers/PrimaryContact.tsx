// The record's header line of the primary contact (主要联系人): the phone and the e-mail, masked, each
// with the reveal-with-reason control (Reveal.tsx); once revealed, a call (tel:) or write (mailto:)
// link and a copy button. A masked value cannot be called or copied: the buttons say so instead.
import { CheckOutlined, CopyOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { Contact } from './model';
import { RevealableValue } from './Reveal';

// The contact a caller reaches first: the one marked primary, else the first.
export function primaryContact(contacts: Contact[]): Contact | undefined {
  return contacts.find((k) => k.is_primary) ?? contacts[0];
}

// Writes text to the clipboard; over plain http (no navigator.clipboard) through a hidden textarea.
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through to the old way */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// One contact's phone or e-mail, masked, with the reveal control, a call (tel:) or write (mailto:)
// button and a copy button; `testId` names the value ("primary-phone"), the buttons add "-call",
// "-mail", "-copy" and the reveal control "-show".
export function ContactValue({ customerId, contact, kind, testId, onRevealed }: {
  customerId: number;
  contact: Contact;
  kind: 'phone' | 'email';
  testId: string;
  onRevealed: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const masked = kind === 'phone' ? contact.phone : contact.email;
  if (!masked) return <span data-testid={testId}>{t('common.none')}</span>;
  const href = value ? (kind === 'phone' ? `tel:${value.replace(/[^\d+]/g, '')}` : `mailto:${value}`) : undefined;
  const actionText = kind === 'phone' ? t('record.call') : t('record.mail');

  const copy = async () => {
    if (!value) {
      message.info(t('record.copyMasked'));
      return;
    }
    if (await copyText(value)) {
      setCopied(true);
      message.success(t('record.copied'));
      window.setTimeout(() => setCopied(false), 3000);
    } else {
      message.warning(t('record.copyFailed'));
    }
  };

  return (
    <div className="record-contact-value">
      <RevealableValue
        customerId={customerId}
        target={{ field: kind === 'phone' ? 'contact.phone' : 'contact.email', contact_id: contact.id }}
        masked={masked}
        testId={testId}
        onRevealed={(v) => { setValue(v); onRevealed(); }}
      />
      {href ? (
        <Button href={href} icon={kind === 'phone' ? <PhoneOutlined /> : <MailOutlined />} className="record-tap"
          type={kind === 'phone' ? 'primary' : 'default'} data-testid={`${testId}-${kind === 'phone' ? 'call' : 'mail'}`} data-state="ready">
          {actionText}
        </Button>
      ) : (
        <Button icon={kind === 'phone' ? <PhoneOutlined /> : <MailOutlined />} className="record-tap"
          title={kind === 'phone' ? t('record.callMasked') : t('record.mailMasked')}
          onClick={() => message.info(kind === 'phone' ? t('record.callMasked') : t('record.mailMasked'))}
          data-testid={`${testId}-${kind === 'phone' ? 'call' : 'mail'}`} data-state="masked">
          {actionText}
        </Button>
      )}
      <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} className="record-tap" onClick={copy}
        title={value ? undefined : t('record.copyMasked')}
        data-testid={`${testId}-copy`} data-state={copied ? 'copied' : value ? 'ready' : 'masked'}>
        {copied ? t('record.copied') : t('record.copy')}
      </Button>
    </div>
  );
}

export function PrimaryContact({ customerId, contacts, onRevealed }: { customerId: number; contacts: Contact[]; onRevealed: () => void }) {
  const { t, label } = useI18n();
  const contact = primaryContact(contacts);
  if (!contact) {
    return <Typography.Text type="secondary" data-testid="primary-contact">{t('record.noPrimary')}</Typography.Text>;
  }
  return (
    <div className="record-primary" data-testid="primary-contact">
      <div className="record-primary-item">
        <Typography.Text type="secondary">{t('record.primaryContact')}</Typography.Text>
        <div>
          <span data-testid="primary-contact-name">{contact.name}</span>
          {contact.role && <Typography.Text type="secondary"> · {label('contact_role', contact.role)}</Typography.Text>}
        </div>
      </div>
      <div className="record-primary-item">
        <Typography.Text type="secondary">{t('record.primaryPhone')}</Typography.Text>
        <ContactValue key={`p${contact.id}`} customerId={customerId} contact={contact} kind="phone" testId="primary-phone" onRevealed={onRevealed} />
      </div>
      <div className="record-primary-item">
        <Typography.Text type="secondary">{t('record.primaryEmail')}</Typography.Text>
        <ContactValue key={`e${contact.id}`} customerId={customerId} contact={contact} kind="email" testId="primary-email" onRevealed={onRevealed} />
      </div>
    </div>
  );
}
