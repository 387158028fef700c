// The console's frame (ProLayout): the side menu built from the modules (a drawer below 768 px), the
// header with the breadcrumb and the user's controls, and the page in <main>. Menu entries of the
// modules still to come are shown disabled.
import {
  AuditOutlined, BarChartOutlined, CarOutlined, CustomerServiceOutlined, DollarOutlined,
  GiftOutlined, SmileOutlined,
} from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { Breadcrumb, Spin, Tooltip } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, matchPath, useLocation } from 'react-router-dom';
import { useI18n } from './i18n';
import type { ConsoleModule, MenuEntry, ModuleRoute } from './modules';
import { lastSearch, PageTitleContext, rememberSearch, useIsPhone, usePageTitleState } from './pageHead';
import { UserMenu } from './UserMenu';

// Every module of DOMAIN.md has its place from the start; these are not built yet.
export const COMING: MenuEntry[] = [
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
  modules: ConsoleModule[]; // for the notifications
  children: ReactNode;
}

export function Frame({ menu, coming, routes, modules, children }: FrameProps) {
  const { t } = useI18n();
  const location = useLocation();
  const entries = [...menu.map((m) => ({ ...m, disabled: false })), ...coming.map((m) => ({ ...m, disabled: true }))];
  const byPath = new Map(entries.map((e) => [e.path, e]));

  // Breadcrumb: home › the menu entry the page belongs to (back to it as the user left it: its last
  // query in this tab) › the page, named by the page when it gives its own title (a record's name).
  const route = routes.find((r) => matchPath(r.path, location.pathname));
  const section = menu.filter((m) => m.path !== '/' && location.pathname.startsWith(m.path)).sort((a, b) => b.path.length - a.path.length)[0];
  const [pageTitle, setPageTitle] = usePageTitleState();
  const title = pageTitle ?? (route ? t(route.title) : t('app.name'));
  useEffect(() => rememberSearch(location.pathname, location.search), [location.pathname, location.search]);
  const below = !!section && section.path !== location.pathname;
  // `marked`: the copy that carries the test ids (the header's on a desktop, the one above the h1 on a phone).
  const crumbs = (marked: boolean) => {
    const items: { title: ReactNode }[] = [{ title: <Link to="/">{t('nav.dashboard')}</Link> }];
    if (below) items.push({ title: <Link to={section.path + lastSearch(section.path)} data-testid={marked ? 'breadcrumb-section' : undefined}>{t(section.label)}</Link> });
    if (route && route.path !== '/') items.push({ title: <span data-testid={marked ? 'breadcrumb-current' : undefined}>{title}</span> });
    return items;
  };
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
    return () => { document.title = t('app.name'); };
  }, [title, t]);
  // On a phone the header has no room for the breadcrumb: a page below a section shows it above its title.
  const phone = useIsPhone();
  const breadcrumb = (marked: boolean) => (
    <nav aria-label={t('frame.breadcrumb')} className="frame-breadcrumb" data-testid={marked ? 'breadcrumb' : undefined}>
      <Breadcrumb items={crumbs(marked)} />
    </nav>
  );

  usePageSearchKey();
  // The menu folds on a phone (a drawer), and closes again once the user has gone somewhere.
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 768);
  const closeOnPhone = () => {
    if (window.innerWidth < 768) setCollapsed(true);
  };
  useScrollableTablesFocusable();

  return (
    <>
      <a href="#main-content" className="skip-link" data-testid="skip-link">{t('frame.skip')}</a>
      <ProLayout
        title="Consign"
        logo={<AuditOutlined style={{ fontSize: 22 }} />}
        layout="mix"
        splitMenus={false}
        fixSiderbar
        collapsed={collapsed}
        onCollapse={setCollapsed}
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
          return <Link to={entry.path} data-testid={entry.testId} onClick={closeOnPhone}>{dom}</Link>;
        }}
        // ProLayout writes its title as an <h1>; the page's own title is the one h1 of a page.
        headerTitleRender={(logo) => <Link to="/" className="frame-brand" aria-label="Consign">{logo}<span>Consign</span></Link>}
        // Folded to icons, the side menu's header keeps only the logo (the name would run over the page).
        menuHeaderRender={(logo) => <Link to="/" className="frame-brand" aria-label="Consign">{logo}{(!collapsed || phone) && <span>Consign</span>}</Link>}
        menuContentRender={(_, dom) => <nav aria-label={t('frame.menu')}>{dom}</nav>}
        headerContentRender={() => breadcrumb(!phone)}
        actionsRender={() => [<UserMenu key="user" modules={modules} />]}
        breadcrumbRender={false}
        menu={{ locale: false }}
        token={{ header: { colorBgHeader: '#ffffff' } }}
      >
        <div id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
          {phone && below && <div className="frame-breadcrumb-phone">{breadcrumb(true)}</div>}
          <h1 className="page-title" data-testid="page-title">{title}</h1>
          <PageTitleContext.Provider value={setPageTitle}>
            <Suspense fallback={<Spin />}>{children}</Suspense>
          </PageTitleContext.Provider>
        </div>
      </ProLayout>
    </>
  );
}

// "/" focuses the page's search box (an input marked data-page-search), unless the user is typing.
function usePageSearchKey() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const search = document.querySelector<HTMLInputElement>('input[data-page-search]');
      if (!search) return;
      e.preventDefault();
      search.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

// A table wider than the screen scrolls sideways; its scrolling box must be reachable by keyboard
// (WCAG 2.1.1). antd renders that box without a tabindex, so every such box gets one as it appears.
function useScrollableTablesFocusable() {
  useEffect(() => {
    const mark = () => {
      for (const el of document.querySelectorAll<HTMLElement>('.ant-table-content:not([tabindex]), .ant-table-body:not([tabindex])')) {
        el.tabIndex = 0;
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}
