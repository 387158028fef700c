// The console's frame (ProLayout): the side menu built from the modules (a drawer below 768 px), the
// header with the breadcrumb and the user's controls, and the page in <main>. Menu entries of the
// modules still to come are shown disabled.
import {
  AppstoreOutlined, AuditOutlined, BarChartOutlined, CarOutlined, CustomerServiceOutlined, DollarOutlined,
  GiftOutlined, SmileOutlined,
} from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { Breadcrumb, Spin, Tooltip } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, matchPath, useLocation } from 'react-router-dom';
import { useI18n } from './i18n';
import type { MenuEntry, ModuleRoute } from './modules';
import { HeaderActions } from './HeaderActions';

// Every module of DOMAIN.md has its place from the start; these are not built yet.
export const COMING: MenuEntry[] = [
  { path: '/orders', icon: <AppstoreOutlined />, label: 'nav.orders', testId: 'nav-orders' },
  { path: '/tracking', icon: <CarOutlined />, label: 'nav.tracking', testId: 'nav-tracking' },
  { path: '/service', icon: <CustomerServiceOutlined />, label: 'nav.service', testId: 'nav-service' },
  { path: '/surveys', icon: <SmileOutlined />, label: 'nav.surveys', testId: 'nav-surveys' },
  { path: '/loyalty', icon: <GiftOutlined />, label: 'nav.loyalty', testId: 'nav-loyalty' },
  { path: '/analytics', icon: <BarChartOutlined />, label: 'nav.analytics', testId: 'nav-analytics' },
  { path: '/costing', icon: <DollarOutlined />, label: 'nav.costing', testId: 'nav-costing' },
];

interface FrameProps {
  menu: MenuEntry[];        // the entries the user may use
  coming: MenuEntry[];      // shown disabled
  routes: ModuleRoute[];    // for the breadcrumb
  children: ReactNode;
}

export function Frame({ menu, coming, routes, children }: FrameProps) {
  const { t } = useI18n();
  const location = useLocation();
  const entries = [...menu.map((m) => ({ ...m, disabled: false })), ...coming.map((m) => ({ ...m, disabled: true }))];
  const byPath = new Map(entries.map((e) => [e.path, e]));

  // Breadcrumb: home › the menu entry the page belongs to › the page.
  const route = routes.find((r) => matchPath(r.path, location.pathname));
  const section = menu.filter((m) => m.path !== '/' && location.pathname.startsWith(m.path)).sort((a, b) => b.path.length - a.path.length)[0];
  const crumbs: { title: ReactNode }[] = [{ title: <Link to="/">{t('nav.dashboard')}</Link> }];
  if (section && section.path !== location.pathname) crumbs.push({ title: <Link to={section.path}>{t(section.label)}</Link> });
  if (route && route.path !== '/') crumbs.push({ title: t(route.title) });

  return (
    <>
      <a href="#main-content" className="skip-link" data-testid="skip-link">{t('frame.skip')}</a>
      <ProLayout
        title="Consign"
        logo={<AuditOutlined style={{ fontSize: 22 }} />}
        layout="mix"
        splitMenus={false}
        fixSiderbar
        fixedHeader
        siderWidth={200}
        location={{ pathname: section ? section.path : location.pathname }}
        route={{ path: '/', routes: entries.map((e) => ({ path: e.path, name: t(e.label), icon: e.icon, disabled: e.disabled })) }}
        menuItemRender={(item, dom) => {
          const entry = byPath.get(item.path ?? '');
          if (!entry) return dom;
          if (entry.disabled) {
            return (
              <Tooltip title={t('common.comingSoon')} placement="right">
                <span data-testid={entry.testId} aria-disabled="true">{dom}</span>
              </Tooltip>
            );
          }
          return <Link to={entry.path} data-testid={entry.testId}>{dom}</Link>;
        }}
        menuContentRender={(_, dom) => <nav aria-label={t('frame.menu')}>{dom}</nav>}
        headerContentRender={() => (
          <nav aria-label={t('frame.breadcrumb')} className="frame-breadcrumb">
            <Breadcrumb items={crumbs} />
          </nav>
        )}
        actionsRender={() => [<HeaderActions key="actions" />]}
        breadcrumbRender={false}
        menu={{ locale: false }}
        token={{ header: { colorBgHeader: '#ffffff' } }}
      >
        <div id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
          <Suspense fallback={<Spin />}>{children}</Suspense>
        </div>
      </ProLayout>
    </>
  );
}
