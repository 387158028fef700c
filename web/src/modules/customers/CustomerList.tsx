// 客户列表: a server-paged ProTable (total, page size, page jump, sorting by column, column settings,
// density, sticky header), a collapsible filter panel with a visible label on every filter, the
// "mine / my team / all" tabs, row selection with bulk actions, saved views and export. Filters, tab,
// page, page size and sort live in the URL; coming back from a record (back, or the breadcrumb)
// restores the list, its page and its scroll position. Below 768 px the rows become cards and the
// filters a bottom sheet. The rows of a changed query replace the old ones under a spinner.
import { DeleteOutlined, DownloadOutlined, FilterOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Dropdown, Empty, Grid, Input, Modal, Pagination, Progress, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useNavigationType, useSearchParams } from 'react-router-dom';
import { api, ApiError, download, queryString } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { companyToday, useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { BulkActions } from './BulkActions';
import { CallPhone } from './CallPhone';
import { FILTER_PARAMS, ListFilters } from './ListFilters';
import { REVEAL_REASONS } from './Reveal';
import { useSavedViews, useUserOptions } from './api';
import { ExportDialog, ExportOptions, exportParams, ExportRows, useExportChoice } from './ExportDialog';
import './CustomerList.css';
import type { CustomerSummary, SavedView } from './model';

// What the URL holds: the search, the filters, the tab, the sort, the page and its size.
// The dashboard's "new this month" and "due" open the list with a date bound; shown as removable tags.
const DATE_PARAMS = ['created_from', 'updated_before'] as const;
const LIST_PARAMS = ['q', ...FILTER_PARAMS, ...DATE_PARAMS, 'sort', 'scope', 'page', 'limit'] as const;
const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_LIMIT = 20;
const SORTABLE = ['name', 'code', 'created_at', 'updated_at'] as const;
const STATE_KEY = 'consign.customers.list';  // sessionStorage: the last list URL, its scroll, where it went

interface ListPage {
  items: (CustomerSummary & { created_at?: string })[];
  total: number;
  page: number;
  limit: number;
}

interface ListMemory { search: string; scrollY: number; leftTo: string }

function readMemory(): ListMemory | null {
  try {
    return JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null') as ListMemory | null;
  } catch {
    return null;
  }
}

// A background export (GET /api/v1/customers/exports/{id}).
interface ExportJob {
  id: number;
  status: 'running' | 'done' | 'failed' | 'expired';
  total_rows: number;
  rows_written: number;
  expires_at: string;
  status_url: string;
  download_url: string | null;
  format: 'csv' | 'xlsx';
}

export function CustomerList() {
  const { t, label, errorText, dateTime, number, lang } = useI18n();
  const { can, user } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [saveOpen, setSaveOpen] = useState(false);
  const [viewName, setViewName] = useState('');
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | 'unmasked' | null>(null);
  const [unmaskedOpen, setUnmaskedOpen] = useState(false);
  const [unmaskedFormat, setUnmaskedFormat] = useState<'csv' | 'xlsx'>('csv');
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [reasonText, setReasonText] = useState('');
  const [job, setJob] = useState<ExportJob | null>(null);
  const [panelOpen, setPanelOpen] = useState(() => sessionStorage.getItem('consign.customers.filtersOpen') === '1');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [names, setNames] = useState<Map<number, string>>(new Map());

  // Coming back from a record restores the list as it was: its query and its scroll. The ways back:
  // the browser's Back (a POP to the same URL), the breadcrumb (a new entry carrying the list's last
  // query, pageHead's lastSearch) and the menu (/customers bare: the remembered query is put back).
  const memory = useRef(readMemory());
  const restoring = useRef<number | null>(null);
  const fromRecord = /^\/customers\/\d+/.test(memory.current?.leftTo ?? '');
  const restoreSearch = location.search === '' && fromRecord && memory.current?.search ? memory.current.search : null;
  useLayoutEffect(() => {
    if (restoreSearch) {
      restoring.current = memory.current?.scrollY ?? 0;
      setParams(new URLSearchParams(restoreSearch), { replace: true });
    } else if (memory.current && memory.current.search === location.search && (navigationType === 'POP' || fromRecord)) {
      restoring.current = memory.current.scrollY;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const query = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of LIST_PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const filters = useMemo(() => {  // what a saved view and an export keep: all but the page
    const { page: _p, ...rest } = query;
    void _p;
    return rest;
  }, [query]);
  const page = Math.max(1, Number(query.page) || 1);
  const limit = PAGE_SIZES.includes(Number(query.limit)) ? Number(query.limit) : DEFAULT_LIMIT;
  const scope = query.scope === 'mine' || (query.scope === 'team' && user?.team_id != null) ? query.scope : 'all';
  const activeFilters = [...FILTER_PARAMS, ...DATE_PARAMS].filter((k) => query[k]).length;

  const list = useQuery({
    queryKey: ['customers', 'list', { ...query, page, limit, scope }],
    queryFn: () => api<ListPage>('GET', '/api/v1/customers' + queryString({ ...query, scope, page, limit })),
    enabled: !restoreSearch,
  });
  const options = useUserOptions();
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const replacing = list.isFetching;

  // Remember where the list is and how far it is scrolled, and where the user went from it.
  useEffect(() => {
    if (restoreSearch) return;
    const save = () => {
      // A record opening hides the list (Suspense) before it unmounts: that scroll is not the list's.
      if (window.location.pathname !== '/customers') return;
      const m: ListMemory = { search: location.search, scrollY: window.scrollY, leftTo: '' };
      sessionStorage.setItem(STATE_KEY, JSON.stringify(m));
    };
    save();
    window.addEventListener('scroll', save, { passive: true });
    return () => {
      window.removeEventListener('scroll', save);
      const m = readMemory();
      if (m) sessionStorage.setItem(STATE_KEY, JSON.stringify({ ...m, leftTo: window.location.pathname }));
    };
  }, [location.search, restoreSearch]);

  // Once the rows are there again, scroll back to where the user was. The cached rows show first and
  // are refreshed behind them: the scroll is put back again when the refresh lands (its layout may move
  // the page), and only then forgotten.
  const settled = !list.isFetching;
  useEffect(() => {
    if (restoring.current === null || !list.data || restoreSearch) return;
    const y = restoring.current;
    if (settled) restoring.current = null;
    // The table may still be laying out its rows: try again until the page is tall enough (5 s at most).
    let timer: number | undefined;
    const attempt = (n: number) => {
      window.scrollTo(0, y);
      if (Math.abs(window.scrollY - y) > 2 && n < 100) timer = window.setTimeout(() => attempt(n + 1), 50);
    };
    const frame = requestAnimationFrame(() => attempt(0));
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [list.data, settled, restoreSearch]);

  // antd copies the header cells (with the select-all checkbox) into an aria-hidden measuring row:
  // what is focusable there is taken out of the tab order (axe aria-hidden-focus).
  const tableBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = tableBox.current;
    if (!box) return;
    const mark = () => {
      for (const el of box.querySelectorAll<HTMLElement>('[aria-hidden="true"] input:not([tabindex]), [aria-hidden="true"] [tabindex="0"]')) el.tabIndex = -1;
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [phone]);

  // A changed query starts from a clean selection.
  const filterKey = JSON.stringify(filters);
  useEffect(() => setSelected([]), [filterKey]);

  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  const setFilter = (key: string, value: string | undefined) => update({ [key]: value });
  // A page past the end (its last rows archived by a bulk action, or fewer rows since): the last page
  // there is, in place of this one in the history — not "no customers yet".
  useEffect(() => {
    if (!list.data || list.isFetching || page <= 1 || items.length > 0 || total === 0) return;
    const last = Math.ceil(total / limit);
    if (last >= page) return;
    const next = new URLSearchParams(params);
    if (last > 1) next.set('page', String(last));
    else next.delete('page');
    setParams(next, { replace: true });
  }, [list.data, list.isFetching, page, items.length, total, limit, params, setParams]);
  const clearFilters = () => {
    const next = new URLSearchParams();
    for (const k of ['scope', 'limit', 'sort']) if (params.get(k)) next.set(k, params.get(k)!);
    setParams(next);
  };

  const savedViews = useSavedViews(can('saved_views.read'));
  const views: SavedView[] = savedViews.data ?? [];
  const loadViews = () => void savedViews.refetch();

  const applyView = (view: SavedView) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(view.query ?? {})) if (v !== null && v !== undefined && v !== '') next.set(k, String(v));
    setParams(next);
  };

  const saveView = async () => {
    try {
      await api('POST', '/api/v1/saved-views', { body: { resource: 'customers', name: viewName.trim(), query: filters } });
      message.success(t('customers.viewSaved'));
      setSaveOpen(false);
      setViewName('');
      loadViews();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const deleteView = (view: SavedView) => {
    modal.confirm({
      title: t('customers.deleteView'),
      content: `${view.name} — ${t('common.confirmDelete')}`,
      okButtonProps: { danger: true, 'data-testid': 'delete-view-ok' },
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api('DELETE', `/api/v1/saved-views/${view.id}`);
          message.success(t('customers.viewDeleted'));
          loadViews();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  // Masked unless `unmasked` holds a reason. A small export downloads at once; a large one answers
  // 202 and runs in the background: its progress is polled below until the file can be downloaded.
  // While rows are selected, exactly those are exported (`ids`, whatever their status); otherwise the
  // list as filtered now.
  const [exportFormat, setExportFormat] = useState<'csv' | 'xlsx' | null>(null);  // the export dialog (columns, language)
  const [unmaskedChoice, setUnmaskedChoice] = useExportChoice();
  const exportAs = async (format: 'csv' | 'xlsx', unmasked?: { reason: string; reason_text: string }, choice: Record<string, string> = { lang }) => {
    setExporting(unmasked ? 'unmasked' : format);
    try {
      const date = companyToday();
      const rows = selected.length > 0
        ? { ids: selected.join(','), status: 'all' }
        : { ...filters, scope: scope === 'all' ? undefined : scope };
      const query = queryString({ ...rows, format, unmasked: unmasked ? 'true' : undefined, ...unmasked, ...choice });
      const started = await download('/api/v1/customers/export' + query, `customers-${date}.${format}`, true);
      if (started) setJob(started as ExportJob);
      setUnmaskedOpen(false);
      setExportFormat(null);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(null);
    }
  };

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api<ExportJob>('GET', job.status_url));
      } catch (e) {
        message.error(errorText(e));
        setJob(null);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [job, message, errorText]);

  const downloadJob = async () => {
    if (!job?.download_url) return;
    try {
      const date = companyToday();
      await download(job.download_url, `customers-${date}.${job.format}`, true);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const hasQuery = FILTER_PARAMS.some((k) => query[k]) || !!query.q;
  const sortOrder = (key: string): SortOrder => (query.sort === key ? 'ascend' : query.sort === `-${key}` ? 'descend' : null);
  const tooDeep = list.error instanceof ApiError && list.error.fields.some((f) => f.field === 'page' && f.reason === 'too_deep');

  const columns: ProColumns<CustomerSummary & { created_at?: string }>[] = [
    { title: t('field.code'), dataIndex: 'code', key: 'code', width: 130, sorter: true, sortOrder: sortOrder('code') },
    {
      title: t('field.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'), width: 240,
      render: (_, c) => <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="customer-link">{c.name}</Link>,
    },
    { title: t('field.industry'), key: 'industry', width: 100, render: (_, c) => label('industry', c.industry) },
    {
      title: t('cls.value_class'), key: 'value_class', width: 120,
      render: (_, c) => c.classification.value_class ? <Tag color={{ A: 'gold', B: 'blue', C: 'default' }[c.classification.value_class]}>{label('value_class', c.classification.value_class)}</Tag> : null,
    },
    { title: t('cls.lifecycle_stage'), key: 'lifecycle_stage', width: 120, render: (_, c) => label('lifecycle_stage', c.classification.lifecycle_stage) },
    { title: t('list.city'), key: 'city', width: 100, render: (_, c) => c.city },
    { title: t('field.primaryContact'), key: 'contact', width: 200, render: (_, c) => c.primary_contact ? `${c.primary_contact.name} ${c.primary_contact.phone}` : '' },
    { title: t('field.owner'), key: 'owner', width: 110, render: (_, c) => c.owner?.name || c.owner?.login || '' },
    { title: t('field.tags'), key: 'tags', width: 180, render: (_, c) => c.tags.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('field.status'), key: 'status', width: 90, render: (_, c) => <Tag color={c.status === 'active' ? 'green' : 'default'}>{label('status', c.status)}</Tag> },
    { title: t('list.columns.updated'), dataIndex: 'updated_at', key: 'updated_at', width: 170, sorter: true, sortOrder: sortOrder('updated_at'), render: (_, c) => dateTime(c.updated_at) },
  ];

  const viewItems: MenuProps['items'] = views.length
    ? views.map((v) => ({
        key: String(v.id),
        label: (
          <Space style={{ width: '100%', justifyContent: 'space-between' }} data-testid="saved-view">
            <span>{v.name}</span>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('customers.deleteView')}
              title={t('customers.deleteView')} data-testid="delete-view"
              onClick={(e) => { e.stopPropagation(); deleteView(v); }} />
          </Space>
        ),
      }))
    : [{ key: 'none', label: t('customers.noViews'), disabled: true }];

  const actions = (
    <Space wrap>
      {can('saved_views.read') && (
        <Dropdown trigger={['click']} menu={{
          items: viewItems,
          onClick: ({ key }) => {
            const view = views.find((v) => String(v.id) === key);
            if (view) applyView(view);
          },
        }}>
          <Button data-testid="saved-views">{t('customers.savedViews')}</Button>
        </Dropdown>
      )}
      {can('saved_views.create') && (
        <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} data-testid="save-view">{t('customers.saveView')}</Button>
      )}
      {can('customers.export') && (
        <>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} disabled={exporting !== null}
            onClick={() => setExportFormat('csv')} data-testid="export-csv">{t('customers.exportCsv')}</Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} disabled={exporting !== null}
            onClick={() => setExportFormat('xlsx')} data-testid="export-xlsx">{t('customers.exportXlsx')}</Button>
          {can('customers.export_unmasked') && (
            <Button icon={<DownloadOutlined />} disabled={exporting !== null}
              onClick={() => setUnmaskedOpen(true)} data-testid="export-unmasked">{t('export.unmasked')}</Button>
          )}
        </>
      )}
      {can('customers.import') && (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/customers/import')} data-testid="import-customers">{t('customers.import')}</Button>
      )}
      {can('customers.create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')} data-testid="new-customer">{t('customers.new')}</Button>
      )}
    </Space>
  );

  const empty = (
    <Empty data-testid="customers-empty" description={
      hasQuery ? (
        <>
          <div>{t('list.emptyFiltered')}</div>
          <Typography.Text type="secondary">{t('list.emptyFilteredHint')}</Typography.Text>
          <div style={{ marginTop: 8 }}><Button onClick={clearFilters} data-testid="empty-clear">{t('customers.clearFilters')}</Button></div>
        </>
      ) : scope === 'mine' ? (
        <><div>{t('list.emptyMine')}</div><Typography.Text type="secondary">{t('list.emptyMineHint')}</Typography.Text></>
      ) : scope === 'team' ? (
        <><div>{t('list.emptyTeam')}</div><Typography.Text type="secondary">{t('list.emptyMineHint')}</Typography.Text></>
      ) : (
        <><div>{t('list.emptyNone')}</div><Typography.Text type="secondary">{t('list.emptyNoneHint')}</Typography.Text></>
      )
    } />
  );

  const dateBounds = DATE_PARAMS.filter((k) => query[k]).map((k) => (
    <Tag key={k} closable onClose={() => setFilter(k, undefined)} data-testid={`filter-${k}`}>
      {t(`list.date.${k}`, { date: dateTime(query[k]) })}
    </Tag>
  ));

  const tabs = (
    <Tabs
      activeKey={scope}
      onChange={(k) => update({ scope: k === 'all' ? undefined : k })}
      aria-label={t('list.scopeLabel')}
      tabBarExtraContent={dateBounds.length ? <Space size={4} wrap>{dateBounds}</Space> : undefined}
      items={[
        { key: 'mine', label: <span data-testid="scope-mine">{t('list.scope.mine')}</span> },
        ...(user?.team_id != null ? [{ key: 'team', label: <span data-testid="scope-team">{t('list.scope.team')}</span> }] : []),
        { key: 'all', label: <span data-testid="scope-all">{t('list.scope.all')}</span> },
      ]}
    />
  );

  const search = (
    <Input.Search
      allowClear
      enterButton
      defaultValue={query.q}
      key={query.q ?? ''}
      placeholder={t('customers.search')}
      onSearch={(v) => setFilter('q', v.trim() || undefined)}
      data-testid="customer-search"
      data-page-search=""
      aria-label={t('customers.search')}
    />
  );

  const filterButton = (
    <Button icon={<FilterOutlined />} aria-expanded={phone ? sheetOpen : panelOpen}
      onClick={() => {
        if (phone) setSheetOpen(true);
        else {
          sessionStorage.setItem('consign.customers.filtersOpen', panelOpen ? '0' : '1');
          setPanelOpen(!panelOpen);
        }
      }}
      data-testid="filters-toggle">
      {activeFilters ? t('list.filtersActive', { n: activeFilters }) : t('list.filtersToggle')}
    </Button>
  );

  const totalText = <Typography.Text data-testid="list-total">{t('list.total', { n: number(total) })}</Typography.Text>;
  const errorBox = list.error ? (
    tooDeep
      ? <Alert type="warning" showIcon message={t('list.tooDeep')} data-testid="list-too-deep"
          action={<Button size="small" onClick={() => update({ page: undefined })}>{t('common.back')}</Button>} />
      : <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="list-error" />
  ) : null;

  const pager = (
    <Pagination
      current={page}
      pageSize={limit}
      total={total}
      simple={phone}
      showSizeChanger={!phone}
      showQuickJumper={!phone}
      pageSizeOptions={PAGE_SIZES}
      showTotal={phone ? undefined : (n, range) => t('list.range', { from: range[0], to: range[1], n: number(n) })}
      onChange={(p, size) => update({ page: p > 1 ? String(p) : undefined, limit: size !== DEFAULT_LIMIT ? String(size) : undefined }, size === limit)}
      data-testid="list-pager"
    />
  );

  return (
    <div ref={tableBox} aria-busy={replacing} data-testid="customer-list" data-loading={replacing ? 'true' : 'false'}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {!phone && <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{actions}</div>}
        {tabs}
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
          {filterButton}
          {activeFilters > 0 && !phone && <Button onClick={clearFilters} data-testid="clear-filters">{t('customers.clearFilters')}</Button>}
        </div>
        {!phone && panelOpen && (
          <Card size="small" title={t('list.filtersTitle')} data-testid="filter-panel">
            <ListFilters values={query} set={setFilter} options={options.data} idPrefix="panel" />
          </Card>
        )}
        {errorBox}
        {phone ? (
          <>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              {totalText}
              {replacing && <Spin size="small" aria-label={t('list.loading')} data-testid="list-loading" />}
            </div>
            <div style={{ opacity: replacing ? 0.5 : 1, transition: 'opacity .2s' }}>
              {items.length === 0 && !list.isPending ? empty : items.map((c) => (
                <Card key={c.id} size="small" style={{ marginBottom: 8, cursor: 'pointer' }} data-testid="customer-row"
                  onClick={() => navigate(`/customers/${c.id}`)}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600 }} data-testid="card-name">{c.name}</Link>
                    {c.classification.value_class && <Tag color={{ A: 'gold', B: 'blue', C: 'default' }[c.classification.value_class]}>{label('value_class', c.classification.value_class)}</Tag>}
                  </div>
                  <Typography.Text type="secondary" data-testid="card-code">{c.code}</Typography.Text>
                  {c.city && <Typography.Text type="secondary" data-testid="card-city">{' · '}{c.city}</Typography.Text>}
                  <div>
                    <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>{t('list.card.phone')}: </span>
                    <CallPhone customerId={c.id} name={c.name} masked={c.primary_contact?.phone} />
                  </div>
                </Card>
              ))}
            </div>
            {total > 0 && <div style={{ display: 'flex', justifyContent: 'center' }}>{pager}</div>}
            {actions}
            <Drawer open={sheetOpen} placement="bottom" height="85%" title={t('list.filtersTitle')} onClose={() => setSheetOpen(false)}
              data-testid="filter-sheet"
              footer={
                <Space>
                  <Button type="primary" onClick={() => setSheetOpen(false)} data-testid="filters-apply">{t('list.filtersApply')} · {t('list.total', { n: number(total) })}</Button>
                  {activeFilters > 0 && <Button onClick={clearFilters} data-testid="clear-filters">{t('customers.clearFilters')}</Button>}
                </Space>
              }>
              <ListFilters values={query} set={setFilter} options={options.data} idPrefix="sheet" />
            </Drawer>
          </>
        ) : (
          <ProTable<CustomerSummary & { created_at?: string }>
            rowKey="id"
            className="customer-table"
            columns={columns}
            dataSource={items}
            loading={replacing ? { spinning: true, tip: t('list.loading') } : false}
            search={false}
            sticky
            headerTitle={totalText}
            options={{ density: true, setting: { draggable: true }, reload: () => void list.refetch(), fullScreen: false }}
            columnsState={{ persistenceKey: 'consign.customers.columns', persistenceType: 'localStorage' }}
            scroll={{ x: 1500 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={false}
            onChange={(_p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = String(s?.columnKey ?? s?.field ?? '');
              if (!(SORTABLE as readonly string[]).includes(key) || !s.order) update({ sort: undefined });
              else update({ sort: s.order === 'ascend' ? key : `-${key}` });
            }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              getCheckboxProps: (c) => ({ 'aria-label': c.name }) as Record<string, string>,
              onChange: (keys, rows) => {
                setSelected(keys.map(Number));
                setNames((old) => {
                  const next = new Map(old);
                  for (const r of rows) if (r) next.set(r.id, r.name);
                  return next;
                });
              },
            }}
            tableAlertRender={false}
            tableAlertOptionRender={false}
            toolbar={{ subTitle: selected.length > 0
              ? <BulkActions ids={selected} names={names} options={options.data} onExport={() => setExportFormat('csv')} onDone={() => setSelected([])} />
              : undefined }}
            onRow={(c) => ({ onClick: (e: React.MouseEvent) => { if (!(e.target as HTMLElement).closest('.ant-table-selection-column')) navigate(`/customers/${c.id}`); }, style: { cursor: 'pointer' }, 'data-testid': 'customer-row' } as React.HTMLAttributes<HTMLElement>)}
            footer={() => <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{pager}</div>}
          />
        )}
      </Space>
      <Modal open={saveOpen} title={t('customers.saveView')} onOk={saveView} onCancel={() => setSaveOpen(false)}
        okText={t('common.save')} cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !viewName.trim(), 'data-testid': 'save-view-ok' } as React.ComponentProps<typeof Button>}>
        <Input placeholder={t('customers.viewName')} value={viewName} maxLength={100} onChange={(e) => setViewName(e.target.value)}
          onPressEnter={() => viewName.trim() && void saveView()} data-testid="view-name" />
      </Modal>
      <Modal open={unmaskedOpen} title={t('export.unmaskedTitle')} onCancel={() => setUnmaskedOpen(false)}
        okText={t('export.start')} cancelText={t('common.cancel')} confirmLoading={exporting === 'unmasked'}
        onOk={() => reason && unmaskedChoice.columns.length > 0 && void exportAs(unmaskedFormat, { reason, reason_text: reasonText.trim() }, exportParams(unmaskedChoice))}
        okButtonProps={{ disabled: !reason || (reason === 'other' && !reasonText.trim()), 'data-testid': 'export-unmasked-ok' } as React.ComponentProps<typeof Button>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('export.unmaskedHelp')} />
          <ExportRows selected={selected.length} />
          <Typography.Text>{t('export.format')}</Typography.Text>
          <Select value={unmaskedFormat} onChange={setUnmaskedFormat} style={{ width: '100%' }} data-testid="export-format"
            options={[{ value: 'csv', label: 'CSV' }, { value: 'xlsx', label: 'Excel' }]} />
          <Typography.Text>{t('export.reason')}</Typography.Text>
          <Select value={reason} onChange={setReason} style={{ width: '100%' }} data-testid="export-reason"
            options={REVEAL_REASONS.map((r) => ({ value: r, label: t(`enum.reveal_reason.${r}` as MessageKey) }))} />
          <Input.TextArea value={reasonText} maxLength={200} onChange={(e) => setReasonText(e.target.value)}
            placeholder={reason === 'other' ? t('export.reasonTextRequired') : t('export.reasonText')} data-testid="export-reason-text" />
          <ExportOptions value={unmaskedChoice} onChange={setUnmaskedChoice} />
        </Space>
      </Modal>
      <ExportDialog format={exportFormat} selected={selected.length} busy={exporting === 'csv' || exporting === 'xlsx'} onCancel={() => setExportFormat(null)}
        onExport={(format, choice) => void exportAs(format, undefined, choice)} />
      <Modal open={job !== null} title={t('export.progressTitle')} onCancel={() => setJob(null)} footer={
        job?.status === 'done' && job.download_url
          ? <Button type="primary" icon={<DownloadOutlined />} onClick={() => void downloadJob()} data-testid="export-download">{t('export.download')}</Button>
          : null
      }>
        {job && job.status === 'running' && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="export-progress">
            <Typography.Text>{t('export.running', { rows: job.rows_written, total: job.total_rows })}</Typography.Text>
            <Progress percent={job.total_rows ? Math.floor((100 * job.rows_written) / job.total_rows) : 0} />
          </Space>
        )}
        {job && job.status === 'done' && (
          <Typography.Text data-testid="export-done">{t('export.done', { rows: job.rows_written, expires: dateTime(job.expires_at) })}</Typography.Text>
        )}
        {job && (job.status === 'failed' || job.status === 'expired') && <Alert type="error" message={t('export.failed')} />}
      </Modal>
    </div>
  );
}
