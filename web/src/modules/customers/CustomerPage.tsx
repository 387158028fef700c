// 客户详情: profile, contacts and their roles, addresses, "the usual", classification, the industry's
// requirements and the history of changes. An id outside the caller's scope reads as "not found"
// (the server answers 404 for both), so a portal user who edits the URL sees no one else's data.
import { DownOutlined, EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Dropdown, Popconfirm, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, ifMatch } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { useIsPhone, usePageTitle } from '../../app/pageHead';
import { AccountActivities } from '../activities';
import { CLASSIFICATION_KEYS, type Customer } from './model';
import { AccessLog, RevealableValue } from './Reveal';
import { BrandSection } from './Brand';
import { NotificationSettings } from '../notify/NotificationSettings';
import { customerChanged, useCustomer } from './api';
import { Addresses, Contacts } from './ContactsAndAddresses';
import { CustomerHistory } from './CustomerHistory';
import { PrimaryContact } from './PrimaryContact';
import './record.css';

export function CustomerPage() {
  const { id } = useParams();
  const { t, has, label, errorText, dateTime } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const customerQuery = useCustomer(id);
  const customer = customerQuery.data ?? null;
  const missing = customerQuery.error instanceof ApiError && customerQuery.error.status === 404;
  const error = missing ? null : customerQuery.error;
  const load = () => void customerQuery.refetch();
  const [tab, setTab] = useState('profile');
  // The record names the page: the h1, the breadcrumb's last step and the document's title.
  usePageTitle(customer && String(customer.id) === id ? customer.name : null);
  const [busy, setBusy] = useState(false);
  const [reveals, setReveals] = useState(0);  // bumped by each reveal: the access log reloads

  const setStatus = async (verb: 'archive' | 'restore') => {
    if (!customer) return;
    setBusy(true);
    try {
      const updated = await api<Customer>('POST', `/api/v1/customers/${customer.id}/${verb}`, { headers: ifMatch(customer.version) });
      customerChanged(queryClient, updated);
      message.success(t(verb === 'archive' ? 'customer.archived' : 'customer.restored'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        message.warning(t('customer.staleAction'));
        void load();
      } else {
        message.error(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <Result
        status="404"
        title={<span data-testid="customer-not-found">{t('customer.notFound')}</span>}
        subTitle={t('customer.notFoundHint')}
        extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('customer.toList')}</Button>}
      />
    );
  }
  if (error !== null) {
    return <ErrorAlert error={error} onRetry={load} testId="customer-error" />;
  }
  if (!customer) return <Spin />;

  const c = customer;
  const p = c.preferences;
  const revealed = () => setReveals((n) => n + 1);
  const flags = Object.entries(c.requirements.flags);
  const flagLabel = (name: string) => (has(`flag.${name}`) ? t(`flag.${name}` as MessageKey) : name);
  const none = t('common.none');
  const preferredContact = p.preferred_contact_id ? c.contacts.find((k) => k.id === p.preferred_contact_id) : undefined;
  const canEdit = can('customers.update') && c.status === 'active';
  const canArchive = can('customers.delete') && c.status === 'active';
  const canRestore = can('customers.delete') && c.status === 'archived';
  const confirmArchive = () => {
    modal.confirm({
      title: t('customer.archiveConfirm'),
      okText: t('customer.archive'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'archive-confirm' } as Record<string, string>,
      onOk: () => setStatus('archive'),
    });
  };
  // On a phone the actions go into one menu; on a desktop they are buttons.
  const actions = phone ? (
    (canEdit || canArchive || canRestore) && (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...(canEdit ? [{ key: 'edit', icon: <EditOutlined />, label: <span data-testid="edit-customer">{t('common.edit')}</span>, onClick: () => navigate(`/customers/${c.id}/edit`) }] : []),
            ...(canArchive ? [{ key: 'archive', icon: <InboxOutlined />, label: <span data-testid="archive-customer">{t('customer.archive')}</span>, onClick: confirmArchive }] : []),
            ...(canRestore ? [{ key: 'restore', icon: <RollbackOutlined />, label: <span data-testid="restore-customer">{t('customer.restore')}</span>, onClick: () => void setStatus('restore') }] : []),
          ],
        }}
      >
        <Button className="record-tap" loading={busy} data-testid="record-actions">
          {t('record.actions')} <DownOutlined />
        </Button>
      </Dropdown>
    )
  ) : (
    <Space wrap>
      {canEdit && (
        <Button icon={<EditOutlined />} type="primary" onClick={() => navigate(`/customers/${c.id}/edit`)} data-testid="edit-customer">
          {t('common.edit')}
        </Button>
      )}
      {canArchive && (
        <Popconfirm title={t('customer.archiveConfirm')} onConfirm={() => setStatus('archive')}
          okText={t('customer.archive')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'archive-confirm' }}>
          <Button icon={<InboxOutlined />} loading={busy} data-testid="archive-customer">{t('customer.archive')}</Button>
        </Popconfirm>
      )}
      {canRestore && (
        <Button icon={<RollbackOutlined />} loading={busy} onClick={() => setStatus('restore')} data-testid="restore-customer">{t('customer.restore')}</Button>
      )}
    </Space>
  );

  return (
    <Card className="record-page">
      <div className="record-head">
        <Space wrap>
          {c.kind === 'individual'
            ? <RevealableValue customerId={c.id} target={{ field: 'name' }} masked={c.name} testId="customer-name" onRevealed={revealed} />
            : <span data-testid="customer-name" style={{ fontWeight: 600 }}>{c.name}</span>}
          <Typography.Text type="secondary" data-testid="customer-code">{c.code}</Typography.Text>
          <Tag color={c.status === 'active' ? 'green' : 'default'} data-testid="customer-status">{label('status', c.status)}</Tag>
        </Space>
        {actions}
      </div>
      <PrimaryContact customerId={c.id} contacts={c.contacts} onRevealed={revealed} />
      {c.masked && <Alert type="info" showIcon message={t('customer.maskedNotice')} style={{ marginBottom: 16 }} data-testid="masked-notice" />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'profile',
            label: t('customer.profile'),
            children: (
              <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('field.code')}>{c.code}</Descriptions.Item>
                {c.credit_code && <Descriptions.Item label={t('field.creditCode')}><span style={{ fontFamily: 'monospace' }}>{c.credit_code}</span></Descriptions.Item>}
                <Descriptions.Item label={t('field.name')}>
                  {c.kind === 'individual'
                    ? <RevealableValue customerId={c.id} target={{ field: 'name' }} masked={c.name} testId="profile-name" onRevealed={revealed} />
                    : c.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.kind')}>{label('kind', c.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('field.industry')}>{label('industry', c.industry)}</Descriptions.Item>
                <Descriptions.Item label={t('field.owner')}><span data-testid="customer-owner">{c.owner?.name || c.owner?.login || none}</span></Descriptions.Item>
                <Descriptions.Item label={t('field.tags')}>
                  <span data-testid="customer-tags">{c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : none}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cls.value_class')}>{label('value_class', c.classification.value_class) || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.preferredChannel')}>{label('channel', p.preferred_channel) || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.createdAt')}>{dateTime(c.created_at)}</Descriptions.Item>
                <Descriptions.Item label={t('field.updatedAt')}>{dateTime(c.updated_at)}</Descriptions.Item>
              </Descriptions>
            ),
          },
          ...(can('activities.read') || can('referrals.read') ? [{
            key: 'activities',
            label: <span data-testid="activities-tab">{t('activities.tab')}</span>,
            children: <AccountActivities customerId={c.id} />,
          }] : []),
          {
            key: 'contacts',
            label: `${t('customer.contacts')} (${c.contacts.length})`,
            children: <Contacts customerId={c.id} items={c.contacts} phone={phone} onRevealed={revealed} />,
          },
          {
            key: 'addresses',
            label: `${t('customer.addresses')} (${c.addresses.length})`,
            children: <Addresses customerId={c.id} items={c.addresses} phone={phone} onRevealed={revealed} />,
          },
          {
            key: 'preferences',
            label: t('customer.preferences'),
            children: (
              <Descriptions bordered column={1} size="small" data-testid="customer-preferences">
                <Descriptions.Item label={t('field.pickupWindow')}>{p.pickup_window || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.packaging')}>{p.packaging || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.handling')}>{p.handling || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.preferredChannel')}>{label('channel', p.preferred_channel) || none}</Descriptions.Item>
                <Descriptions.Item label={t('customer.preferredContact')}>{preferredContact?.name || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.birthday')}>
                  <RevealableValue customerId={c.id} target={{ field: 'preferences.birthday' }} masked={p.birthday} testId="customer-birthday" onRevealed={revealed} />
                </Descriptions.Item>
                <Descriptions.Item label={t('field.anniversary')}>{p.anniversary || none}</Descriptions.Item>
                <Descriptions.Item label={t('field.usual')}><span style={{ whiteSpace: 'pre-wrap' }}>{p.usual || none}</span></Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'classification',
            label: t('customer.classification'),
            children: (
              <Descriptions bordered column={{ xs: 1, md: 3 }} size="small">
                {CLASSIFICATION_KEYS.map((k) => (
                  <Descriptions.Item key={k} label={t(`cls.${k}` as MessageKey)}>
                    <span data-testid={`customer-${k}`}>{label(k, c.classification[k]) || none}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ),
          },
          {
            key: 'requirements',
            label: t('customer.requirements'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {c.requirements.template && (
                  <Typography.Text type="secondary">{t('customer.template')}: {label('industry', c.requirements.template)}</Typography.Text>
                )}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="requirement-notes">
                  {c.requirements.notes || none}
                </Typography.Paragraph>
                <Space wrap>
                  {flags.map(([name, on]) => (
                    <Tag key={name} color={on ? 'green' : 'default'} data-testid="requirement-flag">
                      {flagLabel(name)}: {on ? t('common.yes') : t('common.no')}
                    </Tag>
                  ))}
                </Space>
              </Space>
            ),
          },
          {
            key: 'brand',
            label: <span data-testid="brand-tab">{t('brand.tab')}</span>,
            children: <BrandSection customer={c} canEdit={canEdit} />,
          },
          ...(can('notify.read') ? [{
            key: 'notifications',
            label: <span data-testid="notifications-tab">{t('settings.tab')}</span>,
            children: <NotificationSettings accountId={c.id} canEdit={can('notify.manage')} />,
          }] : []),
          ...(can('customers.access_log') ? [{
            key: 'access-log',
            label: <span data-testid="access-log-tab">{t('customer.accessLog')}</span>,
            children: <AccessLog customerId={c.id} reload={reveals} />,
          }] : []),
          {
            key: 'history',
            label: <span data-testid="history-tab">{t('customer.history')}</span>,
            children: <CustomerHistory customer={c} />,
          },
        ]}
      />
    </Card>
  );
}
