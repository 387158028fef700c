// 资格审查 on the lead page: seed 004's three conditions (尚未成为我方客户, 有需求, 信用良好), each met or
// not with its evidence, who checked and when (PUT /leads/{id}/checks/{condition}); seed 001's
// evaluation, five criteria rated 0–5 under the admin's weights, scored 0–100 by the server
// (POST /leads/{id}/evaluation); and the review (资质审查) decision, for roles holding leads.review
// (POST /leads/{id}/review). A review the server refuses because of a condition names it
// (checks.<condition>): the problem is shown at that condition.
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { leadChanged, leadPath, useScoreWeights } from './api';
import { CONDITIONS, CRITERIA, type Condition, type Criteria, type Lead } from './model';
import { useUserName } from './parts';

export function Qualification({ lead }: { lead: Lead }) {
  // Problems of the last refused review, by the field the server named (checks.has_need, credit_code, reason).
  const [reviewProblems, setReviewProblems] = useState<FieldProblem[]>([]);
  const atCondition = (c: Condition) => reviewProblems.find((p) => p.field === `checks.${c}`);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="qualification">
      <Conditions lead={lead} problemAt={atCondition} onChecked={(c) => setReviewProblems((ps) => ps.filter((p) => p.field !== `checks.${c}`))} />
      <Evaluation lead={lead} />
      <ReviewPanel lead={lead} problems={reviewProblems} setProblems={setReviewProblems} />
    </Space>
  );
}

const open = (lead: Lead) => lead.status === 'open' || lead.status === 'disqualified';

function Conditions({ lead, problemAt, onChecked }: {
  lead: Lead; problemAt: (c: Condition) => FieldProblem | undefined; onChecked: (c: Condition) => void;
}) {
  const { t, label, dateTime, fieldMessage } = useI18n();
  const { can } = useAuth();
  const userName = useUserName();
  const [checking, setChecking] = useState<Condition | null>(null);
  const editable = can('leads.update') && open(lead);
  return (
    <Card size="small" title={<h2 className="lead-section-title">{t('qual.conditionsTitle')}</h2>}>
      <Typography.Paragraph type="secondary">{t('qual.conditionsHint')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {CONDITIONS.map((c) => {
          const check = lead.qualification.checks[c];
          const problem = problemAt(c);
          return (
            <Col xs={24} lg={8} key={c}>
              <div className={`lead-condition${problem ? ' lead-condition-error' : ''}`} data-testid={`condition-${c}`}>
                <div className="lead-condition-head">
                  <h3 className="lead-condition-title">{label('lead_condition', c)}</h3>
                  {!check ? (
                    <Tag icon={<MinusCircleOutlined />} data-testid={`condition-${c}-state`} data-state="unchecked">{t('qual.unchecked')}</Tag>
                  ) : check.met ? (
                    <Tag icon={<CheckCircleFilled />} color="green" data-testid={`condition-${c}-state`} data-state="met">{t('qual.met')}</Tag>
                  ) : (
                    <Tag icon={<CloseCircleFilled />} color="red" data-testid={`condition-${c}-state`} data-state="not_met">{t('qual.notMet')}</Tag>
                  )}
                </div>
                {check && (
                  <dl className="lead-condition-facts">
                    <dt>{t('qual.evidence')}</dt>
                    <dd data-testid={`condition-${c}-evidence`}>{check.evidence}</dd>
                    <dt>{t('qual.checkedBy')}</dt>
                    <dd data-testid={`condition-${c}-by`}>{userName(check.checked_by)}</dd>
                    <dt>{t('qual.checkedAt')}</dt>
                    <dd>{dateTime(check.checked_at)}</dd>
                  </dl>
                )}
                {problem && (
                  <div role="alert" className="lead-condition-problem" data-testid={`condition-${c}-problem`}>{fieldMessage(problem)}</div>
                )}
                {editable && (
                  <Button size="small" onClick={() => setChecking(c)} data-testid={`condition-${c}-record`}
                    aria-label={`${check ? t('qual.recheck') : t('qual.record')}: ${label('lead_condition', c)}`}>
                    {check ? t('qual.recheck') : t('qual.record')}
                  </Button>
                )}
              </div>
            </Col>
          );
        })}
      </Row>
      <CheckDialog lead={lead} condition={checking} onClose={() => setChecking(null)} onDone={(c) => { setChecking(null); onChecked(c); }} />
    </Card>
  );
}

function CheckDialog({ lead, condition, onClose, onDone }: {
  lead: Lead; condition: Condition | null; onClose: () => void; onDone: (c: Condition) => void;
}) {
  const { t, label, errorText, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ met: boolean; evidence: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = condition ? lead.qualification.checks[condition] : null;

  const save = async () => {
    if (!condition) return;
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Lead>('PUT', `${leadPath(lead.id)}/checks/${condition}`, { body: { met: values.met, evidence: values.evidence.trim() } });
      leadChanged(queryClient, updated);
      message.success(t('qual.saved'));
      onDone(condition);
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field === 'evidence')) {
        form.setFields([{ name: 'evidence', errors: [fieldMessage(e.fields.find((f) => f.field === 'evidence')!)] }]);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={condition !== null} title={condition ? t('qual.recordTitle', { condition: label('lead_condition', condition) }) : ''}
      onOk={() => void save()} onCancel={onClose} confirmLoading={busy} okText={t('common.save')} cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'check-save' } as Record<string, string>} destroyOnClose>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ met: current?.met ?? true, evidence: '' }}>
        <Form.Item name="met" label={t('qual.result')}>
          <Radio.Group data-testid="check-met">
            <Radio value data-testid="check-met-yes">{t('qual.met')}</Radio>
            <Radio value={false} data-testid="check-met-no">{t('qual.notMet')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="evidence" label={t('qual.evidence')} extra={t('qual.evidenceHint')}
          rules={[{ required: true, whitespace: true, message: t('qual.evidenceRequired') }, { max: 2000, message: t('form.tooLong', { n: 2000 }) }]}>
          <Input.TextArea rows={3} data-testid="check-evidence" />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon message={errorText(error)} data-testid="check-error" />}
    </Modal>
  );
}

