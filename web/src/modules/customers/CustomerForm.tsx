// 新建/编辑客户: one form for both, with inline checks of what a courier needs (a usable phone, a
// valid e-mail) and the server's field errors shown on the field they name ("contacts[0].phone").
// Creates carry an Idempotency-Key; edits send If-Match, and a stale version (412) offers to reload
// rather than overwrite someone else's change.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Result, Row, Select, Space, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, apiWithVersion, idempotencyKey, ifMatch, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { customerChanged, useOwners } from './api';
import type { MessageKey } from '../../app/i18n/zh';
import {
  ADDRESS_KINDS, CHANNELS, CLASSIFICATION_KEYS, CLASSIFICATIONS, CONTACT_ROLES, INDUSTRIES, KINDS,
  type Contact, type Customer,
} from './model';

// A phone a courier can call, as the server's NormalizePhone reads it (the server has the last word):
// an 11-digit mainland mobile (+86/0086 allowed), a 400/800 service number, or a landline with its
// area code (010-12345678, 0755-1234567, an extension after 转/ext/#/a third group). Full-width
// digits count. A masked value passes: sent back unchanged, the server keeps the stored number.
export function isPhone(value: string) {
  if (value.includes('*')) return true;
  let s = value.trim().toLowerCase().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  s = s.replace(/(转|ext\.?|x|#)[\d\s\-.:]+$/, '');
  if (!/^\+?[\d\s\-.()]+$/.test(s)) return false;
  let digits = s.replace(/\D/g, '');
  let international = false;
  if (s.startsWith('+')) {
    if (!digits.startsWith('86')) return false;
    digits = digits.slice(2);
    international = true;
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  } else if (digits.length === 13 && digits.startsWith('861')) {
    digits = digits.slice(2);
    international = true;
  }
  if (/^1[3-9]\d{9}$/.test(digits)) return true;
  if (!international && /^(400|800)\d{7}$/.test(digits)) return true;
  const afterZero = international ? digits : digits.startsWith('0') ? digits.slice(1) : '';
  return /^[1-9]\d{8,16}$/.test(afterZero);
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4}|\*{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;  // "****-05-12" is a masked birthday
const POSTAL = /^\d{6}$/;

// "contacts[0].phone" → ['contacts', 0, 'phone'], the form's name path for a server error.
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = part.match(/^(\w+)\[(\d+)\]$/);
    return m ? [m[1], Number(m[2])] : [part];
  });
}

type FormValues = Omit<Customer, 'id' | 'owner' | 'team_id' | 'status' | 'masked' | 'version' | 'created_at' | 'updated_at'> & {
  owner_id?: number | null;
};


const emptyToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

