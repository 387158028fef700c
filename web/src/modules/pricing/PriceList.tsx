// 价目表: the prices that apply to one customer today, read-only — per service product its agreement
// card (协议价) when one is in force, otherwise the published card (公布价): the weight bands of each
// zone with 首重 and 续重, the rules (rounding, minimum, remote surcharge, volumetric divisor), the
// value-added fees and the monthly-volume discounts. GET /api/v1/price-list answers a portal user its
// own account's prices whatever is asked, so the portal shows it as "my prices".
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { CardKind, RateCardPrices, ServiceProduct, WeightBand, Zone } from './api';
import { formatFen, formatKg, formatPercent } from '../../app/money';

export interface PriceListItem extends RateCardPrices {
  product: ServiceProduct;
  kind: CardKind;
  valid_from: string | null;
  valid_to: string | null;
  rate_card_id?: number;
}

export interface PriceListAnswer { customer_id: number | null; date: string; items: PriceListItem[] }

export function usePriceList(customerId?: number) {
  return useQuery({
    queryKey: ['price-list', customerId ?? null],
    queryFn: () => api<PriceListAnswer>('GET', customerId ? `/api/v1/price-list?customer_id=${customerId}` : '/api/v1/price-list'),
    placeholderData: undefined,
  });
}

interface BandRow { key: string; zone: Zone; first: boolean; rows: number; band: WeightBand }

export function PriceList({ customerId }: { customerId?: number }) {
  const { t } = useI18n();
  const list = usePriceList(customerId);
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} testId="price-list-error" />;
  if (!list.data) return <Spin data-testid="price-list-loading" />;
  if (list.data.items.length === 0) return <Empty description={t('pricing.priceList.empty')} data-testid="price-list-empty" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="price-list">
      {list.data.items.map((item) => <ProductPrices key={item.product.code} item={item} />)}
    </Space>
  );
}

function ProductPrices({ item }: { item: PriceListItem }) {
  const { t, lang } = useI18n();
  const rows: BandRow[] = item.zones.flatMap((z) => z.bands.map((band, i) => ({
    key: `${z.zone}-${i}`, zone: z.zone, first: i === 0, rows: z.bands.length, band,
  })));
  const weightRange = (b: WeightBand) => `${formatKg(b.from_grams)} – ${formatKg(b.to_grams)}`;
  const fees = item.fees;
  return (
    <Card size="small" data-testid={`price-list-${item.product.code}`} data-kind={item.kind}
      title={(
        <Space wrap>
          <span>{lang === 'zh' ? item.product.name_zh : item.product.name_en}</span>
          <Tag color={item.kind === 'agreement' ? 'green' : 'blue'} data-testid="price-list-kind">{t(`pricing.kind.${item.kind}`)}</Tag>
          {item.kind === 'agreement' && item.valid_from && (
            <Typography.Text type="secondary">{t('pricing.priceList.validity', { from: item.valid_from, to: item.valid_to ?? t('pricing.card.open') })}</Typography.Text>
          )}
        </Space>
      )}>
      <Table<BandRow> size="small" pagination={false} rowKey="key" dataSource={rows} scroll={{ x: 480 }}
        data-testid="price-list-bands"
        columns={[
          {
            title: t('pricing.card.zone'), dataIndex: 'zone',
            onCell: (r) => ({ rowSpan: r.first ? r.rows : 0 }),
            render: (z: Zone) => t(`pricing.zone.${z}`),
          },
          { title: t('pricing.priceList.weight'), key: 'weight', render: (_, r) => weightRange(r.band) },
          {
            title: t('pricing.field.first_price'), key: 'first', align: 'right',
            render: (_, r) => t('pricing.priceList.first', { weight: formatKg(r.band.first_grams), price: formatFen(r.band.first_price.amount_minor) }),
          },
          {
            title: t('pricing.field.step_price'), key: 'step', align: 'right',
            render: (_, r) => t('pricing.priceList.step', { weight: formatKg(r.band.step_grams), price: formatFen(r.band.step_price.amount_minor) }),
          },
        ]} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }} data-testid="price-list-rules">
        <Descriptions.Item label={t('pricing.field.rounding')}>{t(`pricing.rounding.${item.rounding}`)}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.priceList.volumetric')}>{t('pricing.priceList.divisor', { n: item.product.volumetric_divisor })}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.minimum_charge')}>{formatFen(item.minimum_charge.amount_minor)}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.remote_surcharge')}>{formatFen(item.remote_surcharge.amount_minor)}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.insured')}>
          {t('pricing.priceList.rateFee', { rate: formatPercent(fees.insured.rate_bp), min: formatFen(fees.insured.minimum.amount_minor) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.cod')}>
          {t('pricing.priceList.rateFee', { rate: formatPercent(fees.cod.rate_bp), min: formatFen(fees.cod.minimum.amount_minor) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.signed_receipt')}>{formatFen(fees.signed_receipt.amount_minor)}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.field.packaging')}>{formatFen(fees.packaging.amount_minor)}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.card.discounts')} span={2}>
          {item.discounts.length === 0 ? t('pricing.card.noDiscounts')
            : item.discounts.map((d) => t('pricing.priceList.tier', { n: d.min_monthly_shipments, discount: formatPercent(d.discount_bp) })).join('；')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
