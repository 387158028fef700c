// 新建/编辑客户: one form for both, with inline checks of what a courier needs (a usable phone, a
// valid e-mail) and the server's field errors shown on the field they name ("contacts[0].phone").
// Edits send If-Match; a stale version offers to reload rather than overwrite someone's change.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Row, Select, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { zh, type MessageKey } from '../i18n/zh';
import {
  ADDRESS_KINDS, CHANNELS, CLASSIFICATION_KEYS, CLASSIFICATIONS, CONTACT_ROLES, INDUSTRIES, KINDS, type Customer,
} from '../model';

// 11-digit mainland mobile, or a landline with its area code; masked values pass (the server keeps them).
const PHONE = /^(\+?86)?1[3-9]\d{9}$|^0\d{2,3}\d{7,8}$/;
export function isPhone(value: string) {
  return value.includes('*') || PHONE.test(value.replace(/[\s-]/g, ''));
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// "contacts[0].phone" → ['contacts', 0, 'phone'], the form's name path for a server error.
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const m = part.match(/^(\w+)\[(\d+)\]$/);
    return m ? [m[1], Number(m[2])] : [part];
  });
}

type FormValues = Omit<Customer, 'id' | 'owner' | 'team_id' | 'status' | 'masked' | 'version' | 'created_at' | 'updated_at'>;

export function CustomerForm() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [version, setVersion] = useState<number | null>(null);
  const [loading, setLoading] = useState(editing);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState(false);
  const [missing, setMissing] = useState(false);
  const [flagNames, setFlagNames] = useState<string[]>([]);

  const load = async () => {
    setLoading(true);
    setStale(false);
    try {
      const c = await api<Customer>('GET', `/api/v1/customers/${id}`);
      form.setFieldsValue(c);
      setFlagNames(Object.keys(c.requirements.flags));
      setVersion(c.version);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
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
    const classification = Object.fromEntries(CLASSIFICATION_KEYS.map((k) => [k, values.classification?.[k] || null]));
    const body = {
      ...values,
      code: values.code || undefined,
      classification,
      tags: values.tags ?? [],
      contacts: values.contacts ?? [],
      addresses: values.addresses ?? [],
    };
    try {
      const saved = editing
        ? await api<Customer>('PATCH', `/api/v1/customers/${id}`, { body, headers: { 'If-Match': `"${version}"` } })
        : await api<Customer>('POST', '/api/v1/customers', { body });
      message.success(t(editing ? 'form.saved' : 'form.created'));
      navigate(`/customers/${saved.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setStale(true);
      } else if (e instanceof ApiError && e.fields.length) {
        form.setFields(e.fields.filter((f) => f.field).map((f) => ({ name: fieldPath(f.field) as never, errors: [f.message] })));
        message.error(t('form.fixErrors'));
      } else {
        message.error(e instanceof ApiError ? e.title : t('common.error'));
      }
    } finally {
      setSaving(false);
    }
  };

  if (missing) return <Alert type="error" showIcon message={t('customer.notFound')} data-testid="customer-not-found" />;
  if (loading) return <Spin />;

  const enumOptions = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(group, v) }));
  const maxLen = (n: number) => ({ max: n, message: t('form.tooLong', { n }) });

  return (
    <Card title={t(editing ? 'form.editTitle' : 'form.createTitle')}>
      {stale && (
        <Alert type="warning" showIcon message={t('form.stale')} style={{ marginBottom: 16 }} data-testid="stale-warning"
          action={<Button onClick={load}>{t('common.reload')}</Button>} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, maxLen(200)]}>
              <Input data-testid="form-name" />
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
            <Form.Item name="industry" label={t('field.industry')}><Select options={enumOptions('industry', INDUSTRIES)} data-testid="form-industry" /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('field.tags')} extra={t('form.tagsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="form-tags" />
        </Form.Item>

        <Divider orientation="left">{t('customer.contacts')}</Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top">
                  <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, 'name']} label={t('field.contactName')} rules={[{ required: true, whitespace: true, message: t('form.required') }, maxLen(50)]}>
                      <Input data-testid={`form-contact-name-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[name, 'role']} label={t('field.contactRole')}><Select options={enumOptions('contact_role', CONTACT_ROLES)} /></Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[name, 'title']} label={t('field.title')} rules={[maxLen(50)]}><Input /></Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[name, 'phone']} label={t('field.phone')} validateTrigger="onBlur"
                      rules={[{ validator: (_, v?: string) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('form.badPhone')))) }]}>
                      <Input data-testid={`form-contact-phone-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[name, 'email']} label={t('field.email')} validateTrigger="onBlur"
                      rules={[{ validator: (_, v?: string) => (!v || v.includes('*') || EMAIL.test(v) ? Promise.resolve() : Promise.reject(new Error(t('form.badEmail')))) }]}>
                      <Input data-testid={`form-contact-email-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={2}>
                    <Form.Item name={[name, 'is_primary']} label={t('field.isPrimary')} valuePropName="checked"><Checkbox /></Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Form.Item label=" "><MinusCircleOutlined onClick={() => remove(name)} aria-label={t('form.remove')} /></Form.Item>
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
                <Row gutter={8} key={key}>
                  <Form.Item name={[name, 'id']} hidden><Input /></Form.Item>
                  <Col xs={12} md={3}><Form.Item name={[name, 'kind']} label={t('field.addressKind')}><Select options={enumOptions('address_kind', ADDRESS_KINDS)} /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'province']} label={t('field.province')} rules={[maxLen(30)]}><Input /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'city']} label={t('field.city')} rules={[maxLen(30)]}><Input /></Form.Item></Col>
                  <Col xs={12} md={3}><Form.Item name={[name, 'district']} label={t('field.district')} rules={[maxLen(30)]}><Input /></Form.Item></Col>
                  <Col xs={24} md={8}><Form.Item name={[name, 'street']} label={t('field.street')} rules={[maxLen(200)]}><Input /></Form.Item></Col>
                  <Col xs={8} md={2}><Form.Item name={[name, 'is_default']} label={t('field.isDefault')} valuePropName="checked"><Checkbox /></Form.Item></Col>
                  <Col xs={4} md={1}><Form.Item label=" "><MinusCircleOutlined onClick={() => remove(name)} aria-label={t('form.remove')} /></Form.Item></Col>
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
                <Select allowClear options={enumOptions(k, CLASSIFICATIONS[k])} data-testid={`form-${k}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider orientation="left">{t('customer.preferences')}</Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'pickup_window']} label={t('field.pickupWindow')} rules={[maxLen(50)]}><Input placeholder="14:00-16:00" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'preferred_channel']} label={t('field.preferredChannel')}><Select allowClear options={enumOptions('channel', CHANNELS)} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'birthday']} label={t('field.birthday')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input placeholder="1980-05-20" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name={['preferences', 'packaging']} label={t('field.packaging')} rules={[maxLen(200)]}><Input /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name={['preferences', 'handling']} label={t('field.handling')} rules={[maxLen(200)]}><Input /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name={['preferences', 'usual']} label={t('field.usual')} rules={[maxLen(1000)]}><Input.TextArea rows={2} /></Form.Item></Col>
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
                      <Checkbox>{`flag.${f}` in zh ? t(`flag.${f}` as MessageKey) : f}</Checkbox>
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
            )}
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="form-submit">{t('common.save')}</Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