export function CustomerForm() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, has, label, fieldMessage, errorText } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [version, setVersion] = useState<number | null>(null);
  const [loading, setLoading] = useState(editing);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState(false);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [serverFields, setServerFields] = useState<FieldProblem[]>([]);
  const [flagNames, setFlagNames] = useState<string[]>([]);
  const [savedContacts, setSavedContacts] = useState<Contact[]>([]);
  const createKey = useRef<string>(idempotencyKey());
  const { can } = useAuth();
  // Who may own an account: the users list is for roles that may read users (managers, admins);
  // others create accounts for themselves and keep the owner as it is.
  const queryClient = useQueryClient();
  const ownerQuery = useOwners(can('users.read'));
  const owners = ownerQuery.data ? ownerQuery.data.filter((u) => u.active && u.role !== 'portal') : null;

  const load = async () => {
    setLoading(true);
    setStale(false);
    setSubmitError(null);
    setServerFields([]);
    setLoadError(null);
    try {
      const { body: c, version: v } = await apiWithVersion<Customer>('GET', `/api/v1/customers/${encodeURIComponent(id ?? '')}`);
      form.resetFields();
      form.setFieldsValue({ ...c, owner_id: c.owner?.id ?? null });
      setFlagNames(Object.keys(c.requirements.flags));
      setSavedContacts(c.contacts.filter((k) => k.id));
      setVersion(v ?? c.version);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setLoadError(e);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (editing) void load();
    else form.setFieldsValue({ kind: 'organization', industry: 'other', contacts: [{ name: '', role: 'decision_maker', is_primary: true }], addresses: [] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const submit = async (values: FormValues) => {
    setSaving(true);
    setSubmitError(null);
    setServerFields([]);
    const classification = Object.fromEntries(CLASSIFICATION_KEYS.map((k) => [k, values.classification?.[k] || null]));
    const prefs = values.preferences ?? ({} as Partial<FormValues['preferences']>);
    const body = {
      ...values,
      name: values.name?.trim(),
      code: values.code?.trim() || undefined,
      classification,
      tags: values.tags ?? [],
      contacts: (values.contacts ?? []).map((k) => ({ ...k, id: k.id || undefined })),
      addresses: (values.addresses ?? []).map((a) => ({ ...a, id: a.id || undefined })),
      preferences: {
        ...prefs,
        preferred_channel: prefs.preferred_channel || null,
        preferred_contact_id: prefs.preferred_contact_id || null,
        birthday: emptyToNull(prefs.birthday),
        anniversary: emptyToNull(prefs.anniversary),
      },
    };
    try {
      const saved = editing
        ? await api<Customer>('PATCH', `/api/v1/customers/${encodeURIComponent(id ?? '')}`, { body, headers: ifMatch(version ?? 0) })
        : await api<Customer>('POST', '/api/v1/customers', { body, headers: { 'Idempotency-Key': createKey.current } });
      customerChanged(queryClient, saved);
      message.success(t(editing ? 'form.saved' : 'form.created'));
      navigate(`/customers/${saved.id}`);
    } catch (e) {
      // A create that reached the server and was refused gets a new key for the corrected attempt;
      // one lost on the way keeps its key, so a retry cannot create the account twice.
      if (!(e instanceof ApiError) || e.status !== 0) createKey.current = idempotencyKey();
      if (e instanceof ApiError && (e.status === 412 || e.status === 428)) {
        setStale(true);
      } else if (e instanceof ApiError && e.fields.some((f) => f.field)) {
        const withField = e.fields.filter((f) => f.field);
        form.setFields(withField.map((f) => ({ name: fieldPath(f.field) as never, errors: [fieldMessage(f)] })));
        setServerFields(withField);
        setSubmitError(e);
        message.error(t('form.fixErrors'));
      } else {
        setSubmitError(e);
        message.error(e instanceof ApiError && e.status === 409 ? t('form.conflict') : errorText(e));
      }
    } finally {
      setSaving(false);
    }
  };

  if (missing) {
    return (
      <Result status="404" title={<span data-testid="customer-not-found">{t('customer.notFound')}</span>}
        subTitle={t('customer.notFoundHint')}
        extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('customer.toList')}</Button>} />
    );
  }
  if (loadError !== null) {
    return <Alert type="error" showIcon message={errorText(loadError)} action={<Button onClick={load}>{t('common.reload')}</Button>} />;
  }
  if (loading) return <Spin />;

  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(group, v) }));
  const maxLen = (n: number) => ({ max: n, message: t('form.tooLong', { n }) });
  const required = { required: true, whitespace: true, message: t('form.required') };
  const fieldTitle = (field: string) => {
    const path = fieldPath(field);
    const last = String(path[path.length - 1]);
    const camel = last.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());
    const key = path[0] === 'classification' ? `cls.${last}` : `field.${camel}`;
    const name = has(key) ? t(key as MessageKey) : last;
    const index = path.find((p) => typeof p === 'number');
    return index !== undefined ? `${t(path[0] === 'contacts' ? 'customer.contacts' : 'customer.addresses')} ${Number(index) + 1} · ${name}` : name;
  };

  return (
    <Card title={t(editing ? 'form.editTitle' : 'form.createTitle')}>
      {stale && (
        <Alert type="warning" showIcon message={t('form.stale')} style={{ marginBottom: 16 }} data-testid="stale-warning"
          action={<Button onClick={load} data-testid="stale-reload">{t('form.staleReload')}</Button>} />
      )}
      {submitError !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="form-errors"
          message={submitError instanceof ApiError && submitError.status === 409 && !serverFields.length ? t('form.conflict') : errorText(submitError)}
          description={serverFields.length ? (
            <div>
              <div>{t('error.fieldsTitle')}</div>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {serverFields.map((f, i) => <li key={i}>{fieldTitle(f.field)}: {fieldMessage(f)}</li>)}
              </ul>
            </div>
          ) : undefined} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('field.name')} rules={[required, maxLen(200)]}>
              <Input data-testid="form-name" maxLength={400} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="code" label={t('field.code')} extra={editing ? undefined : t('form.codeHint')} rules={[maxLen(32)]}>
              <Input data-testid="form-code" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="kind" label={t('field.kind')}><Select options={enumOptions('kind', KINDS)} data-testid="form-kind" /></Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="industry" label={t('field.industry')}><Select options={enumOptions('industry', INDUSTRIES)} data-testid="form-industry" popupMatchSelectWidth={false} /></Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={owners ? 16 : 24}>
            <Form.Item name="tags" label={t('field.tags')} extra={t('form.tagsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="form-tags" />
            </Form.Item>
          </Col>
          {owners && (
            <Col xs={24} md={8}>
              <Form.Item name="owner_id" label={t('field.owner')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  data-testid="form-owner"
                  options={owners.map((u) => ({ value: u.id, label: `${u.name || u.login} (${u.login})` }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider orientation="left">{t('customer.contacts')}</Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" data-testid="form-contact">
                  <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, 'name']} label={t('field.contactName')} rules={[required, maxLen(50)]}>
                      <Input data-testid={`form-contact-name-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, 'role']} label={t('field.contactRole')}>
                      <Select options={enumOptions('contact_role', CONTACT_ROLES)} data-testid={`form-contact-role-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[name, 'title']} label={t('field.title')} rules={[maxLen(50)]}><Input data-testid={`form-contact-title-${name}`} /></Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[name, 'phone']} label={t('field.phone')} validateTrigger="onBlur"
                      rules={[maxLen(40), { validator: (_, v?: string) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('form.badPhone')))) }]}>
                      <Input data-testid={`form-contact-phone-${name}`} inputMode="tel" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[name, 'email']} label={t('field.email')} validateTrigger="onBlur"
                      rules={[maxLen(120), { validator: (_, v?: string) => (!v || v.includes('*') || EMAIL.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('form.badEmail')))) }]}>
                      <Input data-testid={`form-contact-email-${name}`} inputMode="email" />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={2}>
                    <Form.Item name={[name, 'is_primary']} label={t('field.isPrimary')} valuePropName="checked"><Checkbox data-testid={`form-contact-primary-${name}`} /></Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('form.remove')}
                        title={t('form.remove')} data-testid={`form-contact-remove-${name}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: 'other' })} data-testid="add-contact">{t('form.addContact')}</Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('customer.addresses')}</Divider>
        <Form.List name="addresses">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} data-testid="form-address">
                  <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                  <Col xs={12} md={3}><Form.Item name={[name, 'kind']} label={t('field.addressKind')}><Select options={enumOptions('address_kind', ADDRESS_KINDS)} data-testid={`form-address-kind-${name}`} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'province']} label={t('field.province')} rules={[maxLen(30)]}><Input data-testid={`form-address-province-${name}`} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'city']} label={t('field.city')} rules={[maxLen(30)]}><Input data-testid={`form-address-city-${name}`} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'district']} label={t('field.district')} rules={[maxLen(30)]}><Input data-testid={`form-address-district-${name}`} /></Form.Item></Col>
                  <Col xs={24} md={6}><Form.Item name={[name, 'street']} label={t('field.street')} rules={[maxLen(200)]}><Input data-testid={`form-address-street-${name}`} /></Form.Item></Col>
                  <Col xs={12} md={2}><Form.Item name={[name, 'postal_code']} label={t('field.postalCode')} rules={[{ pattern: POSTAL, message: t('form.badPostalCode') }]}><Input data-testid={`form-address-postal-${name}`} inputMode="numeric" maxLength={6} /></Form.Item></Col>
                  <Col xs={8} md={2}><Form.Item name={[name, 'is_default']} label={t('field.isDefault')} valuePropName="checked"><Checkbox /></Form.Item></Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" ">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('form.remove')}
                        title={t('form.remove')} data-testid={`form-address-remove-${name}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'pickup' })} data-testid="add-address">{t('form.addAddress')}</Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('customer.classification')}</Divider>
        <Row gutter={16}>
          {CLASSIFICATION_KEYS.map((k) => (
            <Col xs={12} md={6} key={k}>
              <Form.Item name={['classification', k]} label={t(`cls.${k}` as MessageKey)}>
                <Select allowClear options={enumOptions(k, CLASSIFICATIONS[k])} data-testid={`form-${k}`} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider orientation="left">{t('customer.preferences')}</Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'pickup_window']} label={t('field.pickupWindow')} rules={[maxLen(50)]}><Input placeholder="14:00-16:00" data-testid="form-pickup-window" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'preferred_channel']} label={t('field.preferredChannel')}><Select allowClear options={enumOptions('channel', CHANNELS)} data-testid="form-preferred-channel" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'birthday']} label={t('field.birthday')} rules={[{ pattern: DATE, message: t('form.badDate') }]}><Input placeholder="1980-05-20" data-testid="form-birthday" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'anniversary']} label={t('field.anniversary')} rules={[{ pattern: DATE, message: t('form.badDate') }]}><Input placeholder="2015-10-01" data-testid="form-anniversary" /></Form.Item></Col>
          {editing && savedContacts.length > 0 && (
            <Col xs={12} md={6}>
              <Form.Item name={['preferences', 'preferred_contact_id']} label={t('customer.preferredContact')}>
                <Select allowClear options={savedContacts.map((k) => ({ value: k.id, label: `${k.name} · ${label('contact_role', k.role)}` }))} data-testid="form-preferred-contact" />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={editing && savedContacts.length > 0 ? 9 : 12}><Form.Item name={['preferences', 'packaging']} label={t('field.packaging')} rules={[maxLen(200)]}><Input data-testid="form-packaging" /></Form.Item></Col>
          <Col xs={24} md={editing && savedContacts.length > 0 ? 9 : 12}><Form.Item name={['preferences', 'handling']} label={t('field.handling')} rules={[maxLen(200)]}><Input data-testid="form-handling" /></Form.Item></Col>
          <Col xs={24}><Form.Item name={['preferences', 'usual']} label={t('field.usual')} rules={[maxLen(1000)]}><Input.TextArea rows={2} data-testid="form-usual" /></Form.Item></Col>
        </Row>
        {editing && (
          <>
            <Divider orientation="left">{t('customer.requirements')}</Divider>
            <Form.Item name={['requirements', 'notes']} label={t('field.requirementNotes')} rules={[maxLen(4000)]}>
              <Input.TextArea rows={4} data-testid="form-requirement-notes" />
            </Form.Item>
            {flagNames.length > 0 && (
              <Form.Item label={t('field.requirementFlags')}>
                <Space wrap>
                  {flagNames.map((f) => (
                    <Form.Item key={f} name={['requirements', 'flags', f]} valuePropName="checked" noStyle>
                      <Checkbox data-testid={`form-flag-${f}`}>{has(`flag.${f}`) ? t(`flag.${f}` as MessageKey) : f}</Checkbox>
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
            )}
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">{t('common.save')}</Button>
          <Button onClick={() => navigate(editing ? `/customers/${id}` : '/customers')} data-testid="form-cancel">{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
