// 登录: login and password; a first login with a one-time password must change it here.
import { LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export function Login() {
  const { t, lang, setLang, errorText, fieldMessage } = useI18n();
  const { user, login, refresh } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);  // kept as the error, so a language switch re-words it
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  // Back to the page that asked for a login (a deep link); from the bare start page, to the list.
  const asked = (location.state as { from?: string } | null)?.from;
  const from = asked && asked !== '/' && !asked.startsWith('/login') ? asked : '/customers';

  const submit = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      setPassword(values.password);  // before login(): the change form mounts with it filled in
      const u = await login(values.login, values.password);
      if (!u.must_change_password) navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const change = async (values: { current_password: string; new_password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/password', { body: values });
      await refresh();
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const mustChange = !!user?.must_change_password;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>{t('app.name')}</Typography.Title>
          <Button size="small" icon={<TranslationOutlined />} data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            message={errorText(error)}
            description={error instanceof ApiError && error.status === 400 && error.fields.length
              ? error.fields.map((f) => fieldMessage(f)).join('；') : undefined}
          />
        )}
        {!mustChange ? (
          <Form key="login" layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="login" label={t('login.login')} rules={[{ required: true, message: t('login.required', { field: t('login.login') }) }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-user" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        ) : (
          <Form key="change" layout="vertical" onFinish={change} initialValues={{ current_password: password }} requiredMark={false}>
            <Alert type="info" showIcon message={t('login.mustChange')} style={{ marginBottom: 16 }} />
            <Form.Item name="current_password" label={t('login.currentPassword')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password autoComplete="current-password" data-testid="change-current" />
            </Form.Item>
            <Form.Item name="new_password" label={t('login.newPassword')} rules={[{ required: true, min: 12, message: t('login.passwordTooShort') }]}>
              <Input.Password autoComplete="new-password" data-testid="change-new" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-submit">
              {t('login.changeSubmit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
