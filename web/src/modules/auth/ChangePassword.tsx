// 修改密码: the user menu's dialog. The server's verdict on a field (a weak or common new password,
// a wrong current one) stays beside that field, kept as the problem so it follows a language switch.
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { changePassword } from './api';

interface Props { open: boolean; onClose: () => void; onChanged: () => void }

export function ChangePasswordDialog({ open, onClose, onChanged }: Props) {
  const { t, fieldMessage } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const problemOf = (name: string) => fields.find((f) => f.field === name);

  const submit = async (values: { current_password: string; new_password: string }) => {
    setBusy(true);
    setFields([]);
    setError(null);
    try {
      await changePassword(values);
      form.resetFields();
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.field)) setFields(e.fields);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const item = (name: 'current_password' | 'new_password') => {
    const p = problemOf(name);
    return p ? { validateStatus: 'error' as const, help: <span data-testid={`password-error-${name}`}>{fieldMessage(p)}</span> } : {};
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('password.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => { form.resetFields(); setFields([]); setError(null); onClose(); }}
      okButtonProps={{ 'data-testid': 'password-submit' }}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}
        onValuesChange={(changed) => setFields((fs) => fs.filter((f) => !(f.field in changed)))}>
        <Form.Item name="current_password" label={t('login.currentPassword')} rules={[{ required: true, message: t('form.required') }]} {...item('current_password')}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="new_password" label={t('login.newPassword')} rules={[{ required: true, min: 12, message: t('login.passwordTooShort') }]} {...item('new_password')}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
