// 新建/编辑线索: one form for both. The company and its 统一社会信用代码 (upper-cased as typed; the
// server checks GB 32100 and names credit_code, shown at the field), the source, industry and region
// (the division tree the customer form uses, as GB/T 2260 codes), contacts, the stated and underlying
// needs (直接/深层次需求), the estimated monthly volume and spend (typed in yuan, sent in fen, exactly),
// and the competitor. The server's problems are shown at their fields and listed in the save bar, each
// a link to its field. A create carries an Idempotency-Key (a retry after a lost answer makes one lead);
// leads have no versions (no ETag, no If-Match), so Save is disabled while a save runs, and an
// edit PATCHes only the fields the user changed: contacts, which arrive masked, are sent only when touched.
import { ExclamationCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Divider, Empty, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, idempotencyKey, type FieldProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { INDUSTRIES } from '../customers/model';
import { fieldPath, isPhone } from '../customers/CustomerForm';
import { leadChanged, leadPath, useLead } from './api';
import { LEAD_SOURCES, type Lead, type LeadContact } from './model';
import { amountToFen, fenToYuanText } from '../../app/money';
import { RegionCodePicker } from './parts';

interface FormValues {
  company: string;
  credit_code: string;
  source?: string;
  industry: string;
  region_code: string;
  contacts: LeadContact[];
  stated_needs: string;
  underlying_needs: string;
  monthly_volume: number | null;
  monthly_spend: string;  // yuan, as typed
  competitor: { name: string; strengths: string; weaknesses: string; value_added_services: string };
}

const EMPTY: FormValues = {
  company: '', credit_code: '', source: undefined, industry: 'other', region_code: '', contacts: [{ name: '' }],
  stated_needs: '', underlying_needs: '', monthly_volume: null, monthly_spend: '',
  competitor: { name: '', strengths: '', weaknesses: '', value_added_services: '' },
};

function toFormValues(lead: Lead): FormValues {
  return {
    company: lead.company, credit_code: lead.credit_code, source: lead.source, industry: lead.industry,
    region_code: lead.region_code,
    contacts: lead.contacts.map((k) => ({ name: k.name, title: k.title ?? '', phone: k.phone ?? '', email: k.email ?? '' })),
    stated_needs: lead.stated_needs, underlying_needs: lead.underlying_needs, monthly_volume: lead.monthly_volume,
    monthly_spend: lead.monthly_spend ? fenToYuanText(lead.monthly_spend.amount_minor) : '',
    competitor: { ...lead.competitor },
  };
}

const trim = (s: string | undefined | null) => (s ?? '').trim();

// The request body of the whole form.
function bodyOf(v: FormValues): Record<string, unknown> {
  const fen = amountToFen(v.monthly_spend ?? '');
  return {
    company: trim(v.company),
    credit_code: trim(v.credit_code).toUpperCase(),
    source: v.source,
    industry: v.industry,
    region_code: v.region_code ?? '',
    contacts: (v.contacts ?? []).map((k) => ({ name: trim(k.name), title: trim(k.title), phone: trim(k.phone), email: trim(k.email) })),
    stated_needs: trim(v.stated_needs),
    underlying_needs: trim(v.underlying_needs),
    monthly_volume: v.monthly_volume ?? null,
    monthly_spend: typeof fen === 'number' ? { amount_minor: fen, currency: 'CNY' } : null,
    competitor: {
      name: trim(v.competitor?.name), strengths: trim(v.competitor?.strengths),
      weaknesses: trim(v.competitor?.weaknesses), value_added_services: trim(v.competitor?.value_added_services),
    },
  };
}

// Where a server field is shown: the spend's amount and currency on the yuan input.
function shownPath(field: string): (string | number)[] {
  const path = fieldPath(field);
  if (path[0] === 'monthly_spend') return ['monthly_spend'];
  return path;
}

const LABELS: Record<string, MessageKey> = {
  company: 'lead.company', credit_code: 'lead.creditCode', source: 'lead.source', industry: 'lead.industry',
  region_code: 'lead.region', stated_needs: 'lead.statedNeeds', underlying_needs: 'lead.underlyingNeeds',
  monthly_volume: 'lead.monthlyVolume', monthly_spend: 'lead.monthlySpend', contacts: 'lead.contacts',
  'contacts.name': 'lead.contactName', 'contacts.title': 'lead.contactTitle', 'contacts.phone': 'lead.contactPhone',
  'contacts.email': 'lead.contactEmail', 'competitor.name': 'lead.competitorName',
  'competitor.strengths': 'lead.competitorStrengths', 'competitor.weaknesses': 'lead.competitorWeaknesses',
  'competitor.value_added_services': 'lead.competitorServices', competitor: 'lead.competitor',
};

export function LeadForm() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, label, fieldMessage, errorText, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const leadQuery = useLead(editing ? id : undefined);
  const lead = editing ? leadQuery.data : undefined;
  const [ready, setReady] = useState(!editing);
  const [saving, setSaving] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [serverFields, setServerFields] = useState<FieldProblem[]>([]);
  const [dirty, setDirty] = useState(false);
  const base = useRef<FormValues>(EMPTY);
  const createKey = useRef<string>(idempotencyKey());
  const dirtyRef = useRef(false);
  const leaving = useRef(false);

  const markDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  };

  // The record's values, once, when it first arrives (a later refetch does not overwrite typing).
  useEffect(() => {
    if (!editing) {
      form.setFieldsValue(EMPTY);
      return;
    }
    if (!lead || ready) return;
    const values = toFormValues(lead);
    base.current = values;
    form.setFieldsValue(values);
    setReady(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lead, editing]);

  // The server's problems on screen follow the language, as the customer form's do.
  useEffect(() => {
    if (serverFields.length) form.setFields(serverFields.map((f) => ({ name: shownPath(f.field) as never, errors: [fieldMessage(f)] })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    dirtyRef.current && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return undefined;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const fieldTitle = (field: string) => {
    const path = fieldPath(field);
    const index = path.find((p) => typeof p === 'number');
    const key = path.filter((p) => typeof p === 'string').join('.');
    const name = LABELS[key] ? t(LABELS[key]) : LABELS[String(path[0])] ? t(LABELS[String(path[0])]) : field;
    return index !== undefined ? `${t('leadForm.contactN', { n: Number(index) + 1 })} · ${name}` : name;
  };
  const goTo = (field: string) => {
    const path = shownPath(field);
    form.scrollToField(path as never, { block: 'center' });
    (form.getFieldInstance(path as never) as { focus?: () => void } | undefined)?.focus?.();
  };

  const submit = async (values: FormValues) => {
    setSaving(true);
    setSubmitError(null);
    setServerFields([]);
    try {
      const body = bodyOf(values);
      let saved: Lead;
      if (editing) {
        // Only what changed: an untouched (masked) contact list is not sent back.
        const before = bodyOf(base.current);
        const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
        saved = await api<Lead>('PATCH', leadPath(id ?? ''), { body: changed });
      } else {
        saved = await api<Lead>('POST', '/api/v1/leads', { body, headers: { 'Idempotency-Key': createKey.current } });
      }
      leadChanged(queryClient, saved);
      leaving.current = true;
      markDirty(false);
      message.success(t(editing ? 'leadForm.saved' : 'leadForm.created'));
      navigate(`/leads/${saved.id}`);
    } catch (e) {
      // Refused by the server: the corrected attempt is a new request with a new key. Lost on the way
      // (status 0): the same key, so the retry cannot make the lead twice.
      if (!(e instanceof ApiError) || e.status !== 0) createKey.current = idempotencyKey();
      setSubmitError(e);
      if (e instanceof ApiError && e.fields.some((f) => f.field)) {
        const withField = e.fields.filter((f) => f.field);
        form.setFields(withField.map((f) => ({ name: shownPath(f.field) as never, errors: [fieldMessage(f)] })));
        setServerFields(withField);
        message.error(t('leadForm.fixErrors'));
      } else {
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  if (editing && leadQuery.error instanceof ApiError && leadQuery.error.status === 404) {
    return (
      <Result status="404" title={<span data-testid="lead-not-found">{t('leadForm.notFound')}</span>}
        extra={<Button type="primary" onClick={() => navigate('/leads')}>{t('leadForm.toList')}</Button>} />
    );
  }
  if (editing && leadQuery.error) {
    return <Alert type="error" showIcon message={errorText(leadQuery.error)} action={<Button onClick={() => void leadQuery.refetch()}>{t('common.reload')}</Button>} />;
  }
  if (!ready) return <Spin />;
  const converted = lead?.status === 'converted';
  const masked = !!lead?.contacts.some((k) => [k.name, k.phone, k.email].some((v) => v?.includes('*')));

  const maxLen = (n: number) => ({ max: n, message: t('form.tooLong', { n }) });
  const required = { required: true, whitespace: true, message: t('form.required') };
  const chosen = (v: unknown) => (v ? Promise.resolve() : Promise.reject(new Error(t('form.required'))));
  const options = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(group, v) }));

  return (
    <Card>
      {converted && <Alert type="warning" showIcon message={t('leadForm.converted')} style={{ marginBottom: 16 }} data-testid="lead-converted-warning" />}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError disabled={converted}
        onValuesChange={() => { if (!dirtyRef.current) markDirty(true); }}>
        <Divider orientation="left">{t('lead.basics')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="company" label={t('lead.company')} rules={[required, maxLen(200)]}>
              <Input data-testid="form-company" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="credit_code" label={t('lead.creditCode')} extra={t('lead.creditCodeHint')}
              normalize={(v?: string) => (v ?? '').toUpperCase().replace(/\s/g, '')} rules={[maxLen(18)]}>
              <Input data-testid="form-credit-code" autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="source" label={t('lead.source')} rules={[{ validator: (_, v) => chosen(v) }]}>
              <Select options={options('lead_source', LEAD_SOURCES)} data-testid="form-source" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="industry" label={t('lead.industry')}>
              <Select options={options('industry', INDUSTRIES)} data-testid="form-industry" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="region_code" label={t('lead.region')}>
              <RegionCodePicker testId="form-region" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('lead.contacts')}</Divider>
        {masked && <Alert type="info" showIcon message={t('leadForm.maskedContacts')} style={{ marginBottom: 12 }} />}
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leadForm.noContacts')} />}
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" data-testid="form-contact">
                  <Col xs={24} md={6}>
                    <Form.Item name={[name, 'name']} label={t('lead.contactName')} rules={[required, maxLen(100)]}>
                      <Input data-testid={`form-contact-name-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[name, 'title']} label={t('lead.contactTitle')} rules={[maxLen(100)]}>
                      <Input data-testid={`form-contact-title-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={[name, 'phone']} label={t('lead.contactPhone')} validateTrigger="onBlur"
                      rules={[maxLen(40), { validator: (_, v?: string) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('form.badPhone')))) }]}>
                      <Input data-testid={`form-contact-phone-${name}`} inputMode="tel" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={6}>
                    <Form.Item name={[name, 'email']} label={t('lead.contactEmail')} validateTrigger="onBlur"
                      rules={[maxLen(254), { validator: (_, v?: string) => (!v || v.includes('*') || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('form.badEmail')))) }]}>
                      <Input data-testid={`form-contact-email-${name}`} inputMode="email" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)}
                        aria-label={t('leadForm.removeContact', { n: name + 1 })} title={t('leadForm.removeContact', { n: name + 1 })}
                        data-testid={`form-contact-remove-${name}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', title: '', phone: '', email: '' })} data-testid="add-contact">
                {t('leadForm.addContact')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('lead.needs')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="stated_needs" label={t('lead.statedNeeds')} extra={t('lead.statedNeedsHint')} rules={[maxLen(2000)]}>
              <Input.TextArea rows={3} data-testid="form-stated-needs" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="underlying_needs" label={t('lead.underlyingNeeds')} extra={t('lead.underlyingNeedsHint')} rules={[maxLen(2000)]}>
              <Input.TextArea rows={3} data-testid="form-underlying-needs" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('lead.estimates')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="monthly_volume" label={t('lead.monthlyVolume')}
              rules={[{ validator: (_, v?: number | null) => (v === null || v === undefined || (Number.isInteger(v) && v >= 0) ? Promise.resolve() : Promise.reject(new Error(t('leadForm.badVolume')))) }]}>
              <InputNumber min={0} precision={0} step={100} style={{ width: '100%' }} data-testid="form-monthly-volume" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="monthly_spend" label={t('lead.monthlySpend')} extra={t('lead.monthlySpendHint')}
              rules={[{ validator: (_, v?: string) => ((v ?? '').trim() === '' || amountToFen(v ?? '') !== null ? Promise.resolve() : Promise.reject(new Error(t('leadForm.badSpend')))) }]}>
              <Input prefix="¥" inputMode="decimal" data-testid="form-monthly-spend" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('lead.competitor')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['competitor', 'name']} label={t('lead.competitorName')} rules={[maxLen(200)]}>
              <Input data-testid="form-competitor-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['competitor', 'value_added_services']} label={t('lead.competitorServices')} rules={[maxLen(2000)]}>
              <Input.TextArea rows={2} data-testid="form-competitor-services" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['competitor', 'strengths']} label={t('lead.competitorStrengths')} rules={[maxLen(2000)]}>
              <Input.TextArea rows={2} data-testid="form-competitor-strengths" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['competitor', 'weaknesses']} label={t('lead.competitorWeaknesses')} rules={[maxLen(2000)]}>
              <Input.TextArea rows={2} data-testid="form-competitor-weaknesses" />
            </Form.Item>
          </Col>
        </Row>

        <div className="lead-save-bar" data-testid="save-bar">
          <div style={{ flex: 1, minWidth: 0 }}>
            {submitError !== null ? (
              <div data-testid="form-errors" role="alert" style={{ color: '#c41d1d' }}>
                <div><ExclamationCircleOutlined /> {errorText(submitError)}</div>
                {serverFields.length > 0 && (
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {serverFields.map((f, i) => (
                      <li key={i}>
                        <Button type="link" danger size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                          onClick={() => goTo(f.field)} data-testid="form-error-link">
                          {fieldTitle(f.field)}: {fieldMessage(f)}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : (
              <Typography.Text data-testid="form-dirty" data-dirty={dirty ? 'yes' : 'no'}>
                {dirty ? <><ExclamationCircleOutlined style={{ color: '#ad4e00' }} /> {t('leadForm.unsaved')}</> : t('leadForm.noChanges')}
              </Typography.Text>
            )}
          </div>
          <Space>
            <Button onClick={() => navigate(editing ? `/leads/${id}` : '/leads')} disabled={false} data-testid="form-cancel">{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} disabled={saving || converted} data-testid="form-submit">{t('common.save')}</Button>
          </Space>
        </div>
      </Form>
      <Modal open={blocker.state === 'blocked'} title={t('form.leaveTitle')} onCancel={() => blocker.reset?.()}
        footer={[
          <Button key="stay" onClick={() => blocker.reset?.()} data-testid="leave-stay">{t('form.leaveStay')}</Button>,
          <Button key="go" danger type="primary" onClick={() => blocker.proceed?.()} data-testid="leave-go">{t('form.leaveGo')}</Button>,
        ]}>
        <p data-testid="leave-confirm">{t('form.leaveBody')}</p>
      </Modal>
    </Card>
  );
}
