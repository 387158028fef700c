// 通知模板 (notify.templates, admins): the texts customers receive, one per event × channel (e-mail,
// SMS) × language, listed on the left with "edited" or "default"; the editor on the right with the
// placeholders beside (a click inserts one at the cursor), a live preview rendered with the server's
// sample values by the same {{name}} rule (the saved template's preview comes from the server), save,
// and reset to the built-in text after a confirmation. Field problems (an unknown placeholder, a
// subject on two lines, an SMS over 300 characters) are shown under their field.
import { UndoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Empty, Form, Input, List, Popconfirm, Row, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { renderSample, resetTemplate, saveTemplate, SMS_MAX, TOPICS, TEMPLATE_CHANNELS, LANGUAGES, useTemplates, type Template } from './api';
import { useNotifyWords } from './parts';
import './notify.css';

const keyOf = (x: Pick<Template, 'topic' | 'channel' | 'language'>) => `${x.topic}/${x.channel}/${x.language}`;
const ORDER = TOPICS.flatMap((topic) => TEMPLATE_CHANNELS.flatMap((channel) => LANGUAGES.map((language) => `${topic}/${channel}/${language}`)));

export function Templates() {
  const { t } = useI18n();
  const words = useNotifyWords();
  const query = useTemplates();
  const [params, setParams] = useSearchParams();
  const items = useMemo(() => [...(query.data?.items ?? [])].sort((a, b) => ORDER.indexOf(keyOf(a)) - ORDER.indexOf(keyOf(b))), [query.data]);
  const selectedKey = params.get('t') ?? (items[0] ? keyOf(items[0]) : null);
  const selected = items.find((x) => keyOf(x) === selectedKey) ?? null;
  const [dirty, setDirty] = useState(false);

  if (query.isPending) return <Spin data-testid="templates-loading" />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="templates-error" />;

  return (
    <div data-testid="templates-page">
      <Typography.Paragraph type="secondary">{t('templates.hint')}</Typography.Paragraph>
      {items.length === 0 ? <Empty description={t('templates.empty')} /> : (
        <Row gutter={16}>
          <Col xs={24} lg={8}>
            <Card size="small" bodyStyle={{ padding: 0 }}>
              <List<Template>
                size="small"
                dataSource={items}
                className="template-list"
                renderItem={(x) => {
                  const k = keyOf(x);
                  const active = k === selectedKey;
                  return (
                    <List.Item className={active ? 'template-item active' : 'template-item'} data-testid="template-item" data-key={k} data-default={x.is_default}>
                      <button type="button" className="template-pick" aria-current={active ? 'true' : undefined}
                        onClick={() => { if (k !== selectedKey) { setDirty(false); setParams({ t: k }, { replace: true }); } }}>
                        <span>{words.topic(x.topic)} · {words.channel(x.channel)} · {words.language(x.language)}</span>
                        {x.is_default ? <Tag>{t('templates.default')}</Tag> : <Tag color="blue" data-testid="template-edited">{t('templates.edited')}</Tag>}
                      </button>
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            {selected
              ? <TemplateEditor key={keyOf(selected)} template={selected} placeholders={query.data.placeholders} onDirty={setDirty} dirty={dirty} />
              : <Empty description={t('templates.pick')} />}
          </Col>
        </Row>
      )}
    </div>
  );
}

interface Text { subject: string; body: string }

function TemplateEditor({ template, placeholders, dirty, onDirty }: {
  template: Template; placeholders: { name: string; zh: string; en: string }[]; dirty: boolean; onDirty: (d: boolean) => void;
}) {
  const { t, lang, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const words = useNotifyWords();
  const client = useQueryClient();
  const [form] = Form.useForm<Text>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const email = template.channel === 'email';
  const subjectRef = useRef<InputRef>(null);
  const bodyRef = useRef<TextAreaRef>(null);
  const lastFocus = useRef<'subject' | 'body'>('body');
  const text = (Form.useWatch([], form) as Partial<Text> | undefined) ?? { subject: template.subject, body: template.body };

  useEffect(() => {
    form.setFieldsValue({ subject: template.subject, body: template.body });
  }, [template, form]);

  const changed = (text.subject ?? '') !== template.subject || (text.body ?? '') !== template.body;
  useEffect(() => onDirty(changed), [changed, onDirty]);

  // Inserts {{name}} where the cursor was in the subject or the body (the body when neither had it).
  const insert = (name: string) => {
    const token = `{{${name}}}`;
    const field = email && lastFocus.current === 'subject' ? 'subject' : 'body';
    const element = field === 'subject' ? subjectRef.current?.input : bodyRef.current?.resizableTextArea?.textArea;
    const current = form.getFieldValue(field) ?? '';
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    form.setFieldValue(field, current.slice(0, start) + token + current.slice(end));
    form.setFields([{ name: field, errors: [] }]);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const applied = (saved: Template, note: string) => {
    client.setQueryData<{ items: Template[]; placeholders: typeof placeholders }>(['notification-templates'], (old) =>
      old ? { ...old, items: old.items.map((x) => (keyOf(x) === keyOf(saved) ? saved : x)) } : old);
    form.setFieldsValue({ subject: saved.subject, body: saved.body });
    setProblem(null);
    message.success(note);
  };

  const showProblem = (e: unknown) => {
    if (e instanceof ApiError && e.fields.some((f) => f.field === 'subject' || f.field === 'body')) {
      form.setFields(e.fields.filter((f) => f.field === 'subject' || f.field === 'body')
        .map((f) => ({ name: f.field as keyof Text, errors: [fieldMessage(f)] })));
      setProblem(null);
    } else {
      setProblem(e);
    }
  };

  const save = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      applied(await saveTemplate(template, { subject: v.subject ?? '', body: v.body ?? '' }), t('templates.saved'));
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    setBusy(true);
    try {
      applied(await resetTemplate(template), t('templates.resetDone'));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  // The saved text's preview is the server's; while editing, the same rule renders here.
  const previewSubject = changed ? renderSample(text.subject ?? '', template.language) : template.preview_subject;
  const previewBody = changed ? renderSample(text.body ?? '', template.language) : template.preview_body;
  const smsLength = [...(text.body ?? '')].length;

  return (
    <Card size="small" data-testid="template-editor" data-key={keyOf(template)}
      title={<Space wrap>{words.topic(template.topic)} · {words.channel(template.channel)} · {words.language(template.language)}
        {dirty && <Badge status="warning" text={t('templates.unsaved')} />}</Space>}>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form form={form} layout="vertical" disabled={busy} requiredMark={false}
            onValuesChange={(c) => form.setFields(Object.keys(c).map((name) => ({ name: name as keyof Text, errors: [] })))}>
            {email && (
              <Form.Item name="subject" label={t('templates.subject')}>
                <Input ref={subjectRef} maxLength={200} onFocus={() => { lastFocus.current = 'subject'; }} data-testid="template-subject" />
              </Form.Item>
            )}
            <Form.Item name="body" label={t(email ? 'templates.body' : 'templates.smsBody')}
              extra={email ? undefined : <span data-testid="template-sms-count" className={smsLength > SMS_MAX ? 'over-limit' : undefined}>{t('templates.smsCount', { n: smsLength })}</span>}>
              <Input.TextArea ref={bodyRef} autoSize={{ minRows: email ? 8 : 3, maxRows: 20 }} maxLength={4000}
                onFocus={() => { lastFocus.current = 'body'; }} data-testid="template-body" />
            </Form.Item>
          </Form>
          {problem !== null && <ErrorAlert error={problem} style={{ marginBottom: 16 }} testId="template-error" />}
          <Space wrap>
            <Button type="primary" loading={busy} disabled={!changed} onClick={() => void save()} data-testid="template-save">{t('templates.save')}</Button>
            {!template.is_default && (
              <Popconfirm title={t('templates.resetConfirm')} onConfirm={() => void reset()} okText={t('templates.reset')} cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'template-reset-confirm' } as Record<string, string>}>
                <Button icon={<UndoOutlined />} disabled={busy} data-testid="template-reset">{t('templates.reset')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text strong>{t('templates.placeholders')}</Typography.Text>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.placeholdersHint')}</Typography.Text></div>
          <div className="placeholder-list" data-testid="template-placeholders">
            {placeholders.map((p) => (
              <Tooltip key={p.name} title={lang === 'zh' ? p.zh : p.en}>
                <Button size="small" onClick={() => insert(p.name)} disabled={busy} data-testid={`placeholder-${p.name}`}>
                  {`{{${p.name}}}`} <span className="placeholder-meaning">{lang === 'zh' ? p.zh : p.en}</span>
                </Button>
              </Tooltip>
            ))}
          </div>
        </Col>
      </Row>
      <div className="template-preview" data-testid="template-preview">
        <Typography.Text strong>{t('templates.preview')}</Typography.Text>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.previewHint')}</Typography.Text>
        {email && <div className="preview-subject" data-testid="template-preview-subject">{previewSubject}</div>}
        <pre className="preview-body" data-testid="template-preview-body">{previewBody}</pre>
      </div>
      {!email && smsLength > SMS_MAX && <Alert type="warning" showIcon message={t('templates.smsCount', { n: smsLength })} />}
    </Card>
  );
}
