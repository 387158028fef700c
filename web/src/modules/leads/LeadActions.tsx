// The lead page's two dialogs: assign (POST /leads/{id}/assign: to a person, to the next salesperson
// of a team by round robin, or by the admin's region rules; leads.assign) and convert (POST
// /leads/{id}/convert: a qualified lead becomes a potential account and an opportunity at 寻找大客户;
// leads.convert), which then opens the new account.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useUserOptions } from '../customers/api';
import { leadChanged, leadPath } from './api';
import type { Conversion, Lead } from './model';
import { useUserName } from './parts';

type Mode = 'user' | 'round_robin' | 'region';

export function AssignDialog({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t, errorText, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const options = useUserOptions(open);
  const userName = useUserName();
  const [form] = Form.useForm<{ mode: Mode; owner_id?: number; team_id?: number }>();
  const mode = Form.useWatch('mode', form) ?? 'user';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chosen = (v: unknown) => (v ? Promise.resolve() : Promise.reject(new Error(t('form.required'))));

  const assign = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body = values.mode === 'user' ? { mode: 'user', owner_id: values.owner_id }
        : values.mode === 'round_robin' ? { mode: 'round_robin', team_id: values.team_id } : { mode: 'region' };
      const updated = await api<Lead>('POST', `${leadPath(lead.id)}/assign`, { body });
      leadChanged(queryClient, updated);
      message.success(t('assign.done', { name: userName(updated.owner_id) }));
      onClose();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields.filter((f) => f.field === 'owner_id' || f.field === 'team_id') : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as 'owner_id' | 'team_id', errors: [fieldMessage(f)] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('assign.title')} onOk={() => void assign()} onCancel={onClose} confirmLoading={busy}
      okText={t('assign.ok')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'assign-ok' } as Record<string, string>} destroyOnClose>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ mode: 'user', owner_id: lead.owner_id ?? undefined }}>
        <Form.Item name="mode" label={t('assign.mode')}>
          <Radio.Group data-testid="assign-mode">
            <Radio value="user" data-testid="assign-mode-user">{t('assign.user')}</Radio>
            <Radio value="round_robin" data-testid="assign-mode-round_robin">{t('assign.roundRobin')}</Radio>
            <Radio value="region" data-testid="assign-mode-region">{t('assign.region')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'user' && (
          <Form.Item name="owner_id" label={t('assign.owner')} rules={[{ validator: (_, v) => chosen(v) }]}>
            <Select showSearch optionFilterProp="label" data-testid="assign-owner" loading={options.isPending}
              options={(options.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        {mode === 'round_robin' && (
          <Form.Item name="team_id" label={t('assign.teamPick')} rules={[{ validator: (_, v) => chosen(v) }]}>
            <Select showSearch optionFilterProp="label" data-testid="assign-team" loading={options.isPending}
              options={(options.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        )}
        {mode === 'region' && <Typography.Paragraph type="secondary">{t('assign.regionHint')}</Typography.Paragraph>}
      </Form>
      {error !== null && <Alert type="error" showIcon message={errorText(error)} data-testid="assign-error" />}
    </Modal>
  );
}

export function ConvertDialog({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const convert = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await api<Conversion>('POST', `${leadPath(lead.id)}/convert`,
        { body: name.trim() ? { opportunity_name: name.trim() } : {} });
      leadChanged(queryClient, done.lead);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('convert.done'));
      onClose();
      navigate(`/customers/${done.account_id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('convert.title')} onOk={() => void convert()} onCancel={onClose} confirmLoading={busy}
      okText={t('convert.ok')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'convert-ok' } as Record<string, string>}>
      <Typography.Paragraph>{t('convert.body')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('convert.opportunityName')} htmlFor="convert-name">
          <Input id="convert-name" value={name} placeholder={lead.company} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="convert-name" />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon message={errorText(error)} data-testid="convert-error" />}
    </Modal>
  );
}
