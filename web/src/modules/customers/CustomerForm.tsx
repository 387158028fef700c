// 新建/编辑客户: one form for both (ProForm), with inline checks of what a courier needs (a usable
// phone, a valid e-mail), a province → city → district cascader, date pickers, and a save bar fixed to
// the bottom of the screen: Save / Cancel, an "unsaved changes" sign, and the server's problems, each
// a link to its field (errors[].field, "contacts[0].phone"), also shown on the field itself.
// Creates carry an Idempotency-Key; edits send If-Match. Leaving with unsaved changes asks first
// (useBlocker in the app, beforeunload for a reload or a closed tab). A Save that meets an ended
// session keeps the draft (sessionStorage, per record), and the form restores it after the login.
// A Save against a version someone else changed (412) shows both versions field by field; the user
// chooses per field and saves against the server's newest version.
import { ExclamationCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FooterToolbar, ProForm } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, Modal, Radio, Result, Row, Select, Space, Spin, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, apiWithVersion, idempotencyKey, ifMatch, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { customerChanged, useUserOptions } from './api';
import {
  conflicts, DateInput, keepDraft, merge, RegionCascader, takeDraft, useKeyboardInset, type ConflictField,
} from './formParts';
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

// The form's part of a record: what the form edits, nothing else (so that versions compare field by field).
function toFormValues(c: Customer): FormValues {
  return {
    name: c.name, code: c.code, credit_code: c.credit_code, kind: c.kind, industry: c.industry, tags: c.tags, owner_id: c.owner?.id ?? null,
    classification: c.classification, contacts: c.contacts, addresses: c.addresses, preferences: c.preferences,
    requirements: c.requirements,
  } as FormValues;
}

// A server error's field as the form shows it: an address's city or district is on its cascader.
function shownPath(field: string): (string | number)[] {
  const path = fieldPath(field);
  const last = path[path.length - 1];
  if (path[0] === 'addresses' && (last === 'city' || last === 'district')) return [...path.slice(0, -1), 'province'];
  return path;
}

const emptyToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

