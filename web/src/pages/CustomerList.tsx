// 客户列表: search, filters on every classification (kept in the URL so a view can be shared or
// saved), cursor paging, saved views, export, and the way to create and import.
import { DeleteOutlined, DownloadOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Empty, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, download, queryString } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh';
import {
  CLASSIFICATION_KEYS, CLASSIFICATIONS, INDUSTRIES, KINDS, SORTS, STATUSES,
  type CustomerSummary, type Page, type SavedView,
} from '../model';

const FILTER_KEYS = ['q', 'kind', 'industry', 'status', 'sort', ...CLASSIFICATION_KEYS] as const;

export function CustomerList() {
  const { t, label } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [saveOpen, setSaveOpen] = useState(false);
  const [viewName, setViewName] = useState('');

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
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page<CustomerSummary>>('GET', '/api/v1/customers' + queryString({ ...filters, limit: 50, cursor: after }));
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.title) : t('common.error'));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);

  useEffect(() => {
    void load(null);
  }, [load]);

  const loadViews = useCallback(() => {
    api<{ items: SavedView[] }>('GET', '/api/v1/saved-views?resource=customers').then((r) => setViews(r.items), () => setViews([]));
  }, []);
  useEffect(loadViews, [loadViews]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
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
      message.error(e instanceof ApiError ? (e.fields[0]?.message ?? e.title) : t('common.error'));
    }
  };

  const deleteView = async (id: number) => {
    await api('DELETE', `/api/v1/saved-views/${id}`);
    message.success(t('customers.viewDeleted'));
    loadViews();
  };

  const exportAs = async (format: 'csv' | 'xlsx') => {
    try {
      await download('/api/v1/customers/export' + queryString({ ...filters, format }), `customers.${format}`);
    } catch (e) {
      message.error(e instanceof ApiError ? (e.fields[0]?.message ?? e.title) : t('common.error'));
    }
  };

  const enumSelect = (key: string, group: string, values: readonly string[], title: MessageKey, width = 150) => (
    <Select
      key={key}
      allowClear
      placeholder={t(title)}
      style={{ width }}
      value={filters[key]}
      data-testid={`filter-${key}`}
      onChange={(v?: string) => setFilter(key, v)}
      options={values.map((v) => ({ value: v, label: label(group, v) }))}
    />
  );

  const hasFilters = FILTER_KEYS.some((k) => k !== 'sort' && filters[k]);

  return (
    <Card
      title={t('customers.title')}
      extra={
        <Space wrap>
          <Dropdown
            menu={{
              items: views.length
                ? views.map((v) => ({
                    key: String(v.id),
                    label: (
                      <Space data-testid="saved-view">
                        <span>{v.name}</span>
                        <DeleteOutlined onClick={(e) => { e.stopPropagation(); void deleteView(v.id); }} />
                      </Space>
                    ),
                  }))
                : [{ key: 'none', label: t('customers.noViews'), disabled: true }],
              onClick: ({ key }) => {
                const view = views.find((v) => String(v.id) === key);
                if (view) setParams(new URLSearchParams(view.query));
              },
            }}
          >
            <Button data-testid="saved-views">{t('customers.savedViews')}</Button>
          </Dropdown>
          <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} data-testid="save-view">{t('customers.saveView')}</Button>
          {can('customers.export') && (
            <>
              <Button icon={<DownloadOutlined />} onClick={() => exportAs('csv')} data-testid="export-csv">{t('customers.exportCsv')}</Button>
              <Button icon={<DownloadOutlined />} onClick={() => exportAs('xlsx')} data-testid="export-xlsx">{t('customers.exportXlsx')}</Button>
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
        />
        <Space wrap>
          {enumSelect('kind', 'kind', KINDS, 'field.kind', 110)}
          {enumSelect('industry', 'industry', INDUSTRIES, 'field.industry', 130)}
          {CLASSIFICATION_KEYS.map((k) => enumSelect(k, k, CLASSIFICATIONS[k], `cls.${k}` as MessageKey))}
          {enumSelect('status', 'status', STATUSES, 'field.status', 110)}
          {enumSelect('sort', 'sort', SORTS, 'customers.sort', 150)}
          {hasFilters && <Button onClick={() => setParams(new URLSearchParams())} data-testid="clear-filters">{t('customers.clearFilters')}</Button>}
        </Space>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Table<CustomerSummary>
          rowKey="id"
          size="middle"
          loading={loading && items.length === 0}
          dataSource={items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={<><div>{t('customers.empty')}</div><Typography.Text type="secondary">{t('customers.emptyHint')}</Typography.Text></>} /> }}
          onRow={(c) => ({ onClick: () => navigate(`/customers/${c.id}`), style: { cursor: 'pointer' }, 'data-testid': 'customer-row' } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('field.code'), dataIndex: 'code', width: 120 },
            { title: t('field.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()}>{name}</Link> },
            { title: t('field.industry'), dataIndex: 'industry', width: 100, render: (v: string) => label('industry', v) },
            { title: t('cls.value_class'), width: 110, render: (_, c) => c.classification.value_class ? <Tag color={{ A: 'gold', B: 'blue', C: 'default' }[c.classification.value_class]}>{label('value_class', c.classification.value_class)}</Tag> : null },
            { title: t('field.city'), dataIndex: 'city', width: 100 },
            { title: t('field.primaryContact'), width: 200, render: (_, c) => c.primary_contact ? `${c.primary_contact.name} ${c.primary_contact.phone}` : '' },
            { title: t('field.owner'), width: 100, render: (_, c) => c.owner?.name ?? '' },
            { title: t('field.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: t('field.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{label('status', v)}</Tag> },
          ]}
        />
        <div style={{ textAlign: 'center' }}>
          {cursor ? (
            <Button onClick={() => load(cursor)} loading={loading} data-testid="load-more">{t('common.loadMore')}</Button>
          ) : items.length > 0 ? (
            <Typography.Text type="secondary">{t('customers.count', { n: items.length })} · {t('common.allLoaded')}</Typography.Text>
          ) : null}
        </div>
      </Space>
      <Modal open={saveOpen} title={t('customers.saveView')} onOk={saveView} onCancel={() => setSaveOpen(false)}
        okButtonProps={{ disabled: !viewName.trim(), 'data-testid': 'save-view-ok' } as React.ComponentProps<typeof Button>}>
        <Input placeholder={t('customers.viewName')} value={viewName} maxLength={100} onChange={(e) => setViewName(e.target.value)} data-testid="view-name" />
      </Modal>
    </Card>
  );
}
