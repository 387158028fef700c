// 通知设置: an account's notification settings — language, e-mail, webhook URL, SMS phone and, per
// channel, the events it tells (a grid of checkboxes). Used on the customer page (staff with
// notify.manage edit, notify.read only read) and in the portal (a portal user for their own account).
// The e-mail and phone come masked: sent back unchanged they keep the stored value. Saved with If-Match
// of the revision read; someone else's save in between is a 412: the settings are reloaded and the user
// told. A new webhook URL, or "new secret", makes a signing secret the server answers this once: it is
// shown in a modal with a copy button and never again.
import { KeyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { CHANNELS, LANGUAGES, saveNotificationSettings, settingsKey, TOPICS, useNotificationSettings, type Channel, type NotificationSettings as Settings, type SettingsBody, type Topic } from './api';
import { useNotifyWords } from './parts';
import './notify.css';

type TextFields = Pick<Settings, 'language' | 'email' | 'webhook_url' | 'sms_phone'>;
type TopicsOf = Record<Channel, Topic[]>;

const DESTINATION: Record<Channel, keyof TextFields> = { email: 'email', webhook: 'webhook_url', sms: 'sms_phone' };

export function NotificationSettings({ accountId, canEdit }: { accountId: number; canEdit: boolean }) {
  const { t, fieldMessage, errorText } = useI18n();
  const { message } = App.useApp();
  const words = useNotifyWords();
  const client = useQueryClient();
  const query = useNotificationSettings(accountId);
  const [form] = Form.useForm<TextFields>();
  const [topics, setTopics] = useState<TopicsOf>({ email: [], webhook: [], sms: [] });
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const destinations = Form.useWatch([], form) as Partial<TextFields> | undefined;
  const loaded = query.data;

  // The form follows what was read (a first load, a reload after a 412, a save's answer).
  useEffect(() => {
    if (!loaded) return;
    const s = loaded.settings;
    form.setFieldsValue({ language: s.language, email: s.email, webhook_url: s.webhook_url, sms_phone: s.sms_phone });
    setTopics({ email: s.email_topics, webhook: s.webhook_topics, sms: s.sms_topics });
  }, [loaded, form]);

  if (query.isPending) return <Spin data-testid="notify-settings-loading" />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="notify-settings-error" />;
  const s = loaded!.settings;

  const toggle = (channel: Channel, topic: Topic, on: boolean) =>
    setTopics((old) => ({ ...old, [channel]: on ? TOPICS.filter((x) => x === topic || old[channel].includes(x)) : old[channel].filter((x) => x !== topic) }));

  const save = async (rotate: boolean) => {
    let values: TextFields;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: SettingsBody = {
      language: values.language,
      email: (values.email ?? '').trim(),
      webhook_url: (values.webhook_url ?? '').trim(),
      sms_phone: (values.sms_phone ?? '').trim(),
      email_topics: topics.email,
      webhook_topics: topics.webhook,
      sms_topics: topics.sms,
      ...(rotate ? { rotate_secret: true } : {}),
    };
    setBusy(true);
    setProblem(null);
    try {
      const saved = await saveNotificationSettings(accountId, body, loaded!.version);
      const { webhook_secret: made, ...settings } = saved.settings;
      client.setQueryData(settingsKey(accountId), { settings, version: saved.version });
      if (made) setSecret(made);
      message.success(t('settings.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        message.warning(t('settings.stale'));
        void query.refetch();
      } else if (e instanceof ApiError && e.fields.some((f) => f.field in DESTINATION_FIELDS)) {
        form.setFields(e.fields.filter((f) => f.field in DESTINATION_FIELDS).map((f) => ({ name: f.field as keyof TextFields, errors: [fieldMessage(f)] })));
        setProblem(e.fields.some((f) => !(f.field in DESTINATION_FIELDS)) ? e : null);
      } else {
        setProblem(e);
        if (!(e instanceof ApiError)) message.error(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const hasDestination = (c: Channel) => !!(destinations?.[DESTINATION[c]] ?? '').trim();

  return (
    <div className="notify-settings" data-testid="notify-settings" data-revision={s.revision}>
      <Typography.Paragraph type="secondary">{t('settings.hint')}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon message={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!canEdit || busy} requiredMark={false} style={{ maxWidth: 720 }}
        onValuesChange={() => setProblem(null)}>
        <Form.Item name="language" label={t('settings.language')}>
          <Radio.Group data-testid="notify-language" optionType="button"
            options={LANGUAGES.map((l) => ({ value: l, label: <span data-testid={`notify-language-${l}`}>{words.language(l)}</span> }))} />
        </Form.Item>
        <Form.Item name="email" label={t('settings.email')} extra={s.email.includes('*') ? t('settings.maskedHint') : undefined}
          rules={[{ max: 254 }]}>
          <Input placeholder={t('settings.emailPlaceholder')} autoComplete="off" data-testid="notify-email" />
        </Form.Item>
        <Form.Item name="webhook_url" label={t('settings.webhookUrl')} extra={t('settings.webhookHint')} rules={[{ max: 500 }]}>
          <Input placeholder={t('settings.webhookPlaceholder')} autoComplete="off" data-testid="notify-webhook-url" />
        </Form.Item>
        <Space wrap style={{ marginTop: -8, marginBottom: 16 }}>
          <Tag color={s.has_webhook_secret ? 'green' : 'default'} data-testid="notify-has-secret">
            {t(s.has_webhook_secret ? 'settings.hasSecret' : 'settings.noSecret')}
          </Tag>
          {canEdit && s.webhook_url && (
            <Popconfirm title={t('settings.rotateConfirm')} onConfirm={() => void save(true)} okText={t('settings.rotate')} cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'notify-rotate-confirm' } as Record<string, string>}>
              <Button size="small" icon={<KeyOutlined />} disabled={busy} data-testid="notify-rotate">{t('settings.rotate')}</Button>
            </Popconfirm>
          )}
        </Space>
        <Form.Item name="sms_phone" label={t('settings.smsPhone')} extra={s.sms_phone.includes('*') ? t('settings.maskedHint') : undefined} rules={[{ max: 40 }]}>
          <Input placeholder={t('settings.smsPlaceholder')} autoComplete="off" data-testid="notify-sms-phone" />
        </Form.Item>
      </Form>

      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('settings.topics')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.topicsHint')}</Typography.Paragraph>
      <Table<{ topic: Topic }>
        className="notify-topics"
        data-testid="notify-topics"
        size="small"
        bordered
        pagination={false}
        rowKey="topic"
        style={{ maxWidth: 720, marginBottom: 16 }}
        dataSource={TOPICS.map((topic) => ({ topic }))}
        columns={[
          { title: t('templates.topic'), key: 'topic', render: (_, r) => words.topic(r.topic) },
          ...CHANNELS.map((c) => ({
            title: (
              <span>
                {words.channel(c)}
                {!hasDestination(c) && <Typography.Text type="secondary" style={{ display: 'block', fontWeight: 'normal', fontSize: 12 }}>{t('settings.needsDestination')}</Typography.Text>}
              </span>
            ),
            key: c,
            align: 'center' as const,
            render: (_: unknown, r: { topic: Topic }) => (
              <Checkbox checked={topics[c].includes(r.topic)} disabled={!canEdit || busy}
                aria-label={`${words.channel(c)} ${words.topic(r.topic)}`} data-testid={`topic-${c}-${r.topic}`}
                onChange={(e) => toggle(c, r.topic, e.target.checked)} />
            ),
          })),
        ]}
      />
      {problem !== null && <ErrorAlert error={problem} style={{ marginBottom: 16, maxWidth: 720 }} testId="notify-settings-save-error" />}
      {canEdit && (
        <Button type="primary" loading={busy} onClick={() => void save(false)} data-testid="notify-save">{t('settings.save')}</Button>
      )}

      <Modal open={secret !== null} title={t('settings.secretTitle')} closable={false} maskClosable={false} keyboard={false}
        footer={<Button type="primary" onClick={() => setSecret(null)} data-testid="notify-secret-done">{t('settings.secretCopied')}</Button>}>
        <Alert type="warning" showIcon message={t('settings.secretOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="notify-secret" style={{ wordBreak: 'break-all' }}>{secret}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

const DESTINATION_FIELDS: Record<string, true> = { language: true, email: true, webhook_url: true, sms_phone: true };