function Evaluation({ lead }: { lead: Lead }) {
  const { t, label, errorText, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const weights = useScoreWeights(can('sales_settings.read'));
  const [form] = Form.useForm<Criteria>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const editable = can('leads.update') && lead.status !== 'converted';
  const initial = lead.evaluation?.ratings ?? Object.fromEntries(CRITERIA.map((c) => [c, null]));

  const evaluate = async (ratings: Criteria) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Lead>('POST', `${leadPath(lead.id)}/evaluation`, { body: { ratings } });
      leadChanged(queryClient, updated);
      message.success(t('qual.evaluated', { score: updated.evaluation?.score ?? 0 }));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields.filter((f) => f.field.startsWith('ratings.')) : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field.slice('ratings.'.length) as keyof Criteria, errors: [fieldMessage(f)] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h2 className="lead-section-title">{t('qual.evaluationTitle')}</h2>}>
      <div className="lead-score-now">
        <Typography.Text type="secondary">{t('qual.scoreNow')}</Typography.Text>
        <span className="lead-score-value" data-testid="lead-score-now">
          {lead.evaluation ? t('qual.scoreOf', { score: lead.evaluation.score }) : t('lead.notEvaluated')}
        </span>
      </div>
      <Typography.Paragraph type="secondary">{t('qual.evaluationHint')}</Typography.Paragraph>
      <Form<Criteria> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void evaluate(v)} disabled={!editable}>
        <Row gutter={12}>
          {CRITERIA.map((c) => (
            <Col xs={12} md={8} xl={4} key={c}>
              <Form.Item name={c} label={label('lead_criterion', c)}
                extra={<span data-testid={`weight-${c}`}>{weights.data ? t('qual.weight', { n: weights.data[c] }) : ''}</span>}
                rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} max={5} precision={0} style={{ width: '100%' }} data-testid={`rating-${c}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {!weights.data && !can('sales_settings.read') && <Typography.Text type="secondary">{t('qual.weightsHidden')}</Typography.Text>}
        {error !== null && <Alert type="error" showIcon message={errorText(error)} style={{ marginBottom: 12 }} data-testid="evaluation-error" />}
        {editable && <Button type="primary" htmlType="submit" loading={busy} data-testid="evaluate">{t('qual.evaluate')}</Button>}
      </Form>
    </Card>
  );
}

function ReviewPanel({ lead, problems, setProblems }: {
  lead: Lead; problems: FieldProblem[]; setProblems: (p: FieldProblem[]) => void;
}) {
  const { t, label, errorText, fieldMessage, dateTime } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const userName = useUserName();
  const [form] = Form.useForm<{ decision: 'qualified' | 'disqualified'; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const review = lead.qualification.review;
  const mayReview = can('leads.review') && open(lead);
  const creditProblem = problems.find((p) => p.field === 'credit_code');
  const conditionProblems = problems.filter((p) => p.field.startsWith('checks.'));
  // A credit-code or reason problem has its own place; anything else is said above the button.
  const shownElsewhere = problems.length > 0 && problems.every((p) => p.field === 'credit_code' || p.field === 'reason');

  const submit = async (values: { decision: string; reason: string }) => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const updated = await api<Lead>('POST', `${leadPath(lead.id)}/review`, { body: { decision: values.decision, reason: values.reason.trim() } });
      leadChanged(queryClient, updated);
      form.resetFields();
      message.success(t('qual.reviewed'));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields.filter((f) => f.field) : [];
      if (fields.length) {
        setProblems(fields);
        const reason = fields.find((f) => f.field === 'reason');
        if (reason) form.setFields([{ name: 'reason', errors: [fieldMessage(reason)] }]);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h2 className="lead-section-title">{t('qual.reviewTitle')}</h2>} data-testid="review-panel">
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('qual.decision')}>
          <span data-testid="review-decision">
            {review ? (
              <Tag color={review.decision === 'qualified' ? 'green' : 'red'}>{t(review.decision === 'qualified' ? 'qual.qualified' : 'qual.disqualified')}</Tag>
            ) : t('qual.noReview')}
          </span>
        </Descriptions.Item>
        {review && (
          <>
            <Descriptions.Item label={t('qual.reviewReason')}><span style={{ whiteSpace: 'pre-wrap' }}>{review.reason}</span></Descriptions.Item>
            <Descriptions.Item label={t('qual.reviewer')}>
              {t('qual.reviewBy', { name: userName(review.reviewed_by), at: dateTime(review.reviewed_at) })}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {lead.status === 'converted' && <Typography.Text type="secondary">{t('qual.closed')}</Typography.Text>}
      {!can('leads.review') && lead.status !== 'converted' && (
        <Typography.Text type="secondary" data-testid="review-managers-only">{t('qual.reviewOnlyManagers')}</Typography.Text>
      )}
      {mayReview && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ decision: 'qualified', reason: '' }}>
          <Typography.Paragraph type="secondary">{t('qual.reviewHint')}</Typography.Paragraph>
          <Form.Item name="decision" label={t('qual.decision')}>
            <Radio.Group data-testid="review-decision-input">
              <Radio value="qualified" data-testid="review-qualified">{t('qual.qualified')}</Radio>
              <Radio value="disqualified" data-testid="review-disqualified">{t('qual.disqualified')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="reason" label={t('qual.reviewReason')}
            rules={[{ required: true, whitespace: true, message: t('qual.reviewReasonRequired') }, { max: 2000, message: t('form.tooLong', { n: 2000 }) }]}>
            <Input.TextArea rows={3} data-testid="review-reason" />
          </Form.Item>
          {creditProblem && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="review-credit-code"
              message={t('qual.creditCodeProblem', { message: fieldMessage(creditProblem) })}
              action={can('leads.update') ? <Link to={`/leads/${lead.id}/edit`}>{t('qual.fixCreditCode')}</Link> : undefined} />
          )}
          {error !== null && !shownElsewhere && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="review-error"
              message={conditionProblems.length
                ? conditionProblems.map((p) => `${label('lead_condition', p.field.slice('checks.'.length))}: ${fieldMessage(p)}`).join('; ')
                : errorText(error)} />
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="review-submit">{t('qual.submitReview')}</Button>
        </Form>
      )}
    </Card>
  );
}
