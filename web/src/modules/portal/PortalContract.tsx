// 合同与运价: what a portal user (a customer's own staff) may know of its contract and its prices.
// GET /api/v1/contracts answers a portal user only its own account's active and expiring contracts,
// and GET /api/v1/contracts/{id} only their customer-facing terms; this page shows a chosen list of
// those terms and nothing else, even should the server ever send more (no annual value, internal
// notes, owner or approvals). Prices: a portal user may not read rate cards (pricing/access.hpp:
// rate_cards.read is staff only), so its prices are its price list (GET /api/v1/price-list, its own
// account's only) and a calculator over POST /api/v1/quotes, both with its own agreement card (协议价)
// where it has an active one.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Form, Radio, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { LiveQuote } from '../pricing/LiveQuote';
import { PriceList } from '../pricing/PriceList';
import { useProductName, useProducts } from '../pricing/api';
import { formatFen, formatPercent } from '../../app/money';

interface Money { amount_minor: number; currency?: string }

// The customer-facing terms (docs/openapi.yaml ContractTerms less its staff-only members).
interface FacingTerms {
  services?: string[];
  transit_promises?: { product: string; zone: string; hours: number }[];
  quality?: Record<string, number>;
  declared_value_limit?: Money;
  compensation_cap?: Money;
  insurance_clause?: boolean;
  account_period_days?: number;
  billing_cycle?: string;
  cod?: { fee_rate_bp: number; minimum_fee: Money; remittance_days: number } | null;
  signed_receipt?: boolean;
  packaging?: string;
  vehicle?: string;
  pickup_frequency?: string;
  start_date?: string | null;
  end_date?: string | null;
  auto_renewal?: boolean;
  clauses?: string[];
}

interface ContractSummary { id: number; number: string; state: string; start_date?: string; end_date?: string }
interface FacingContract extends ContractSummary { terms?: FacingTerms }

const QUALITY = ['on_time_delivery_bp', 'delivery_accuracy_bp', 'complaint_free_bp', 'damage_max_bp', 'reports_on_time_bp', 'inventory_accuracy_bp'] as const;

function useMyContracts() {
  return useQuery({
    queryKey: ['portal-contracts'],
    queryFn: async () => {
      const list = await api<{ items: ContractSummary[] }>('GET', '/api/v1/contracts?limit=20');
      return Promise.all(list.items.map((c) => api<FacingContract>('GET', `/api/v1/contracts/${c.id}`)));
    },
    placeholderData: undefined,
  });
}

export function PortalContract() {
  const { t } = useI18n();
  const { user } = useAuth();
  const contracts = useMyContracts();
  if (!user?.customer_id) return <Alert type="warning" showIcon message={t('portal.notLinked')} data-testid="portal-not-linked" />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="portal-contract">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('portal.contract.intro')}</Typography.Paragraph>
      {contracts.error ? <ErrorAlert error={contracts.error} onRetry={() => void contracts.refetch()} testId="portal-contract-error" />
        : !contracts.data ? <Spin />
          : contracts.data.length === 0 ? (
            <Card size="small"><Empty description={<span data-testid="portal-no-contract">{t('portal.contract.none')}</span>} /></Card>
          ) : contracts.data.map((c) => <ContractTerms key={c.id} contract={c} />)}
      <Prices customerId={user.customer_id} />
    </Space>
  );
}

