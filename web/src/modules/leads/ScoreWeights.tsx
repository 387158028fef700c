// 线索评分权重 (sales_settings.update): the weights, in percent, of seed 001's five criteria
// (GET/PUT /api/v1/sales/score-weights). They must add up to 100: the total is shown as the admin types,
// and the server's refusal (naming `weights`, or `weights.<criterion>`) is shown where it belongs.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { useScoreWeights } from './api';
import { CRITERIA, type Criteria } from './model';

export function ScoreWeights() {
  const { t, label, errorText, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const weights = useScoreWeights(true);
  const [form] = Form.useForm<Criteria>();
  const values = Form.useWatch([], form) as Partial<Criteria> | undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sumProblem, setSumProblem] = useState<string | null>(null);

  useEffect(() => {
    if (weights.data) form.setFieldsValue(weights.data);
  }, [weights.data, form]);

  const sum = CRITERIA.reduce((s, c) => s + (Number(values?.[c]) || 0), 0);

  const save = async (v: Criteria) => {
    setBusy(true);
    setError(null);
    setSumProblem(null);
    try {
      const saved = await api<{ weights: Criteria }>('PUT', '/api/v1/sales/score-weights', { body: { weights: v } });
      queryClient.setQueryData(['sales', 'score-weights'], saved.weights);
      message.success(t('weights.saved'));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : [];
      const whole = fields.find((f) => f.field === 'weights');
      const each = fields.filter((f) => f.field.startsWith('weights.'));
      if (whole) setSumProblem(fieldMessage(whole));
      if (each.length) form.setFields(each.map((f) => ({ name: f.field.slice('weights.'.length) as keyof Criteria, errors: [fieldMessage(f)] })));
      if (!whole && !each.length) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (weights.error) return <ErrorAlert error={weights.error} onRetry={() => void weights.refetch()} testId="weights-load-error" />;
  if (!weights.data) return <Spin />;

  return (
    <Card data-testid="score-weights">
      <Typography.Paragraph type="secondary">{t('weights.hint')}</Typography.Paragraph>
      <Form<Criteria> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={weights.data}>
        <Row gutter={12}>
          {CRITERIA.map((c) => (
            <Col xs={24} sm={12} md={8} xl={4} key={c}>
              <Form.Item name={c} label={t('weights.criterion', { criterion: label('lead_criterion', c) })}
                rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} data-testid={`weight-input-${c}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <div aria-live="polite" style={{ marginBottom: 12 }}>
          <Typography.Text strong type={sum === 100 ? undefined : 'danger'} data-testid="weights-sum">
            {sum === 100 ? t('weights.sum', { n: sum }) : t('weights.sumWrong', { n: sum })}
          </Typography.Text>
        </div>
        {sumProblem && <Alert type="error" showIcon message={sumProblem} style={{ marginBottom: 12 }} data-testid="weights-error" />}
        {error !== null && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 12 }} data-testid="weights-save-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="weights-save">{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
