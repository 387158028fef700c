// A carrier's API keys (carriers.keys): the keys its systems send with their scans, by prefix and
// label, when made and last used. A new key is shown once, in full, to be copied into the carrier's
// system; afterwards only its prefix is known (the server keeps a hash). Revoking stops it at once.
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { carrierKey, createApiKey, revokeApiKey, useApiKeys } from './api';
import type { Carrier, CarrierApiKey, NewCarrierApiKey } from './model';

export function ApiKeys({ carrier }: { carrier: Carrier }) {
  const { t, dateTime, errorText } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keys = useApiKeys(carrier.id, true);
  const [creating, setCreating] = useState(false);
  const [labelText, setLabelText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<NewCarrierApiKey | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...carrierKey(carrier.id), 'api-keys'] });

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const key = await createApiKey(carrier.id, labelText.trim());
      setCreating(false);
      setLabelText('');
      setMade(key);
      refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (key: CarrierApiKey) => {
    try {
      await revokeApiKey(carrier.id, key.id);
      message.success(t('keys.revoked'));
      refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card size="small" data-testid="api-keys" title={<h2 className="carrier-card-title">{t('keys.title')}</h2>}
      extra={carrier.status === 'active' ? (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="key-new">{t('keys.new')}</Button>
      ) : undefined}>
      {carrier.status !== 'active' && <Typography.Paragraph type="secondary">{t('keys.suspendedHint')}</Typography.Paragraph>}
      {keys.error ? <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} testId="keys-error" /> : (
        <Table<CarrierApiKey>
          size="small" rowKey="id" pagination={false} loading={keys.isPending} dataSource={keys.data ?? []} scroll={{ x: 760 }}
          locale={{ emptyText: <Typography.Text type="secondary">{t('keys.empty')}</Typography.Text> }}
          onRow={(k) => ({ 'data-testid': 'key-row', 'data-prefix': k.prefix } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('keys.col.prefix'), key: 'prefix', width: 170, render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
            { title: t('keys.col.label'), dataIndex: 'label' },
            { title: t('keys.col.created'), key: 'created', width: 170, render: (_, k) => dateTime(k.created_at) },
            { title: t('keys.col.used'), key: 'used', width: 170, render: (_, k) => (k.last_used_at ? dateTime(k.last_used_at) : t('keys.never')) },
            { title: t('keys.col.state'), key: 'state', width: 90, render: (_, k) => (k.revoked_at
              ? <Tag data-testid="key-state">{t('keys.revokedTag')}</Tag>
              : <Tag color="green" data-testid="key-state">{t('keys.activeTag')}</Tag>) },
            { title: '', key: 'actions', width: 90, render: (_, k) => (k.revoked_at ? null : (
              <Popconfirm title={t('keys.revokeConfirm', { prefix: k.prefix })} okText={t('keys.revoke')} cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, ...({ 'data-testid': 'key-revoke-confirm' } as Record<string, string>) }} onConfirm={() => revoke(k)}>
                <Button size="small" danger data-testid="key-revoke">{t('keys.revoke')}</Button>
              </Popconfirm>
            )) },
          ]}
        />
      )}
      <Modal open={creating} title={t('keys.newTitle', { name: carrier.name_zh })} okText={t('keys.create')} cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, disabled: labelText.trim() === '', ...({ 'data-testid': 'key-create' } as Record<string, string>) }}
        onOk={() => void create()} onCancel={() => { setCreating(false); setError(null); }} destroyOnClose>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="key-label">{t('keys.label')}</label>
          <Input id="key-label" maxLength={100} value={labelText} placeholder={t('keys.labelHint')}
            onChange={(e) => setLabelText(e.target.value)} onPressEnter={() => labelText.trim() && void create()} data-testid="key-label" />
          {error ? <ErrorAlert error={error} testId="key-error" /> : null}
        </Space>
      </Modal>
      <Modal open={made !== null} title={<span><KeyOutlined /> {t('keys.madeTitle')}</span>} closable={false} maskClosable={false}
        footer={<Button type="primary" onClick={() => setMade(null)} data-testid="key-done">{t('keys.done')}</Button>}>
        {made && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('keys.once')} />
            <Typography.Paragraph copyable={{ text: made.key }} code className="carrier-secret" data-testid="key-secret">{made.key}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('keys.madeHint', { label: made.label })}</Typography.Text>
          </Space>
        )}
      </Modal>
    </Card>
  );
}