function ContractTerms({ contract }: { contract: FacingContract }) {
  const { t, has, number } = useI18n();
  const productName = useProductName();
  const terms = contract.terms ?? {};
  const word = (group: string, value: string | undefined | null) => {
    if (!value) return t('common.none');
    const key = `portal.${group}.${value}`;
    return has(key) ? t(key) : value;
  };
  const yesNo = (v: boolean | undefined) => (v ? t('common.yes') : t('common.no'));
  const money = (m: Money | undefined) => (m ? formatFen(m.amount_minor) : t('common.none'));
  return (
    <Card size="small" data-testid="portal-contract-card"
      title={<Space wrap><span>{t('portal.contract.title')}</span><Typography.Text strong data-testid="portal-contract-number">{contract.number}</Typography.Text>
        <Tag color={contract.state === 'expiring' ? 'orange' : 'green'} data-testid="portal-contract-state">{word('contractState', contract.state)}</Tag></Space>}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="portal-terms">
        <Descriptions.Item label={t('portal.contract.period')}>{terms.start_date ?? contract.start_date} ~ {terms.end_date ?? contract.end_date}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.autoRenewal')}>{yesNo(terms.auto_renewal)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.services')} span={2}>
          <Space wrap size={4}>{(terms.services ?? []).map((s) => <Tag key={s}>{word('service', s)}</Tag>)}</Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.billingCycle')}>{word('billingCycle', terms.billing_cycle)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.accountPeriod')}>{t('portal.contract.days', { n: terms.account_period_days ?? 0 })}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.declaredValueLimit')}>{money(terms.declared_value_limit)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.compensationCap')}>{money(terms.compensation_cap)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.insuranceClause')}>{yesNo(terms.insurance_clause)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.signedReceipt')}>{yesNo(terms.signed_receipt)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.cod')}>
          {terms.cod ? t('portal.contract.codTerms', { rate: formatPercent(terms.cod.fee_rate_bp), min: formatFen(terms.cod.minimum_fee.amount_minor), days: terms.cod.remittance_days })
            : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.pickup')}>{word('pickup', terms.pickup_frequency)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.vehicle')}>{word('vehicle', terms.vehicle)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.contract.packaging')}>{terms.packaging || t('common.none')}</Descriptions.Item>
      </Descriptions>

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>{t('portal.contract.transit')}</Typography.Title>
          <Table size="small" pagination={false} rowKey={(p) => `${p.product}-${p.zone}`} dataSource={terms.transit_promises ?? []}
            scroll={{ x: 360 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.contract.noTransit')} /> }}
            columns={[
              { title: t('portal.contract.product'), dataIndex: 'product', render: (v: string) => productName(v) },
              { title: t('portal.contract.zone'), dataIndex: 'zone', render: (v: string) => word('zone', v) },
              { title: t('portal.contract.hours'), dataIndex: 'hours', align: 'right', render: (v: number) => t('portal.contract.hoursValue', { n: number(v) }) },
            ]} />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>{t('portal.contract.quality')}</Typography.Title>
          <Descriptions bordered size="small" column={1} data-testid="portal-quality">
            {QUALITY.filter((k) => terms.quality?.[k] !== undefined).map((k) => (
              <Descriptions.Item key={k} label={t(`portal.quality.${k}` as MessageKey)}>
                {k === 'damage_max_bp' ? '≤ ' : '≥ '}{formatPercent(terms.quality?.[k] ?? 0)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Col>
      </Row>
      {(terms.clauses ?? []).length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>{t('portal.contract.clauses')}</Typography.Title>
          <ol data-testid="portal-clauses">{(terms.clauses ?? []).map((c, i) => <li key={i}>{c}</li>)}</ol>
        </>
      )}
    </Card>
  );
}

// The customer's prices: its price list (价目表: its agreement card where it has one, the published
// card elsewhere) and a small calculator priced the same way.
function Prices({ customerId }: { customerId: number }) {
  const { t, lang } = useI18n();
  const products = useProducts();
  const [product, setProduct] = useState('standard');
  return (
    <Card size="small" title={t('portal.prices.title')} data-testid="portal-prices">
      <Typography.Paragraph type="secondary">{t('portal.prices.listIntro')}</Typography.Paragraph>
      <PriceList />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{t('portal.prices.calculator')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.prices.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('portal.contract.product')} htmlFor="portal-product">
          <Radio.Group id="portal-product" value={product} optionType="button" onChange={(e) => setProduct(e.target.value)}
            options={(products.data ?? []).map((p) => ({ value: p.code, label: <span data-testid={`quote-product-${p.code}`}>{lang === 'zh' ? p.name_zh : p.name_en}</span> }))} />
        </Form.Item>
      </Form>
      <LiveQuote customerId={customerId} product={product} />
    </Card>
  );
}
