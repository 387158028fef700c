// 客户详情: profile, contacts and their roles, addresses, "the usual", classification, the industry's
// requirements and the history of changes. An id outside the caller's scope reads as "not found".
import { EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { zh, type MessageKey } from '../i18n/zh';
import { CLASSIFICATION_KEYS, type Customer, type HistoryEntry } from '../model';

export function CustomerPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setCustomer(await api<Customer>('GET', `/api/v1/customers/${id}`));
      setMissing(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setError(e instanceof ApiError ? e.title : t('common.error'));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    setCustomer(null);
    setHistory(null);
    void load();
  }, [load]);

  const loadHistory = async () => {
    const r = await api<{ items: HistoryEntry[] }>('GET', `/api/v1/customers/${id}/history`);
    setHistory(r.items);
  };

  const setStatus = async (verb: 'archive' | 'restore') => {
    if (!customer) return;
    try {
      const updated = await api<Customer>('POST', `/api/v1/customers/${id}/${verb}`, { headers: { 'If-Match': `"${customer.version}"` } });
      setCustomer(updated);
      setHistory(null);
      message.success(t(verb === 'archive' ? 'customer.archived' : 'customer.restored'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.title : t('common.error'));
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
  if (error) return <Alert type="error" showIcon message={error} action={<Button onClick={load}>{t('common.reload')}</Button>} />;
  if (!customer) return <Spin />;

  const c = customer;
  const p = c.preferences;
  const flags = Object.entries(c.requirements.flags);
  const flagLabel = (name: string) => (`flag.${name}` in zh ? t(`flag.${name}` as MessageKey) : name);
  return (
    <Card
      title={
        <Space>
          <span data-testid="customer-name">{c.name}</span>
          <Typography.Text type="secondary">{c.code}</Typography.Text>
          <Tag color={c.status === 'active' ? 'green' : 'default'} data-testid="customer-status">{label('status', c.status)}</Tag>
        </Space>
      }
      extra={
        <Space>
          {can('customers.update') && c.status === 'active' && (
            <Button icon={<EditOutlined />} type="primary" onClick={() => navigate(`/customers/${c.id}/edit`)} data-testid="edit-customer">
              {t('common.edit')}
            </Button>
          )}
          {can('customers.delete') && c.status === 'active' && (
            <Popconfirm title={t('customer.archiveConfirm')} onConfirm={() => setStatus('archive')}>
              <Button icon={<InboxOutlined />} data-testid="archive-customer">{t('customer.archive')}</Button>
            </Popconfirm>
          )}
          {can('customers.delete') && c.status === 'archived' && (
            <Button icon={<RollbackOutlined />} onClick={() => setStatus('restore')} data-testid="restore-customer">{t('customer.restore')}</Button>
          )}
        </Space>
      }
    >
      {c.masked && <Alert type="info" showIcon message={t('customer.maskedNotice')} style={{ marginBottom: 16 }} data-testid="masked-notice" />}
      <Tabs
        onChange={(key) => key === 'history' && history === null && void loadHistory()}
        items={[
          {
            key: 'profile',
            label: t('customer.profile'),
            children: (
              <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('field.code')}>{c.code}</Descriptions.Item>
                <Descriptions.Item label={t('field.name')}>{c.name}</Descriptions.Item>
                <Descriptions.Item label={t('field.kind')}>{label('kind', c.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('field.industry')}>{label('industry', c.industry)}</Descriptions.Item>
                <Descriptions.Item label={t('field.owner')}>{c.owner?.name || c.owner?.login || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.tags')}>{c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.createdAt')}>{new Date(c.created_at).toLocaleString()}</Descriptions.Item>
                <Descriptions.Item label={t('field.updatedAt')}>{new Date(c.updated_at).toLocaleString()}</Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'contacts',
            label: `${t('customer.contacts')} (${c.contacts.length})`,
            children: (
              <Table
                rowKey={(k) => String(k.id)}
                size="small"
                pagination={false}
                dataSource={c.contacts}
                locale={{ emptyText: <Empty description={t('customer.noContacts')} /> }}
                columns={[
                  { title: t('field.contactName'), dataIndex: 'name', render: (v: string, k) => <Space>{v}{k.is_primary && <Tag color="blue">{t('field.isPrimary')}</Tag>}</Space> },
                  { title: t('field.contactRole'), dataIndex: 'role', render: (v: string) => label('contact_role', v) },
                  { title: t('field.title'), dataIndex: 'title' },
                  { title: t('field.phone'), dataIndex: 'phone', render: (v: string) => <span data-testid="contact-phone">{v}</span> },
                  { title: t('field.email'), dataIndex: 'email' },
                ]}
              />
            ),
          },
          {
            key: 'addresses',
            label: `${t('customer.addresses')} (${c.addresses.length})`,
            children: (
              <Table
                rowKey={(a) => String(a.id)}
                size="small"
                pagination={false}
                dataSource={c.addresses}
                locale={{ emptyText: <Empty description={t('customer.noAddresses')} /> }}
                columns={[
                  { title: t('field.addressKind'), dataIndex: 'kind', render: (v: string, a) => <Space>{label('address_kind', v)}{a.is_default && <Tag>{t('field.isDefault')}</Tag>}</Space> },
                  { title: t('field.province'), dataIndex: 'province' },
                  { title: t('field.city'), dataIndex: 'city' },
                  { title: t('field.district'), dataIndex: 'district' },
                  { title: t('field.street'), dataIndex: 'street' },
                ]}
              />
            ),
          },
          {
            key: 'preferences',
            label: t('customer.preferences'),
            children: (
              <Descriptions bordered column={1} size="small">
                <Descriptions.Item label={t('field.pickupWindow')}>{p.pickup_window || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.packaging')}>{p.packaging || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.handling')}>{p.handling || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.preferredChannel')}>{label('channel', p.preferred_channel) || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.birthday')}>{p.birthday || t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('field.usual')}>{p.usual || t('common.none')}</Descriptions.Item>
              </Descriptions>
            ),
          },
          {
            key: 'classification',
            label: t('customer.classification'),
            children: (
              <Descriptions bordered column={{ xs: 1, md: 3 }} size="small">
                {CLASSIFICATION_KEYS.map((k) => (
                  <Descriptions.Item key={k} label={t(`cls.${k}` as MessageKey)}>{label(k, c.classification[k]) || t('common.none')}</Descriptions.Item>
                ))}
              </Descriptions>
            ),
          },
          {
            key: 'requirements',
            label: t('customer.requirements'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="requirement-notes">
                  {c.requirements.notes || t('common.none')}
                </Typography.Paragraph>
                <Space wrap>
                  {flags.map(([name, on]) => <Tag key={name} color={on ? 'green' : 'default'} data-testid="requirement-flag">{flagLabel(name)}: {on ? t('common.yes') : t('common.no')}</Tag>)}
                </Space>
              </Space>
            ),
          },
          {
            key: 'history',
            label: <span data-testid="history-tab">{t('customer.history')}</span>,
            children: history === null ? <Spin /> : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={history}
                locale={{ emptyText: <Empty description={t('customer.noHistory')} /> }}
                columns={[
                  { title: t('history.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
                  { title: t('history.actor'), dataIndex: 'actor' },
                  { title: t('history.action'), dataIndex: 'action', render: (v: string) => <span data-testid="history-action">{t(`action.${v}` as MessageKey) ?? v}</span> },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
