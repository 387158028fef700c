// 新建合同: pick an account (and, if wanted, a start date); the server drafts the contract from the
// account's industry template (POST /api/v1/contracts), shown here before and on the draft after.
// The account may come in the URL (?customer_id=, from an account's page).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { apiWithVersion, idempotencyKey } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { contractChanged, useAccount } from './api';
import type { Contract } from './model';
import { AccountPicker, TemplateLine } from './parts';

export function NewContract() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [customerId, setCustomerId] = useState<number | null>(params.get('customer_id') ? Number(params.get('customer_id')) : null);
  const [start, setStart] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(idempotencyKey());
  const account = useAccount(customerId);

  const create = async () => {
    if (!customerId) return;
    setBusy(true);
    setError(null);
    try {
      const created = await apiWithVersion<Contract>('POST', '/api/v1/contracts', {
        body: { customer_id: customerId, ...(start ? { start_date: start.format('YYYY-MM-DD') } : {}) },
        headers: { 'Idempotency-Key': key.current },
      });
      contractChanged(queryClient, created);
      message.success(t('contractNew.created'));
      navigate(`/contracts/${created.body.id}`);
    } catch (e) {
      key.current = idempotencyKey();
      setError(e);
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 720 }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('contractNew.hint')} />
        <Form layout="vertical" onFinish={create}>
          <Form.Item label={t('contractNew.pick')} htmlFor="new-contract-account" required>
            <AccountPicker id="new-contract-account" value={customerId} testId="new-contract-account"
              onChange={(id) => { setCustomerId(id); setError(null); }} />
          </Form.Item>
          {account.data && (
            <Alert type="success" style={{ marginBottom: 16 }} message={<TemplateLine industry={account.data.industry} testId="new-contract-template" />} />
          )}
          <Form.Item label={t('contractNew.start')} htmlFor="new-contract-start">
            <DatePicker id="new-contract-start" value={start} onChange={setStart} format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="new-contract-start" />
          </Form.Item>
          {error !== null && <ErrorAlert error={error} testId="new-contract-error" style={{ marginBottom: 16 }} />}
          <Space>
            <Button onClick={() => navigate('/contracts')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!customerId} data-testid="new-contract-create">{t('contractNew.create')}</Button>
          </Space>
        </Form>
      </Space>
    </Card>
  );
}
