// The console: language and theme, the login gate, and the frame with the routes and menu that the
// modules declare (src/modules/*/index.tsx), filtered by the user's permissions.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { activitiesModule } from '../modules/activities';
import { alertsModule } from '../modules/alerts';
import { carriersModule } from '../modules/carriers';
import { contractsModule } from '../modules/contracts';
import { Login } from '../modules/auth';
import { customersModule } from '../modules/customers';
import { dashboardModule } from '../modules/dashboard';
import { pipelineModule } from '../modules/pipeline';
import { leadsModule } from '../modules/leads';
import { notifyModule, portalNotifyModule } from '../modules/notify';
import { ordersModule, portalOrdersModule } from '../modules/orders';
import { orderImportModule, portalOrderImportModule } from '../modules/orders/importModule';
import { portalModule } from '../modules/portal';
import { pricingModule } from '../modules/pricing';
import { salesReportModule } from '../modules/salesreport';
import { trackingModule } from '../modules/tracking';
import { useAuth } from './auth';
import { COMING, Frame } from './Frame';
import { useI18n } from './i18n';
import { allowed, type ConsoleModule } from './modules';
import { NoAccess } from './NoAccess';

// The public tracking page (/track, /track/{waybill}): no login, no frame, its own bundle.
const PublicTrack = lazy(() => import('../modules/tracking/PublicTrack').then((m) => ({ default: m.PublicTrack })));
export const isPublicPath = (pathname: string) => pathname === '/track' || pathname.startsWith('/track/');

// The order here is the order of the menu.
const MODULES: ConsoleModule[] = [dashboardModule, customersModule, leadsModule, pipelineModule, salesReportModule,
  contractsModule, ordersModule, orderImportModule, trackingModule, notifyModule, carriersModule, activitiesModule, pricingModule,
  alertsModule, portalModule, portalOrdersModule, portalOrderImportModule, portalNotifyModule];

// The theme's colours meet WCAG 2.1 AA (4.5:1 for text on white): antd's default grey for secondary
// text (#8c8c8c, 3.4:1), its red (#ff4d4f, 3.3:1) and its lighter hover blue fall short, so these are darker.
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',        // 6.0:1 on white
    colorPrimaryHover: '#1a4f9e',
    colorLink: '#1f5fbf',
    colorLinkHover: '#1a4f9e',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',     // #595959, 7.0:1
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorError: '#c41d1d',          // 6.1:1
    colorSuccess: '#237804',
  },
};

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <Public />
      </AntApp>
    </ConfigProvider>
  );
}

// Public pages render for anyone, signed in or not, before the login gate is asked.
function Public() {
  const location = useLocation();
  if (!isPublicPath(location.pathname)) return <Gate />;
  return (
    <Suspense fallback={<Spin fullscreen />}>
      <Routes>
        <Route path="/track" element={<PublicTrack />} />
        <Route path="/track/:waybill" element={<PublicTrack />} />
      </Routes>
    </Suspense>
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
  const audience = user.role === 'portal' ? 'portal' : 'staff';
  const modules = MODULES.filter((m) => m.audience === audience);
  const routes = modules.flatMap((m) => m.routes);
  const menu = modules.flatMap((m) => m.menu).filter((e) => allowed(e.permission, user.permissions));
  return (
    <Frame menu={menu} coming={audience === 'staff' ? COMING : []} routes={routes} modules={modules}>
      <Routes>
        {routes.map((r) => (
          <Route key={r.path} path={r.path} element={allowed(r.permission, user.permissions) ? r.element : <NoAccess />} />
        ))}
        <Route path="/login" element={<Navigate to={audience === 'staff' ? '/customers' : '/'} replace />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Frame>
  );
}
