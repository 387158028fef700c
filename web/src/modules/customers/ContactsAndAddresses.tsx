// The record's contacts (联系人) and addresses (地址) tabs: tables on a desktop; on a phone (below
// 768 px) one card each, so nothing scrolls sideways. Every personal value stays masked with its
// reveal control (Reveal.tsx); a contact's card offers to call the phone (PrimaryContact's
// ContactValue: reveal, then tel: and copy). The value testids are the same in both layouts
// (contact-name, contact-phone, contact-email, address-street); the rows are contact-row and
// address-row, the cards contact-card and address-card.
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import type { Address, Contact } from './model';
import { ContactValue } from './PrimaryContact';
import { RevealableValue } from './Reveal';

interface Props<T> {
  customerId: number;
  items: T[];
  phone: boolean;
  onRevealed: () => void;
}

// One labelled line of a card.
function CardLine({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="record-card-line">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div>{children}</div>
    </div>
  );
}

export function Contacts({ customerId, items, phone, onRevealed }: Props<Contact>) {
  const { t, label } = useI18n();
  const name = (k: Contact) => (
    <Space wrap size={4}>
      <RevealableValue customerId={customerId} target={{ field: 'contact.name', contact_id: k.id }} masked={k.name} testId="contact-name" onRevealed={onRevealed} />
      {k.is_primary && <Tag color="blue">{t('field.isPrimary')}</Tag>}
    </Space>
  );
  const email = (k: Contact) => (
    <RevealableValue customerId={customerId} target={{ field: 'contact.email', contact_id: k.id }} masked={k.email} testId="contact-email" onRevealed={onRevealed} />
  );
  const role = (k: Contact) => <span data-testid="contact-role">{label('contact_role', k.role)}</span>;

  if (phone) {
    if (!items.length) return <Empty description={t('customer.noContacts')} />;
    return (
      <ul className="record-cards">
        {items.map((k) => (
          <li key={k.id} className="record-card" data-testid="contact-card">
            <div className="record-card-title">{name(k)}</div>
            <CardLine label={t('field.contactRole')}>{role(k)}{k.title && <Typography.Text type="secondary"> · {k.title}</Typography.Text>}</CardLine>
            <CardLine label={t('field.phone')}>
              <ContactValue customerId={customerId} contact={k} kind="phone" testId="contact-phone" onRevealed={onRevealed} />
            </CardLine>
            <CardLine label={t('field.email')}>{email(k)}</CardLine>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      rowKey={(k) => String(k.id)}
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 700 }}
      locale={{ emptyText: <Empty description={t('customer.noContacts')} /> }}
      onRow={() => ({ 'data-testid': 'contact-row' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('field.contactName'), dataIndex: 'name', render: (_: string, k) => name(k) },
        { title: t('field.contactRole'), dataIndex: 'role', render: (_: string, k) => role(k) },
        { title: t('field.title'), dataIndex: 'title' },
        {
          title: t('field.phone'), dataIndex: 'phone',
          render: (v: string, k) => <RevealableValue customerId={customerId} target={{ field: 'contact.phone', contact_id: k.id }} masked={v} testId="contact-phone" onRevealed={onRevealed} />,
        },
        { title: t('field.email'), dataIndex: 'email', render: (_: string, k) => email(k) },
      ]}
    />
  );
}

export function Addresses({ customerId, items, phone, onRevealed }: Props<Address>) {
  const { t, label } = useI18n();
  const kind = (a: Address) => <Space wrap size={4}>{label('address_kind', a.kind)}{a.is_default && <Tag>{t('field.isDefault')}</Tag>}</Space>;
  const street = (a: Address) => (
    <RevealableValue customerId={customerId} target={{ field: 'address.street', address_id: a.id }} masked={a.street} testId="address-street" onRevealed={onRevealed} />
  );

  if (phone) {
    if (!items.length) return <Empty description={t('customer.noAddresses')} />;
    return (
      <ul className="record-cards">
        {items.map((a) => (
          <li key={a.id} className="record-card" data-testid="address-card">
            <div className="record-card-title">{kind(a)}</div>
            <CardLine label={t('record.division')}>
              <span data-testid="address-division">{[a.province, a.city, a.district].filter(Boolean).join(' ') || t('common.none')}</span>
            </CardLine>
            <CardLine label={t('field.street')}>{street(a)}</CardLine>
            {a.postal_code && <CardLine label={t('field.postalCode')}>{a.postal_code}</CardLine>}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      rowKey={(a) => String(a.id)}
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 700 }}
      locale={{ emptyText: <Empty description={t('customer.noAddresses')} /> }}
      onRow={() => ({ 'data-testid': 'address-row' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('field.addressKind'), dataIndex: 'kind', render: (_: string, a) => kind(a) },
        { title: t('field.province'), dataIndex: 'province' },
        { title: t('field.city'), dataIndex: 'city' },
        { title: t('field.district'), dataIndex: 'district' },
        { title: t('field.street'), dataIndex: 'street', render: (_: string, a) => street(a) },
        { title: t('field.postalCode'), dataIndex: 'postal_code' },
      ]}
    />
  );
}
