// The frame of the console: language and theme, the login gate, the navigation for every module
// (those still to come are shown, disabled), and the routes.
import {
  AppstoreOutlined, AuditOutlined, BarChartOutlined, CarOutlined, CustomerServiceOutlined, DollarOutlined,
  GiftOutlined, HomeOutlined, LogoutOutlined, SmileOutlined, TeamOutlined, TranslationOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Spin, Tooltip, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import type { MessageKey } from './i18n/zh';
import { AlertsBadge, AlertsPage } from './pages/Alerts';
import { CustomerForm } from './pages/CustomerForm';
import { CustomerImport } from './pages/CustomerImport';
import { CustomerList } from './pages/CustomerList';
import { CustomerPage } from './pages/CustomerPage';
import { Login } from './pages/Login';
import { PortalAccount } from './pages/PortalAccount';

// The dashboard brings ECharts; loaded on its own so the other pages do not wait for it.
const Dashboard = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.Dashboard })));

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
      <AntApp>
        <Gate />
      </AntApp>
    </ConfigProvider>
  );
}

function Gate() {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!user || user.must_change_password) {
    if (location.pathname !== '/login') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    return <Login />;
  }
  if (user.role === 'portal') {
    // A customer's own staff: their account (我的账户) and nothing of the staff console.
    return (
      <Shell nav={PORTAL_NAV}>
        <Routes>
          <Route path="/" element={<PortalAccount />} />
          <Route path="/customers/:id" element={<PortalAccount />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Shell>
    );
  }
  return (
    <Shell nav={NAV}>
      <Routes>
        <Route path="/" element={<Suspense fallback={<Spin />}><Dashboard /></Suspense>} />
        <Route path="/login" element={<Navigate to="/customers" replace />} />
        <Route path="/customers" element={<CustomerList />} />
        <Route path="/customers/new" element={<CustomerForm />} />
        <Route path="/customers/import" element={<CustomerImport />} />
        <Route path="/customers/:id" element={<CustomerPage />} />
        <Route path="/customers/:id/edit" element={<CustomerForm />} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}

interface NavItem { key: string; icon: ReactNode; label: MessageKey; ready: boolean }

// Every module of DOMAIN.md has its place from the start; the ones not built yet are disabled.
const NAV: NavItem[] = [
  { key: '/', icon: <HomeOutlined />, label: 'nav.dashboard', ready: true },
  { key: '/customers', icon: <TeamOutlined />, label: 'nav.customers', ready: true },
  { key: '/orders', icon: <AppstoreOutlined />, label: 'nav.orders', ready: false },
  { key: '/tracking', icon: <CarOutlined />, label: 'nav.tracking', ready: false },
  { key: '/service', icon: <CustomerServiceOutlined />, label: 'nav.service', ready: false },
  { key: '/surveys', icon: <SmileOutlined />, label: 'nav.surveys', ready: false },
  { key: '/loyalty', icon: <GiftOutlined />, label: 'nav.loyalty', ready: false },
  { key: '/analytics', icon: <BarChartOutlined />, label: 'nav.analytics', ready: false },
  { key: '/costing', icon: <DollarOutlined />, label: 'nav.costing', ready: false },
];

// The portal's only place: its own account.
const PORTAL_NAV: NavItem[] = [{ key: '/', icon: <HomeOutlined />, label: 'portal.myAccount', ready: true }];

function Shell({ children, nav }: { children: ReactNode; nav: NavItem[] }) {
  const { t, lang, setLang, label } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const selected = nav.filter((n) => n.key !== '/' && location.pathname.startsWith(n.key)).map((n) => n.key);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={56} theme="dark" width={200}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
          <AuditOutlined /> Consign
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected.length ? selected : [location.pathname === '/' ? '/' : '']}
          items={nav.map((n) => ({
            key: n.key,
            icon: n.icon,
            disabled: !n.ready,
            label: n.ready ? (
              <span data-testid={`nav-${n.key.replace('/', '') || 'home'}`}>{t(n.label)}</span>
            ) : (
              <Tooltip title={t('common.comingSoon')} placement="right">
                <span data-testid={`nav-${n.key.replace('/', '')}`} aria-disabled="true">{t(n.label)}</span>
              </Tooltip>
            ),
          }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}
        >
          <Space size="middle">
            <AlertsBadge />
            <Typography.Text data-testid="current-user">
              {user?.name || user?.login} · {label('role', user?.role)}
            </Typography.Text>
            <Button
              icon={<TranslationOutlined />}
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
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
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
