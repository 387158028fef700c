// The header's controls: alerts (admins), who is logged in, language, sign out.
import { LogoutOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { AlertsBadge } from '../modules/alerts/Alerts';
import { useAuth } from './auth';
import { useI18n } from './i18n';

export function HeaderActions() {
  const { t, lang, setLang, label } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Space size="middle">
      <AlertsBadge />
      <Typography.Text data-testid="current-user">
        {user?.name || user?.login} · {label('role', user?.role)}
      </Typography.Text>
      <Button icon={<TranslationOutlined />} data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
        {t('lang.switch')}
      </Button>
      <Button
        icon={<LogoutOutlined />}
        data-testid="logout"
        onClick={async () => {
          await logout();
          navigate('/login');
        }}
      >
        {t('header.logout')}
      </Button>
    </Space>
  );
}
