// 分单设置: how much each criterion counts when a carrier is chosen (weights, in percent, summing to
// 100 %) and the thresholds past which a carrier is failing and takes no order. Percent as people type
// it, basis points to the API (app/money: exact, no float). Dispatchers read them; admins
// (orders.settings) change them. The server's field errors (weights.cost_bp, weights — the sum) show
// at their inputs.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { bpToPercentText, percentToBp } from '../../app/money';
import { saveAllocationSettings, useAllocationSettings, type AllocationSettings as Settings } from './api';
import './orders.css';

const WEIGHTS = ['cost_bp', 'transit_bp', 'on_time_bp', 'damage_bp', 'scan_bp'] as const;
const THRESHOLDS = ['min_on_time_bp', 'max_damage_bp', 'min_scan_bp'] as const;
type Values = Record<(typeof WEIGHTS)[number] | (typeof THRESHOLDS)[number], string>;

const inRange = (text: string | undefined) => {
  const bp = percentToBp((text ?? '').trim());
  return bp !== null && bp >= 0 && bp <= 10000 ? bp : null;
};

export function AllocationSettings() {
  const { t, errorText, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const editable = can('orders.settings');
  const settings = useAllocationSettings(true);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [sumProblem, setSumProblem] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Values | undefined;

  useEffect(() => {
    if (!settings.data) return;
    const v = {} as Values;
    for (const k of WEIGHTS) v[k] = bpToPercentText(settings.data.weights[k]);
    for (const k of THRESHOLDS) v[k] = bpToPercentText(settings.data.thresholds[k]);
    form.setFieldsValue(v);
  }, [settings.data, form]);

  const sum = WEIGHTS.reduce((n, k) => n + (inRange(values?.[k]) ?? 0), 0);

  const save = async () => {
    const v = await form.validateFields();
    if (sum !== 10000) {
      setSumProblem(t('settings.sumWrong'));
      return;
    }
    setSumProblem(null);
    const body: Settings = {
      weights: Object.fromEntries(WEIGHTS.map((k) => [k, inRange(v[k]) ?? 0])) as Settings['weights'],
      thresholds: Object.fromEntries(THRESHOLDS.map((k) => [k, inRange(v[k]) ?? 0])) as Settings['thresholds'],
    };
    setBusy(true);
    try {
      const saved = await saveAllocationSettings(body);
      client.setQueryData(['allocation-settings'], saved);
      message.success(t('settings.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        for (const f of e.fields) {
          const key = f.field.split('.')[1];
          if (key) form.setFields([{ name: key as keyof Values, errors: [fieldMessage(f)] }]);
          else setSumProblem(fieldMessage(f));
        }
      }
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (settings.isPending) return <Spin />;
  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  const field = (k: keyof Values, group: 'weight' | 'threshold') => (
    <Col xs={24} sm={12} md={8} key={k}>
      <Form.Item name={k} label={t(`settings.${group}.${k}` as MessageKey)}
        rules={[{ validator: (_, v) => (inRange(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('settings.badPercent')))) }]}>
        <Input suffix="%" inputMode="decimal" disabled={!editable} data-testid={`setting-${k}`} autoComplete="off" />
      </Form.Item>
    </Col>
  );

  return (
    <div data-testid="allocation-settings" style={{ maxWidth: 900 }}>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {!editable && <Alert type="info" showIcon message={t('settings.readOnly')} />}
          <Card size="small" title={<h2 className="order-card-title">{t('settings.weights')}</h2>}>
            <Row gutter={12}>{WEIGHTS.map((k) => field(k, 'weight'))}</Row>
            <Typography.Text type={sum === 10000 ? 'secondary' : 'danger'} data-testid="settings-sum">
              {t('settings.sum', { sum: bpToPercentText(sum) })}
            </Typography.Text>
            {sumProblem && <Alert style={{ marginTop: 8 }} type="error" showIcon message={sumProblem} data-testid="settings-sum-error" />}
          </Card>
          <Card size="small" title={<h2 className="order-card-title">{t('settings.thresholds')}</h2>}>
            <Row gutter={12}>{THRESHOLDS.map((k) => field(k, 'threshold'))}</Row>
          </Card>
          {editable && <Button type="primary" loading={busy} onClick={() => void save()} data-testid="settings-save">{t('common.save')}</Button>}
        </Space>
      </Form>
    </div>
  );
}
