// 运价: the service products, the published cards (公布价), the customers' agreement cards (协议价) and
// the zone matrix, as tabs (the tab and the filters live in the URL). A card opens in the grid
// (CardPage); an active card gives a new draft to edit.
import { Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography, App } from 'antd';
import { useNavigate, useSearchParams, Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { createDraftFrom, useProducts, useRateCards, type CardFilter, type CardKind, type CardStatus, type RateCard } from './api';
import { CustomerPicker, useCustomerNames } from './CustomerPicker';
import { ZoneMatrixEditor } from './ZoneMatrixEditor';
import './pricing.css';

const TABS = ['products', 'published', 'agreements', 'zones'] as const;
type Tab = (typeof TABS)[number];
const STATUS_COLOR = { draft: 'gold', active: 'green', ended: 'default' } as const;

export function PricingHome() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'published';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams(new URLSearchParams({ tab: k }))}
      destroyOnHidden
      items={[
        { key: 'products', label: <span data-testid="tab-products">{t('pricing.tab.products')}</span>, children: <Products /> },
        { key: 'published', label: <span data-testid="tab-published">{t('pricing.tab.published')}</span>, children: <CardList kind="published" /> },
        { key: 'agreements', label: <span data-testid="tab-agreements">{t('pricing.tab.agreements')}</span>, children: <CardList kind="agreement" /> },
        { key: 'zones', label: <span data-testid="tab-zones">{t('pricing.tab.zones')}</span>, children: <ZoneMatrixEditor /> },
      ]}
    />
  );
}

export function useProductName() {
  const { lang } = useI18n();
  const products = useProducts();
  return (code: string) => {
    const p = products.data?.find((x) => x.code === code);
    return p ? (lang === 'zh' ? p.name_zh : p.name_en) : code;
  };
}

function Products() {
  const { t, lang } = useI18n();
  const products = useProducts();
  const active = useRateCards({ kind: 'published', status: 'active' });
  const activeCards = active.data?.pages.flatMap((p) => p.items) ?? [];
  if (products.error) return <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />;
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('pricing.products.intro')}</Typography.Paragraph>
      <Table
        rowKey="code"
        size="small"
        loading={products.isLoading}
        pagination={false}
        dataSource={products.data ?? []}
        scroll={{ x: 640 }}
        onRow={(p) => ({ 'data-testid': 'product-row', 'data-code': p.code } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('pricing.products.name'), key: 'name', render: (_, p) => (lang === 'zh' ? p.name_zh : p.name_en) },
          { title: t('pricing.products.code'), dataIndex: 'code' },
          { title: t('pricing.products.divisor'), dataIndex: 'volumetric_divisor', render: (v: number) => t('pricing.products.divisorValue', { n: v }) },
          { title: t('pricing.products.dimensions'), dataIndex: 'dimensions_required', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          {
            title: t('pricing.products.activeCard'), key: 'card',
            render: (_, p) => {
              const card = activeCards.find((c) => c.product === p.code);
              return card ? <Link to={`/pricing/cards/${card.id}`}>{card.name}</Link> : <Typography.Text type="secondary">{t('pricing.products.noCard')}</Typography.Text>;
            },
          },
        ]}
      />
    </Card>
  );
}

function CardList({ kind }: { kind: CardKind }) {
  const { t, dateTime, errorText } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const productName = useProductName();
  const products = useProducts();
  const filter: CardFilter = {
    kind,
    product: params.get('product') || undefined,
    status: (params.get('status') as CardStatus | null) || undefined,
    customer_id: kind === 'agreement' && params.get('customer_id') ? Number(params.get('customer_id')) : undefined,
  };
  const cards = useRateCards(filter);
  const items = cards.data?.pages.flatMap((p) => p.items) ?? [];
  const names = useCustomerNames(kind === 'agreement' ? items.map((c) => c.customer_id).filter((x): x is number => x !== null) : []);
  const set = (key: string, value: string | number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const newDraft = async (card: RateCard) => {
    try {
      const draft = await createDraftFrom(card, t('pricing.card.draftName', { name: card.name }));
      message.success(t('pricing.card.draftCreated'));
      navigate(`/pricing/cards/${draft.id}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }} className="pricing-filters">
        <div className="filter-field">
          <span aria-hidden="true">{t('pricing.card.product')}</span>
          <Select allowClear style={{ minWidth: 140 }} value={filter.product ?? null} data-testid="filter-product"
            aria-label={t('pricing.card.product')} placeholder={t('pricing.all')}
            onChange={(v) => set('product', v)}
            options={(products.data ?? []).map((p) => ({ value: p.code, label: productName(p.code) }))} />
        </div>
        <div className="filter-field">
          <span aria-hidden="true">{t('pricing.card.status')}</span>
          <Select allowClear style={{ minWidth: 120 }} value={filter.status ?? null} data-testid="filter-status"
            aria-label={t('pricing.card.status')} placeholder={t('pricing.all')}
            onChange={(v) => set('status', v)}
            options={(['draft', 'active', 'ended'] as const).map((s) => ({ value: s, label: t(`pricing.status.${s}`) }))} />
        </div>
        {kind === 'agreement' && (
          <div className="filter-field">
            <span aria-hidden="true">{t('pricing.card.customer')}</span>
            <CustomerPicker value={filter.customer_id ?? null} onChange={(v) => set('customer_id', v)} testId="filter-customer"
              ariaLabel={t('pricing.card.customer')} />
          </div>
        )}
      </Space>
      {cards.error ? <ErrorAlert error={cards.error} onRetry={() => void cards.refetch()} testId="cards-error" /> : (
        <Table
          rowKey="id"
          size="small"
          loading={cards.isLoading}
          pagination={false}
          dataSource={items}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description={t(kind === 'agreement' ? 'pricing.list.noAgreements' : 'pricing.list.none')} /> }}
          onRow={(c) => ({ 'data-testid': 'card-row', 'data-id': c.id, 'data-status': c.status } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('pricing.card.name'), key: 'name', render: (_, c) => <Link to={`/pricing/cards/${c.id}`} data-testid="card-link">{c.name}</Link> },
            ...(kind === 'agreement' ? [{
              title: t('pricing.card.customer'), key: 'customer',
              render: (_: unknown, c: RateCard) => (c.customer_id ? (names.get(c.customer_id) ?? `#${c.customer_id}`) : ''),
            }] : []),
            { title: t('pricing.card.product'), key: 'product', render: (_, c) => productName(c.product) },
            { title: t('pricing.card.status'), key: 'status', render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`pricing.status.${c.status}`)}</Tag> },
            { title: t('pricing.card.validity'), key: 'validity',
              render: (_, c) => (c.valid_from ? `${c.valid_from} ~ ${c.valid_to ?? t('pricing.card.open')}` : '—') },
            { title: t('pricing.card.updated'), key: 'updated', render: (_, c) => dateTime(c.updated_at) },
            {
              title: t('pricing.card.actions'), key: 'actions',
              render: (_, c) => (
                <Space wrap size={4}>
                  <Link to={`/pricing/cards/${c.id}`}>{t(c.status === 'draft' && can('rate_cards.write') ? 'pricing.card.edit' : 'pricing.card.open')}</Link>
                  {c.status === 'active' && can('rate_cards.write') && (
                    <Button size="small" type="link" onClick={() => void newDraft(c)} data-testid="row-new-draft">{t('pricing.card.newDraft')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {cards.hasNextPage && (
        <Button onClick={() => void cards.fetchNextPage()} loading={cards.isFetchingNextPage} style={{ marginTop: 12 }}>{t('common.loadMore')}</Button>
      )}
    </Card>
  );
}