export function CustomerForm() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t, has, label, fieldMessage, errorText, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [version, setVersion] = useState<number | null>(null);
  const [loading, setLoading] = useState(editing);
  const [saving, setSaving] = useState(false);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [serverFields, setServerFields] = useState<FieldProblem[]>([]);
  const [flagNames, setFlagNames] = useState<string[]>([]);
  const [savedContacts, setSavedContacts] = useState<Contact[]>([]);
  const [dirty, setDirty] = useState(false);
  const [draftRestored, setDraftRestored] = useState(false);
  // An edit conflict: the server's current values and version, the fields that differ, the choices.
  const [conflict, setConflict] = useState<{ theirs: FormValues; version: number; fields: ConflictField[] } | null>(null);
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const base = useRef<FormValues | null>(null);  // the version the user started from
  const dirtyRef = useRef(false);
  const leaving = useRef(false);                  // saved: navigate without asking
  const createKey = useRef<string>(idempotencyKey());
  const { can, user } = useAuth();
  const keyboard = useKeyboardInset();
  // Who may own an account: the users list is for roles that may read users (managers, admins);
  // others create accounts for themselves and keep the owner as it is.
  const queryClient = useQueryClient();
  const ownerQuery = useUserOptions(can('users.read'));
  const owners = ownerQuery.data ? ownerQuery.data.users : null;  // the active staff users

  const markDirty = (value: boolean) => {
    dirtyRef.current = value;
    setDirty(value);
  };

  // In-app navigation waits for a choice while there are unsaved changes; a reload or a closed tab
  // gets the browser's own question.
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

  const restoreDraft = () => {
    const draft = takeDraft<FormValues>(id, user?.id);
    if (!draft) return;
    form.setFieldsValue(draft.values);
    if (draft.base) base.current = draft.base;
    if (editing && draft.version !== null) setVersion(draft.version);
    setDraftRestored(true);
    markDirty(true);
  };

  const load = async () => {
    setLoading(true);
    setConflict(null);
    setSubmitError(null);
    setServerFields([]);
    setLoadError(null);
    setDraftRestored(false);
    try {
      const { body: c, version: v } = await apiWithVersion<Customer>('GET', `/api/v1/customers/${encodeURIComponent(id ?? '')}`);
      const values = toFormValues(c);
      form.resetFields();
      form.setFieldsValue(values);
      base.current = values;
      setFlagNames(Object.keys(c.requirements.flags));
      setSavedContacts(c.contacts.filter((k) => k.id));
      setVersion(v ?? c.version);
      markDirty(false);
      restoreDraft();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setLoadError(e);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (editing) void load();
    else {
      form.setFieldsValue({ kind: 'organization', industry: 'other', contacts: [{ name: '', role: 'decision_maker', is_primary: true }], addresses: [] });
      restoreDraft();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  // Messages already on screen follow the language: fields showing a check's message are checked
  // again (the rules now speak the new language), the server's problems are put again in its words.
  const firstLang = useRef(true);
  useEffect(() => {
    if (firstLang.current) {
      firstLang.current = false;
      return;
    }
    const serverKeys = new Set(serverFields.map((f) => JSON.stringify(shownPath(f.field))));
    const shown = form.getFieldsError().filter((f) => f.errors.length && !serverKeys.has(JSON.stringify(f.name))).map((f) => f.name);
    if (shown.length) form.validateFields(shown).catch(() => undefined);
    if (serverFields.length) form.setFields(serverFields.map((f) => ({ name: shownPath(f.field) as never, errors: [fieldMessage(f)] })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const bodyOf = (values: FormValues) => {
    const classification = Object.fromEntries(CLASSIFICATION_KEYS.map((k) => [k, values.classification?.[k] || null]));
    const prefs = values.preferences ?? ({} as Partial<FormValues['preferences']>);
    return {
      ...values,
      name: values.name?.trim(),
      code: values.code?.trim() || undefined,
      credit_code: values.kind === 'individual' ? '' : (values.credit_code ?? '').trim(),
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
  };

  // A 412: the server's current version beside mine, per field that differs.
  const showConflict = async () => {
    const mine = form.getFieldsValue(true) as FormValues;
    const { body: c, version: v } = await apiWithVersion<Customer>('GET', `/api/v1/customers/${encodeURIComponent(id ?? '')}`);
    const theirs = toFormValues(c);
    setFlagNames(Object.keys(c.requirements.flags));
    setSavedContacts(c.contacts.filter((k) => k.id));
    setChoice({});
    setConflict({ theirs, version: v ?? c.version, fields: conflicts(base.current, mine, theirs) });
  };

  const submit = async (values: FormValues, againstVersion: number | null = version) => {
    setSaving(true);
    setSubmitError(null);
    setServerFields([]);
    const kept = form.getFieldsValue(true) as FormValues;  // the draft, should the session have ended
    try {
      const body = bodyOf(values);
      const saved = editing
        ? await api<Customer>('PATCH', `/api/v1/customers/${encodeURIComponent(id ?? '')}`, { body, headers: ifMatch(againstVersion ?? 0) })
        : await api<Customer>('POST', '/api/v1/customers', { body, headers: { 'Idempotency-Key': createKey.current } });
      customerChanged(queryClient, saved);
      leaving.current = true;
      markDirty(false);
      message.success(t(editing ? 'form.saved' : 'form.created'));
      navigate(`/customers/${saved.id}`);
    } catch (e) {
      // A create that reached the server and was refused gets a new key for the corrected attempt;
      // one lost on the way keeps its key, so a retry cannot create the account twice.
      if (!(e instanceof ApiError) || e.status !== 0) createKey.current = idempotencyKey();
      if (e instanceof ApiError && e.status === 401) {
        // The session ended: the login page comes next (app/auth.tsx); the work waits for the return.
        if (user) keepDraft(id, { values: kept, base: base.current, version: againstVersion, user: user.id, saved_at: new Date().toISOString() });
      } else if (e instanceof ApiError && editing && (e.status === 412 || e.status === 428)) {
        try {
          await showConflict();
        } catch (again) {
          setSubmitError(again);
        }
      } else if (e instanceof ApiError && e.fields.some((f) => f.field)) {
        const withField = e.fields.filter((f) => f.field);
        form.setFields(withField.map((f) => ({ name: shownPath(f.field) as never, errors: [fieldMessage(f)] })));
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

  // Saves the chosen values against the server's newest version.
  const saveChoices = async () => {
    if (!conflict) return;
    const merged = merge(conflict.theirs, conflict.fields, choice);
    form.setFieldsValue(merged);
    base.current = conflict.theirs;
    setVersion(conflict.version);
    setConflict(null);
    try {
      const values = await form.validateFields();
      await submit({ ...merged, ...values } as FormValues, conflict.version);
    } catch {
      /* the checks' messages are on the fields */
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
    const key = path[0] === 'classification' ? `cls.${last}`
      : path[0] === 'requirements' && path[1] === 'flags' ? `flag.${last}`
        : path[0] === 'requirements' && last === 'notes' ? 'field.requirementNotes'
          : last === 'role' ? 'field.contactRole' : last === 'kind' && path[0] === 'addresses' ? 'field.addressKind'
            : last === 'name' && path[0] === 'contacts' ? 'field.contactName' : last === 'owner_id' ? 'field.owner' : `field.${camel}`;
    const name = has(key) ? t(key as MessageKey) : last;
    const index = path.find((p) => typeof p === 'number');
    return index !== undefined ? `${t(path[0] === 'contacts' ? 'customer.contacts' : 'customer.addresses')} ${Number(index) + 1} · ${name}` : name;
  };
  const goTo = (field: string) => {
    const path = shownPath(field);
    form.scrollToField(path as never, { block: 'center' });
    const input = form.getFieldInstance(path as never) as { focus?: () => void } | undefined;
    input?.focus?.();
  };
  // A value of a conflicting field in words.
  const shown = (path: (string | number)[], v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('form.empty');
    const last = String(path[path.length - 1]);
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? Object.values(x as object).filter((y) => typeof y === 'string' && y).join(' ') : String(x))).join('；');
    if (path[0] === 'classification') return label(last, String(v));
    if (last === 'owner_id') {
      const o = owners?.find((u) => u.id === v);
      return o ? o.name : `#${String(v)}`;
    }
    const group = { kind: path[0] === 'addresses' ? 'address_kind' : 'kind', industry: 'industry', role: 'contact_role', preferred_channel: 'channel' }[last];
    return group ? label(group, String(v)) : String(v);
  };
  const errorMessage = submitError instanceof ApiError && submitError.status === 409 && !serverFields.length ? t('form.conflict') : errorText(submitError);

  return (
    <Card title={t(editing ? 'form.editTitle' : 'form.createTitle')}>
      {draftRestored && (
        <Alert type="info" showIcon message={t('form.draftRestored')} style={{ marginBottom: 16 }} data-testid="draft-restored" closable
          action={<Button size="small" onClick={load} data-testid="draft-discard" hidden={!editing}>{t('form.draftDiscard')}</Button>} />
      )}
      {conflict && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="stale-warning"
          message={t('form.conflictTitle')}
          description={(
            <div>
              <p>{conflict.fields.length ? t('form.conflictHint') : t('form.conflictNone')}</p>
              {conflict.fields.length > 0 && (
                <Table<ConflictField>
                  size="small" pagination={false} rowKey="name" dataSource={conflict.fields} scroll={{ x: 'max-content' }}
                  onRow={() => ({ 'data-testid': 'conflict-row' } as HTMLAttributes<HTMLElement>)}
                  columns={[
                    { title: t('form.conflictField'), key: 'field', render: (_, f) => <span data-testid="conflict-field">{fieldTitle(f.name)}</span> },
                    ...(['mine', 'theirs'] as const).map((side) => ({
                      title: t(side === 'mine' ? 'form.conflictMine' : 'form.conflictTheirs'),
                      key: side,
                      render: (_: unknown, f: ConflictField) => (
                        <Radio
                          checked={(choice[f.name] ?? (f.mineChanged ? 'mine' : 'theirs')) === side}
                          onChange={() => setChoice((c) => ({ ...c, [f.name]: side }))}
                          data-testid={`conflict-${side}-${f.name}`}>
                          <span data-testid={`conflict-${side}-value`}>{shown(f.path, side === 'mine' ? f.mine : f.theirs)}</span>
                        </Radio>
                      ),
                    })),
                  ]} />
              )}
              <Space wrap style={{ marginTop: 12 }}>
                <Button type="primary" onClick={saveChoices} loading={saving} data-testid="conflict-save">{t('form.conflictSave')}</Button>
                <Button onClick={load} data-testid="stale-reload">{t('form.staleReload')}</Button>
              </Space>
            </div>
          )} />
      )}
      <ProForm<FormValues> form={form} layout="vertical" onFinish={(values) => submit(values)} scrollToFirstError submitter={false} omitNil={false}
        onValuesChange={() => { if (!dirtyRef.current) markDirty(true); }}>
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
          <Col xs={24} md={12}>
            <Form.Item name="credit_code" label={t('field.creditCode')} extra={t('form.creditCodeHint')}
              normalize={(v?: string) => (v ?? '').toUpperCase().replace(/\s/g, '')} rules={[maxLen(18)]}>
              <Input data-testid="form-credit-code" autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={3}>
            <Form.Item name="kind" label={t('field.kind')}><Select options={enumOptions('kind', KINDS)} data-testid="form-kind" /></Form.Item>
          </Col>
          <Col xs={24} md={3}>
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
                  options={owners.map((u) => ({ value: u.id, label: u.name }))}
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
                  <Col xs={24} md={4}>
                    <Form.Item name={[name, 'name']} label={t('field.contactName')} rules={[required, maxLen(50)]}>
                      <Input data-testid={`form-contact-name-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item name={[name, 'role']} label={t('field.contactRole')}>
                      <Select options={enumOptions('contact_role', CONTACT_ROLES)} data-testid={`form-contact-role-${name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={3}>
                    <Form.Item name={[name, 'title']} label={t('field.title')} rules={[maxLen(50)]}><Input data-testid={`form-contact-title-${name}`} /></Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[name, 'phone']} label={t('field.phone')} validateTrigger="onBlur"
                      rules={[maxLen(40), { validator: (_, v?: string) => (!v || isPhone(v) ? Promise.resolve() : Promise.reject(new Error(t('form.badPhone')))) }]}>
                      <Input data-testid={`form-contact-phone-${name}`} inputMode="tel" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[name, 'email']} label={t('field.email')} validateTrigger="onBlur"
                      rules={[maxLen(120), { validator: (_, v?: string) => (!v || v.includes('*') || EMAIL.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('form.badEmail')))) }]}>
                      <Input data-testid={`form-contact-email-${name}`} inputMode="email" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={2}>
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
                  <Col xs={24} md={3}><Form.Item name={[name, 'kind']} label={t('field.addressKind')}><Select options={enumOptions('address_kind', ADDRESS_KINDS)} data-testid={`form-address-kind-${name}`} /></Form.Item></Col>
                  <Col xs={24} md={9}>
                    <Form.Item name={[name, 'province']} label={t('form.region')} rules={[maxLen(30)]}>
                      <RegionCascader base={['addresses', name]} testId={`form-address-region-${name}`} />
                    </Form.Item>
                    <Form.Item name={[name, 'city']} hidden><Input data-testid={`form-address-city-${name}`} /></Form.Item>
                    <Form.Item name={[name, 'district']} hidden><Input data-testid={`form-address-district-${name}`} /></Form.Item>
                  </Col>
                  <Col xs={24} md={6}><Form.Item name={[name, 'street']} label={t('field.street')} rules={[maxLen(200)]}><Input data-testid={`form-address-street-${name}`} /></Form.Item></Col>
                  <Col xs={24} md={2}><Form.Item name={[name, 'postal_code']} label={t('field.postalCode')} rules={[{ pattern: POSTAL, message: t('form.badPostalCode') }]}><Input data-testid={`form-address-postal-${name}`} inputMode="numeric" maxLength={6} /></Form.Item></Col>
                  <Col xs={20} md={2}><Form.Item name={[name, 'is_default']} label={t('field.isDefault')} valuePropName="checked"><Checkbox /></Form.Item></Col>
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
            <Col xs={24} md={6} key={k}>
              <Form.Item name={['classification', k]} label={t(`cls.${k}` as MessageKey)}>
                <Select allowClear options={enumOptions(k, CLASSIFICATIONS[k])} data-testid={`form-${k}`} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider orientation="left">{t('customer.preferences')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={6}><Form.Item name={['preferences', 'pickup_window']} label={t('field.pickupWindow')} rules={[maxLen(50)]}><Input placeholder="14:00-16:00" data-testid="form-pickup-window" /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name={['preferences', 'preferred_channel']} label={t('field.preferredChannel')}><Select allowClear options={enumOptions('channel', CHANNELS)} data-testid="form-preferred-channel" /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name={['preferences', 'birthday']} label={t('field.birthday')} rules={[{ pattern: DATE, message: t('form.badDate') }]}><DateInput testId="form-birthday" /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name={['preferences', 'anniversary']} label={t('field.anniversary')} rules={[{ pattern: DATE, message: t('form.badDate') }]}><DateInput testId="form-anniversary" /></Form.Item></Col>
          {editing && savedContacts.length > 0 && (
            <Col xs={24} md={6}>
              <Form.Item name={['preferences', 'preferred_contact_id']} label={t('customer.preferredContact')}>
                <Select allowClear options={savedContacts.map((k) => ({ value: k.id, label: `${k.name} · ${label('contact_role', k.role)}` }))} data-testid="form-preferred-contact" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={editing && savedContacts.length > 0 ? 9 : 12}><Form.Item name={['preferences', 'packaging']} label={t('field.packaging')} rules={[maxLen(200)]}><Input data-testid="form-packaging" /></Form.Item></Col>
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
        <div style={{ height: 160 }} aria-hidden="true" />
        <FooterToolbar portalDom={false} data-testid="save-bar"
          style={{ bottom: keyboard, lineHeight: 'normal', paddingBlock: 10, paddingInline: 16, background: '#fff', zIndex: 100 }}
          extra={(
            <div style={{ maxHeight: '30vh', overflowY: 'auto' }}>
              {submitError !== null ? (
                <div data-testid="form-errors" role="alert" style={{ color: '#c41d1d' }}>
                  <div><ExclamationCircleOutlined /> {errorMessage}{serverFields.length ? ` · ${t('form.errorsCount', { n: serverFields.length })}` : ''}</div>
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
                  {dirty ? <><ExclamationCircleOutlined style={{ color: '#ad4e00' }} /> {t('form.unsaved')}</> : t('form.noChanges')}
                </Typography.Text>
              )}
            </div>
          )}>
          <Space>
            <Button onClick={() => navigate(editing ? `/customers/${id}` : '/customers')} data-testid="form-cancel">{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} disabled={conflict !== null} data-testid="form-submit">{t('common.save')}</Button>
          </Space>
        </FooterToolbar>
      </ProForm>
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
