// The header's controls: the notifications area (the bell; each module adds its lines through its
// descriptor's useNotifications), the language, and the user menu (change my password, language,
// sign out).
import { BellOutlined, DownOutlined, KeyOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Empty, List, Popover, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChangePasswordDialog } from '../modules/auth/ChangePassword';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import type { ConsoleModule, NotificationEntry } from './modules';

function Notifications({ modules }: { modules: ConsoleModule[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // The module list is fixed for the life of the page, so these hooks run in the same order each time.
  const entries: NotificationEntry[] = modules.flatMap((m) => m.useNotifications?.() ?? []);
  const total = entries.reduce((n, e) => n + e.count, 0);
  const content = entries.length ? (
    <List
      size="small"
      dataSource={entries}
      renderItem={(e) => (
        <List.Item>
          <Button type="link" data-testid={e.testId} onClick={() => { setOpen(false); navigate(e.path); }}>{e.text}</Button>
        </List.Item>
      )}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="notifications-empty">{t('notifications.empty')}</span>} />
  );
  return (
    <Popover content={<div style={{ minWidth: 220 }}>{content}</div>} title={t('notifications.title')} trigger="click"
      open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={total} size="small" data-testid="notifications-badge">
        <Button icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notifications-open" />
      </Badge>
    </Popover>
  );
}

export function UserMenu({ modules }: { modules: ConsoleModule[] }) {
  const { t, lang, setLang, label } = useI18n();
  const { user, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const switchLang = () => setLang(lang === 'zh' ? 'en' : 'zh');
  const signOut = async () => {
    await logout();
    navigate('/login');
  };
  return (
    <Space size="small">
      <Notifications modules={modules} />
      <Button icon={<TranslationOutlined />} data-testid="lang-switch" onClick={switchLang} className="header-lang" aria-label={t('lang.switch')}>
        {t('lang.switch')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="user-menu-password">{t('user.password')}</span> },
            { key: 'lang', icon: <TranslationOutlined />, label: <span data-testid="user-menu-lang">{t('user.language')}</span> },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('user.logout')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setPasswordOpen(true);
            else if (key === 'lang') switchLang();
            else if (key === 'logout') void signOut();
          },
        }}
      >
        <Button icon={<UserOutlined />} aria-label={t('user.menu')} data-testid="user-menu">
          <span data-testid="current-user" className="header-user">
            {user?.name || user?.login} · {label('role', user?.role)}
          </span>
          <DownOutlined />
        </Button>
      </Dropdown>
      <ChangePasswordDialog
        open={passwordOpen}
        onClose={() => setPasswordOpen(false)}
        onChanged={() => { setPasswordOpen(false); message.success(t('password.changed')); }}
      />
    </Space>
  );
}
