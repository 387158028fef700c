// 我的账户: what a portal user (a customer's own staff) sees — its own account's customer-facing fields
// (GET /api/v1/customers/{id} answers a portal user with that shape only): profile, contacts,
// addresses, preferences and the service requirements. Nothing to edit, no history, no classification.
// Another id in the URL reads as "not found", exactly like an id that does not exist (the server
// answers 404 for both).
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAccount } from './api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';

export function PortalAccount() {
  const params = useParams();
  const { user } = useAuth();
  const { t, has, label, date } = useI18n();
  const navigate = useNavigate();
  // "/" is the user's own account; "/customers/:id" any id typed into the URL.
  const id = params.id ?? (user?.customer_id ? String(user.customer_id) : null);
  const query = useAccount(id);
  const account = query.data ?? null;
  const missing = query.error instanceof ApiError && query.error.status === 404;
  const error = missing ? null : query.error;
  const load = () => void query.refetch();

  if (!id) return <Alert type="warning" showIcon message={t('portal.notLinked')} data-testid="portal-not-linked" />;
  if (missing) {
    return (
      <Result
        status="404"
        title={<span data-testid="portal-not-found">{t('portal.notFound')}</span>}
        subTitle={t('portal.notFoundHint')}
        extra={<Button type="primary" onClick={() => navigate('/')}>{t('portal.toMyAccount')}</Button>}
      />
    );
  }
  if (error !== null) {
    return <ErrorAlert error={error} onRetry={load} testId="portal-error" />;
  }
  if (!account) return <Spin />;

  const a = account;
  const p = a.preferences;
  const none = t('common.none');
  const flags = Object.entries(a.requirements.flags);
  const flagLabel = (name: string) => (has(`flag.${name}`) ? t(`flag.${name}` as MessageKey) : name);
  const preferredContact = p.preferred_contact_id ? a.contacts.find((k) => k.id === p.preferred_contact_id) : undefined;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="portal-account">
      <Card
        title={
          <Space wrap>
            <span data-testid="portal-title">{t('portal.myAccount')}</span>
            <Typography.Text strong data-testid="portal-name">{a.name}</Typography.Text>
            <Typography.Text type="secondary" data-testid="portal-code">{a.code}</Typography.Text>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('portal.intro')}</Typography.Paragraph>
        {a.masked && <Alert type="info" showIcon message={t('customer.maskedNotice')} style={{ marginBottom: 16 }} data-testid="masked-notice" />}
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="portal-profile">
          <Descriptions.Item label={t('field.code')}>{a.code}</Descriptions.Item>
          <Descriptions.Item label={t('field.name')}>{a.name}</Descriptions.Item>
          <Descriptions.Item label={t('field.kind')}>{label('kind', a.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('field.industry')}>{label('industry', a.industry)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.customerSince')}>{date(a.created_at)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={`${t('customer.contacts')} (${a.contacts.length})`} size="small">
        <Table
          rowKey={(k) => String(k.id)}
          size="small"
          pagination={false}
          dataSource={a.contacts}
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty description={t('customer.noContacts')} /> }}
          onRow={() => ({ 'data-testid': 'portal-contact-row' } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('field.contactName'), dataIndex: 'name', render: (v: string, k) => <Space>{v}{k.is_primary && <Tag color="blue">{t('field.isPrimary')}</Tag>}</Space> },
            { title: t('field.title'), dataIndex: 'title' },
            { title: t('field.phone'), dataIndex: 'phone', render: (v: string) => <span data-testid="portal-contact-phone">{v}</span> },
            { title: t('field.email'), dataIndex: 'email' },
          ]}
        />
      </Card>

      <Card title={`${t('customer.addresses')} (${a.addresses.length})`} size="small">
        <Table
          rowKey={(x) => String(x.id)}
          size="small"
          pagination={false}
          dataSource={a.addresses}
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty description={t('customer.noAddresses')} /> }}
          columns={[
            { title: t('field.addressKind'), dataIndex: 'kind', render: (v: string, x) => <Space>{label('address_kind', v)}{x.is_default && <Tag>{t('field.isDefault')}</Tag>}</Space> },
            { title: t('field.province'), dataIndex: 'province' },
            { title: t('field.city'), dataIndex: 'city' },
            { title: t('field.district'), dataIndex: 'district' },
            { title: t('field.street'), dataIndex: 'street' },
            { title: t('field.postalCode'), dataIndex: 'postal_code' },
          ]}
        />
      </Card>

      <Card title={t('customer.preferences')} size="small">
        <Descriptions bordered column={1} size="small" data-testid="portal-preferences">
          <Descriptions.Item label={t('field.pickupWindow')}>{p.pickup_window || none}</Descriptions.Item>
          <Descriptions.Item label={t('field.packaging')}>{p.packaging || none}</Descriptions.Item>
          <Descriptions.Item label={t('field.handling')}>{p.handling || none}</Descriptions.Item>
          <Descriptions.Item label={t('field.preferredChannel')}>{label('channel', p.preferred_channel) || none}</Descriptions.Item>
          <Descriptions.Item label={t('customer.preferredContact')}>{preferredContact?.name || none}</Descriptions.Item>
          <Descriptions.Item label={t('field.usual')}><span style={{ whiteSpace: 'pre-wrap' }}>{p.usual || none}</span></Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('portal.serviceRequirements')} size="small">
        {flags.length === 0 ? (
          <Typography.Text type="secondary">{t('portal.noRequirements')}</Typography.Text>
        ) : (
          <Space wrap>
            {flags.map(([name, on]) => (
              <Tag key={name} color={on ? 'green' : 'default'} data-testid="portal-requirement">
                {flagLabel(name)}: {on ? t('common.yes') : t('common.no')}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
