// The contract terms editor (合同条款): one form for a draft's terms (PATCH with If-Match) and for an
// amendment of a contract in force (POST …/amendments with its effective date). Sections follow
// DOMAIN.md §3: services from the catalogue, agreement prices (the pricing module's slot), transit-time
// promises, quality targets (§11), value / declared value / compensation, account period and billing,
// COD, handling, term, special clauses, internal notes. Amounts are typed in yuan and targets in
// percent and sent exactly as fen and basis points (termsForm.ts); ranges are the server's to judge,
// and every problem it names is shown at its field and listed in the save bar, each a link to it.
// (A select carries no "required" rule: antd would put aria-required on its box, which axe refuses;
// an empty zone is the server's invalid_enum, shown at the select.)
import { ExclamationCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useBlocker, useNavigate } from 'react-router-dom';
import { apiWithVersion, ApiError, ifMatch, type FieldProblem } from '../../app/api';
import { LiveQuote, RateCardGrid } from '../pricing';
import { useProducts } from '../pricing/api';
import { companyToday, useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { contractChanged, contractPath } from './api';
import { amountToFen, rateToBp } from '../../app/money';
import {
  BILLING_CYCLES, PICKUP_FREQUENCIES, QUALITY_KEYS, SERVICES_BY_TIER, TIERS, VEHICLES, ZONES, type Contract, type ServiceCode,
} from './model';
import { fieldPath, shownPath, toFormValues, toTermsBody, type TermsFormValues } from './termsForm';

interface Props {
  contract: Contract;
  revision: number | null;          // the ETag of the draft (mode draft)
  mode: 'draft' | 'amend';
  onDirtyChange?: (dirty: boolean) => void;
  // A refusal of an action on the stored terms (submit: 400 naming a term, 409 naming services): its
  // fields are shown here too, at their inputs.
  actionError?: unknown;
}

// A date as "YYYY-MM-DD" through antd's date picker.
function DateField({ value, onChange, id, testId }: { value?: string | null; onChange?: (v: string | null) => void; id?: string; testId: string }) {
  const d = value ? dayjs(value) : null;
  return (
    <DatePicker id={id} data-testid={testId} style={{ width: '100%' }} format="YYYY-MM-DD" value={d && d.isValid() ? d : null}
      onChange={(next) => onChange?.(next ? next.format('YYYY-MM-DD') : null)} />
  );
}

// The catalogue as three groups of checkboxes (basic, value-added, advanced); the value is one list.
function ServicesField({ value, onChange, id }: { value?: ServiceCode[]; onChange?: (v: ServiceCode[]) => void; id?: string }) {
  const { label } = useI18n();
  const chosen = value ?? [];
  return (
    <div id={id} className="contract-services">
      {TIERS.map((tier) => (
        <fieldset key={tier} className="contract-services-tier">
          <legend>{label('contract_tier', tier)}</legend>
          <Checkbox.Group
            value={chosen.filter((s) => SERVICES_BY_TIER[tier].includes(s))}
            onChange={(next) => onChange?.([...chosen.filter((s) => !SERVICES_BY_TIER[tier].includes(s)), ...(next as ServiceCode[])])}
          >
            <Space wrap size={[12, 4]}>
              {SERVICES_BY_TIER[tier].map((s) => (
                <Checkbox key={s} value={s} data-testid={`service-${s}`}>{label('contract_service', s)}</Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </fieldset>
      ))}
    </div>
  );
}

export function TermsEditor({ contract, revision, mode, onDirtyChange, actionError }: Props) {
  const [attaching, setAttaching] = useState(false);
  const attachRateCard = async () => {
    setAttaching(true);
    try {
      const saved = await apiWithVersion<Contract>('POST', `${contractPath(contract.id)}/rate-card`, {
        body: { product: 'standard' }, headers: ifMatch(revision ?? 0),
      });
      contractChanged(queryClient, saved);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setAttaching(false);
    }
  };
  const { t, label, fieldMessage, errorText, lang } = useI18n();
  // A transit promise names a service product by its code (as quotes and orders do).
  const products = useProducts();
  const productOptions = (products.data ?? []).map((p) => ({ value: p.code, label: lang === 'zh' ? p.name_zh : p.name_en }));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TermsFormValues>();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirtyState] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [serverFields, setServerFields] = useState<FieldProblem[]>([]);
  const [stale, setStale] = useState(false);
  const dirtyRef = useRef(false);
  const leaving = useRef(false);
  const codEnabled = Form.useWatch(['cod', 'enabled'], form);

  const setDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirtyState(value);
    onDirtyChange?.(value);
  };

  // The form starts from the stored terms (an amendment: the current ones, effective from today in
  // Asia/Shanghai or the current version's date, whichever is later).
  const initial = useRef<TermsFormValues>({
    ...toFormValues(contract.terms),
    ...(mode === 'amend' ? { effective_from: laterOf(companyToday(), contract.effective_from), note: '' } : {}),
  });
  useEffect(() => {
    if (dirtyRef.current) return;
    initial.current = { ...initial.current, ...toFormValues(contract.terms) };
    form.setFieldsValue(initial.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contract.terms]);

  // Unsaved changes hold in-app navigation for a choice; a reload or a closed tab asks the browser's way.
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

  // The server's problems follow the language switch.
  useEffect(() => {
    if (serverFields.length) showAtFields(serverFields);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  useEffect(() => {
    if (!(actionError instanceof ApiError)) return;
    const withField = actionError.fields.filter((f) => f.field && shownPath(f.field));
    if (!withField.length) return;
    setSubmitError(actionError);
    setServerFields(withField);
    showAtFields(withField);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionError]);

  const showAtFields = (fields: FieldProblem[]) => {
    const at = fields.map((f) => ({ f, path: shownPath(f.field) })).filter((x) => x.path !== null);
    form.setFields(at.map(({ f, path }) => ({ name: path as never, errors: [fieldMessage(f)] })));
  };

  const submit = async (values: TermsFormValues) => {
    setSaving(true);
    setSubmitError(null);
    setServerFields([]);
    setStale(false);
    try {
      const body = toTermsBody({ ...form.getFieldsValue(true), ...values });
      if (mode === 'draft') {
        const saved = await apiWithVersion<Contract>('PATCH', contractPath(contract.id), { body, headers: ifMatch(revision ?? 0) });
        contractChanged(queryClient, saved);
        setDirty(false);
        message.success(t('editor.saved'));
      } else {
        const all = form.getFieldsValue(true) as TermsFormValues;
        const saved = await apiWithVersion<Contract>('POST', `${contractPath(contract.id)}/amendments`, {
          body: { ...body, effective_from: all.effective_from, note: (all.note ?? '').trim() },
        });
        contractChanged(queryClient, saved);
        leaving.current = true;
        setDirty(false);
        message.success(t('amend.created', { n: saved.body.pending_amendment?.version ?? '' }));
        navigate(`/contracts/${contract.id}`);
      }
    } catch (e) {
      setSubmitError(e);
      if (e instanceof ApiError && (e.status === 412 || e.status === 428)) {
        setStale(true);
      } else if (e instanceof ApiError && e.fields.some((f) => f.field)) {
        const withField = e.fields.filter((f) => f.field);
        showAtFields(withField);
        setServerFields(withField);
        message.error(t('editor.fixErrors'));
      } else {
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  const reload = () => {
    setStale(false);
    setSubmitError(null);
    setDirty(false);
    void queryClient.invalidateQueries({ queryKey: ['contract', String(contract.id)] });
  };

  // A server field in words: "服务质量目标 · 准时交付率".
  const fieldTitle = (field: string) => {
    const path = fieldPath(field).filter((p) => p !== 'amount_minor' && p !== 'currency');
    const head = String(path[0]);
    const simple: Record<string, MessageKey> = {
      services: 'field.services', annual_value: 'field.annualValue', declared_value_limit: 'field.declaredValueLimit',
      compensation_cap: 'field.compensationCap', insurance_clause: 'field.insuranceClause', account_period_days: 'field.accountPeriod',
      billing_cycle: 'field.billingCycle', signed_receipt: 'field.signedReceipt', packaging: 'field.packagingRules',
      vehicle: 'field.vehicle', pickup_frequency: 'field.pickupFrequency', start_date: 'field.startDate', end_date: 'field.endDate',
      auto_renewal: 'field.autoRenewal', internal_notes: 'section.notes', effective_from: 'field.effectiveFrom', note: 'amend.note',
      rate_card_id: 'field.rateCard', state: 'field.state', terms: 'field.terms', approver: 'field.approver',
      pending_version: 'field.pendingVersion', 'If-Match': 'field.ifMatch', transit_promises: 'section.transit', clauses: 'section.clauses',
    };
    if (head === 'quality' && path[1]) return `${t('section.quality')} · ${t(`field.quality.${String(path[1])}` as MessageKey)}`;
    if (head === 'cod') {
      const sub: Record<string, MessageKey> = { fee_rate_bp: 'field.codFeeRate', minimum_fee: 'field.codMinimum', remittance_days: 'field.codRemittance' };
      return path[1] && sub[String(path[1])] ? `${t('section.cod')} · ${t(sub[String(path[1])])}` : t('section.cod');
    }
    if (head === 'transit_promises' && typeof path[1] === 'number') {
      const sub: Record<string, MessageKey> = { product: 'field.product', zone: 'field.zone', hours: 'field.hours' };
      const part = path[2] && sub[String(path[2])] ? ` · ${t(sub[String(path[2])])}` : '';
      return `${t('section.transit')} ${path[1] + 1}${part}`;
    }
    if (head === 'clauses' && typeof path[1] === 'number') return t('field.clause', { n: path[1] + 1 });
    return simple[head] ? t(simple[head]) : field;
  };
  const goTo = (field: string) => {
    const path = shownPath(field);
    if (!path) return;
    form.scrollToField(path as never, { block: 'center' });
    const input = form.getFieldInstance(path as never) as { focus?: () => void } | undefined;
    input?.focus?.();
  };

  const yuanRule = { validator: (_: unknown, v?: string) => (v !== undefined && v !== null && amountToFen(String(v)) !== null ? Promise.resolve() : Promise.reject(new Error(t('editor.badYuan')))) };
  const percentRule = { validator: (_: unknown, v?: string) => (v !== undefined && v !== null && rateToBp(String(v)) !== null ? Promise.resolve() : Promise.reject(new Error(t('editor.badPercent')))) };
  const required = { required: true, message: t('editor.required') };
  // For a Select: `required` would put aria-required on its wrapper, which axe refuses (aria-allowed-attr).
  const chosen = { validator: (_: unknown, v: unknown) => (v ? Promise.resolve() : Promise.reject(new Error(t('editor.required')))) };
  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(group, v) }));
  const yuanInput = (testId: string) => <Input inputMode="decimal" addonBefore="¥" suffix={t('editor.yuan')} data-testid={testId} />;
  const section = (key: MessageKey, children: ReactNode, testId?: string) => (
    <Card size="small" title={<h2 className="contract-section-title">{t(key)}</h2>} className="contract-section" data-testid={testId}>{children}</Card>
  );

  const errorsCount = serverFields.length;
  return (
    <Form<TermsFormValues> form={form} layout="vertical" initialValues={initial.current} onFinish={submit} scrollToFirstError
      onValuesChange={() => { if (!dirtyRef.current) setDirty(true); }} data-testid="terms-editor" className="contract-editor">
      {mode === 'amend' && (
        <>
          <Alert type="info" showIcon message={t('amend.hint')} style={{ marginBottom: 16 }} />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="effective_from" label={t('amend.effectiveFrom')} rules={[required]}>
                <DateField testId="amend-effective-from" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="note" label={t('amend.note')}>
                <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="amend-note" />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}

      {section('section.services', (
        <Form.Item name="services">
          <ServicesField />
        </Form.Item>
      ), 'section-services')}

      {section('section.prices', (
        // The agreement prices (协议价): the pricing module's grid of this draft's own card and a live
        // quote at those prices beside it. A draft without a card gets one copied from the published
        // card (POST …/rate-card); approval approves it, activation activates it with the contract.
        <Row gutter={16} data-testid="prices-slot">
          <Col xs={24} lg={14}>
            <Typography.Text strong>{t('prices.grid')}</Typography.Text>
            <div data-testid="rate-card-id">
              {contract.terms.rate_card_id ? t('prices.rateCardId', { id: contract.terms.rate_card_id }) : t('prices.noRateCard')}
            </div>
            {contract.terms.rate_card_id ? (
              <Suspense fallback={<Spin />}>
                <RateCardGrid cardId={contract.terms.rate_card_id} editable={mode === 'draft'} />
              </Suspense>
            ) : mode === 'draft' && (
              <Button data-testid="attach-rate-card" loading={attaching} onClick={attachRateCard}>{t('prices.attach')}</Button>
            )}
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Text strong>{t('prices.quote')}</Typography.Text>
            <Suspense fallback={<Spin />}>
              <LiveQuote customerId={contract.customer_id} product="standard"
                cardId={contract.terms.rate_card_id ?? undefined} priceWithCard />
            </Suspense>
          </Col>
        </Row>
      ), 'section-prices')}

      {section('section.transit', (
        <Form.List name="transit_promises">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" data-testid="transit-promise">
                  <Col xs={24} md={9}>
                    <Form.Item name={[name, 'product']} label={t('field.product')} rules={[chosen]}>
                      <Select options={productOptions} placeholder={t('field.productPlaceholder')} data-testid={`transit-product-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item name={[name, 'zone']} label={t('field.zone')}>
                      <Select options={enumOptions('contract_zone', ZONES)} data-testid={`transit-zone-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={6}>
                    <Form.Item name={[name, 'hours']} label={t('field.hours')} rules={[required]}>
                      <InputNumber precision={0} style={{ width: '100%' }} data-testid={`transit-hours-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item label=" ">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('editor.remove')}
                        title={t('editor.remove')} data-testid={`transit-remove-${name}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ product: undefined, zone: undefined, hours: 48 })} data-testid="add-promise">
                {t('editor.addPromise')}
              </Button>
            </>
          )}
        </Form.List>
      ), 'section-transit')}

      {section('section.quality', (
        <Row gutter={16}>
          {QUALITY_KEYS.map((k) => (
            <Col xs={24} sm={12} md={8} key={k}>
              <Form.Item name={['quality', k]} label={t(`field.quality.${k}` as MessageKey)} rules={[percentRule]}>
                <Input inputMode="decimal" addonBefore={k === 'damage_max_bp' ? '≤' : '≥'} suffix="%" data-testid={`quality-${k}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      ), 'section-quality')}

      {section('section.value', (
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="annual_value" label={t('field.annualValue')} rules={[yuanRule]}>{yuanInput('terms-annual-value')}</Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="declared_value_limit" label={t('field.declaredValueLimit')} rules={[yuanRule]}>{yuanInput('terms-declared-value-limit')}</Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="compensation_cap" label={t('field.compensationCap')} rules={[yuanRule]}>{yuanInput('terms-compensation-cap')}</Form.Item></Col>
          <Col xs={24} md={12}>
            <Form.Item name="insurance_clause" valuePropName="checked" className="contract-check-item">
              <Checkbox data-testid="terms-insurance-clause">{t('field.insuranceClause')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      ), 'section-value')}

      {section('section.payment', (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="account_period_days" label={t('field.accountPeriod')} rules={[required]}>
              <InputNumber precision={0} style={{ width: '100%' }} addonAfter={t('editor.days')} data-testid="terms-account-period" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="billing_cycle" label={t('field.billingCycle')}>
              <Select options={enumOptions('billing_cycle', BILLING_CYCLES)} data-testid="terms-billing-cycle" />
            </Form.Item>
          </Col>
        </Row>
      ), 'section-payment')}

      {section('section.cod', (
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item name={['cod', 'enabled']} valuePropName="checked" label={t('field.codEnabled')}>
              <Switch data-testid="terms-cod-enabled" />
            </Form.Item>
          </Col>
          {codEnabled && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name={['cod', 'fee_rate_bp']} label={t('field.codFeeRate')} rules={[percentRule]}>
                  <Input inputMode="decimal" suffix="%" data-testid="terms-cod-fee-rate" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['cod', 'minimum_fee']} label={t('field.codMinimum')} rules={[yuanRule]}>{yuanInput('terms-cod-minimum')}</Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['cod', 'remittance_days']} label={t('field.codRemittance')} rules={[required]}>
                  <InputNumber precision={0} style={{ width: '100%' }} addonBefore="T+" data-testid="terms-cod-remittance" />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      ), 'section-cod')}

      {section('section.handling', (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="signed_receipt" valuePropName="checked" className="contract-check-item">
              <Checkbox data-testid="terms-signed-receipt">{t('field.signedReceipt')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="vehicle" label={t('field.vehicle')}><Select options={enumOptions('vehicle', VEHICLES)} data-testid="terms-vehicle" /></Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="pickup_frequency" label={t('field.pickupFrequency')}>
              <Select options={enumOptions('pickup_frequency', PICKUP_FREQUENCIES)} data-testid="terms-pickup-frequency" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="packaging" label={t('field.packagingRules')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="terms-packaging" />
            </Form.Item>
          </Col>
        </Row>
      ), 'section-handling')}

      {section('section.term', (
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item name="start_date" label={t('field.startDate')} rules={[required]}><DateField testId="terms-start-date" /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="end_date" label={t('field.endDate')} rules={[required]}><DateField testId="terms-end-date" /></Form.Item></Col>
          <Col xs={24} md={8}>
            <Form.Item name="auto_renewal" valuePropName="checked" className="contract-check-item">
              <Checkbox data-testid="terms-auto-renewal">{t('field.autoRenewal')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      ), 'section-term')}

      {section('section.clauses', (
        <Form.List name="clauses">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" data-testid="clause">
                  <Col flex="auto">
                    <Form.Item name={name} label={t('field.clause', { n: name + 1 })} rules={[{ ...required, whitespace: true }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid={`clause-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Form.Item label=" ">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={`${t('editor.remove')} ${t('field.clause', { n: name + 1 })}`}
                        title={t('editor.remove')} data-testid={`clause-remove-${name}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="add-clause">{t('editor.addClause')}</Button>
            </>
          )}
        </Form.List>
      ), 'section-clauses')}

      {section('section.notes', (
        <Form.Item name="internal_notes" label={t('field.internalNotes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="terms-internal-notes" />
        </Form.Item>
      ), 'section-notes')}

      <div className="contract-save-bar" data-testid="save-bar">
        <div className="contract-save-status">
          {stale ? (
            <Alert type="warning" showIcon message={t('contract.stale')} data-testid="stale-warning"
              action={<Button size="small" onClick={reload} data-testid="stale-reload">{t('common.reload')}</Button>} />
          ) : submitError !== null ? (
            <div data-testid="form-errors" role="alert" className="contract-errors">
              <div><ExclamationCircleOutlined /> {errorText(submitError)}{errorsCount ? ` · ${t('editor.errorsCount', { n: errorsCount })}` : ''}</div>
              {errorsCount > 0 && (
                <ul>
                  {serverFields.map((f, i) => (
                    <li key={i}>
                      {shownPath(f.field) ? (
                        <Button type="link" danger size="small" className="contract-error-link" onClick={() => goTo(f.field)} data-testid="form-error-link">
                          {fieldTitle(f.field)}: {fieldMessage(f)}
                        </Button>
                      ) : (
                        <span data-testid="form-error-text">{fieldTitle(f.field)}: {fieldMessage(f)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : (
            <Typography.Text data-testid="form-dirty" data-dirty={dirty ? 'yes' : 'no'}>
              {dirty ? <><ExclamationCircleOutlined style={{ color: '#ad4e00' }} /> {t('editor.unsaved')}</> : t('editor.noChanges')}
            </Typography.Text>
          )}
        </div>
        <Space>
          {mode === 'amend' && (
            <Button onClick={() => navigate(`/contracts/${contract.id}`)} data-testid="form-cancel">{t('common.cancel')}</Button>
          )}
          <Button type="primary" htmlType="submit" loading={saving} disabled={stale} data-testid="form-submit">
            {t(mode === 'draft' ? 'editor.save' : 'amend.submit')}
          </Button>
        </Space>
      </div>
      <Modal open={blocker.state === 'blocked'} title={t('editor.leaveTitle')} onCancel={() => blocker.reset?.()}
        footer={[
          <Button key="stay" onClick={() => blocker.reset?.()} data-testid="leave-stay">{t('editor.leaveStay')}</Button>,
          <Button key="go" danger type="primary" onClick={() => blocker.proceed?.()} data-testid="leave-go">{t('editor.leaveGo')}</Button>,
        ]}>
        <p>{t('editor.leaveBody')}</p>
      </Modal>
    </Form>
  );
}

function laterOf(a: string, b: string) {
  return a > b ? a : b;
}
