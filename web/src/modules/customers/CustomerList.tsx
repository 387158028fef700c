// 客户列表: search, filters on every classification (kept in the URL so a view can be shared or
// saved), cursor paging, saved views, export, and the way to create and import.
import { DeleteOutlined, DownloadOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Dropdown, Empty, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, download, queryString } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { REVEAL_REASONS } from './Reveal';
import { useSavedViews } from './api';
import { ExportDialog, ExportOptions, exportParams, useExportChoice } from './ExportDialog';
import type { MessageKey } from '../../app/i18n/zh';
import {
  CLASSIFICATION_KEYS, CLASSIFICATIONS, INDUSTRIES, KINDS, SORTS, STATUSES,
  type CustomerSummary, type Page, type SavedView,
} from './model';

// Every list filter the API knows (docs/api-contract.md); the ones without a control here still
// travel in the URL and in saved views.
const FILTER_KEYS = ['q', 'kind', 'industry', ...CLASSIFICATION_KEYS, 'status', 'sort', 'tag', 'city', 'province',
  'owner_id', 'team_id'] as const;
const PAGE_SIZE = 50;

// Why someone exports personal data unmasked (the API's reason codes).

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
  const { t, label, errorText, dateTime } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [viewName, setViewName] = useState('');
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | 'unmasked' | null>(null);
  const [unmaskedOpen, setUnmaskedOpen] = useState(false);
  const [unmaskedFormat, setUnmaskedFormat] = useState<'csv' | 'xlsx'>('csv');
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [reasonText, setReasonText] = useState('');
  const [job, setJob] = useState<ExportJob | null>(null);
  const [exportFormat, setExportFormat] = useState<'csv' | 'xlsx' | null>(null);  // the export dialog (columns, language)
  const [unmaskedChoice, setUnmaskedChoice] = useExportChoice();
  const generation = useRef(0);  // answers to an older filter set are dropped

  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const filterKey = JSON.stringify(filters);

  const load = useCallback(async (after: string | null) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page<CustomerSummary>>('GET', '/api/v1/customers' + queryString({ ...filters, limit: PAGE_SIZE, cursor: after }));
      if (mine !== generation.current) return;
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      if (mine !== generation.current) return;
      if (!after) setItems([]);
      setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);

  useEffect(() => {
    void load(null);
  }, [load]);

  const savedViews = useSavedViews(can('saved_views.read'));
  const views: SavedView[] = savedViews.data ?? [];
  const loadViews = () => void savedViews.refetch();

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

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
  const exportAs = async (format: 'csv' | 'xlsx', unmasked?: { reason: string; reason_text: string }, choice: Record<string, string> = {}) => {
    setExporting(unmasked ? 'unmasked' : format);
    try {
      const date = new Date().toISOString().slice(0, 10);
      const query = queryString({ ...filters, format, unmasked: unmasked ? 'true' : undefined, ...unmasked, ...choice });
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
      const date = new Date().toISOString().slice(0, 10);
      await download(job.download_url, `customers-${date}.${job.format}`, true);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const enumSelect = (key: string, group: string, values: readonly string[], title: MessageKey, width = 150) => (
    <Select
      key={key}
      allowClear
      placeholder={t(title)}
      aria-label={t(title)}
      style={{ width }}
      value={filters[key]}
      data-testid={`filter-${key}`}
      onChange={(v?: string) => setFilter(key, v)}
      options={values.map((v) => ({ value: v, label: label(group, v) }))}
      popupMatchSelectWidth={false}
    />
  );

  const textFilter = (key: string, title: MessageKey, width = 120) => (
    <Input.Search
      key={`${key}=${filters[key] ?? ''}`}
      allowClear
      placeholder={t(title)}
      aria-label={t(title)}
      style={{ width }}
      defaultValue={filters[key]}
      onSearch={(v) => setFilter(key, v.trim() || undefined)}
      data-testid={`filter-${key}`}
    />
  );

  const hasFilters = FILTER_KEYS.some((k) => k !== 'sort' && filters[k]);

  const viewItems: MenuProps['items'] = views.length
    ? views.map((v) => ({
        key: String(v.id),
        label: (
          <Space style={{ width: '100%', justifyContent: 'space-between' }} data-testid="saved-view">
            <span>{v.name}</span>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('customers.deleteView')}
              title={t('customers.deleteView')}
              data-testid="delete-view"
              onClick={(e) => {
                e.stopPropagation();
                deleteView(v);
              }}
            />
          </Space>
        ),
      }))
    : [{ key: 'none', label: t('customers.noViews'), disabled: true }];

  return (
    <Card
      title={t('customers.title')}
      extra={
        <Space wrap>
          {can('saved_views.read') && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: viewItems,
                onClick: ({ key }) => {
                  const view = views.find((v) => String(v.id) === key);
                  if (view) applyView(view);
                },
              }}
            >
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
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Input.Search
          allowClear
          enterButton
          defaultValue={filters.q}
          key={filters.q ?? ''}
          placeholder={t('customers.search')}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          data-testid="customer-search"
          data-page-search=""
          aria-label={t('customers.search')}
        />
        <Space wrap>
          {enumSelect('kind', 'kind', KINDS, 'field.kind', 110)}
          {enumSelect('industry', 'industry', INDUSTRIES, 'field.industry', 130)}
          {CLASSIFICATION_KEYS.map((k) => enumSelect(k, k, CLASSIFICATIONS[k], `cls.${k}` as MessageKey))}
          {textFilter('tag', 'customers.tag')}
          {textFilter('city', 'customers.city')}
          {enumSelect('status', 'status', STATUSES, 'field.status', 110)}
          {enumSelect('sort', 'sort', SORTS, 'customers.sort', 150)}
          {hasFilters && <Button onClick={() => setParams(new URLSearchParams())} data-testid="clear-filters">{t('customers.clearFilters')}</Button>}
        </Space>
        {error !== null && (
          <ErrorAlert error={error} onRetry={() => load(null)} testId="list-error" />
        )}
        <Table<CustomerSummary>
          rowKey="id"
          size="middle"
          loading={loading && items.length === 0}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty data-testid="customers-empty" description={<><div>{t('customers.empty')}</div><Typography.Text type="secondary">{t('customers.emptyHint')}</Typography.Text></>} /> }}
          onRow={(c) => ({ onClick: () => navigate(`/customers/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': 'customer-row' } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('field.code'), dataIndex: 'code', width: 120 },
            { title: t('field.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link> },
            { title: t('field.industry'), dataIndex: 'industry', width: 100, render: (v: string) => label('industry', v) },
            { title: t('cls.value_class'), width: 110, render: (_, c) => c.classification.value_class ? <Tag color={{ A: 'gold', B: 'blue', C: 'default' }[c.classification.value_class]}>{label('value_class', c.classification.value_class)}</Tag> : null },
            { title: t('cls.lifecycle_stage'), width: 110, render: (_, c) => label('lifecycle_stage', c.classification.lifecycle_stage) },
            { title: t('field.city'), dataIndex: 'city', width: 100 },
            { title: t('field.primaryContact'), width: 200, render: (_, c) => c.primary_contact ? `${c.primary_contact.name} ${c.primary_contact.phone}` : '' },
            { title: t('field.owner'), width: 100, render: (_, c) => c.owner?.name || c.owner?.login || '' },
            { title: t('field.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: t('field.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{label('status', v)}</Tag> },
          ]}
        />
        <div style={{ textAlign: 'center' }}>
          {cursor ? (
            <Button onClick={() => load(cursor)} loading={loading} data-testid="load-more">{t('common.loadMore')}</Button>
          ) : items.length > 0 ? (
            <Typography.Text type="secondary" data-testid="all-loaded">{t('customers.count', { n: items.length })} · {t('common.allLoaded')}</Typography.Text>
          ) : null}
        </div>
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
      <ExportDialog format={exportFormat} busy={exporting === 'csv' || exporting === 'xlsx'} onCancel={() => setExportFormat(null)}
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
    </Card>
  );
}
