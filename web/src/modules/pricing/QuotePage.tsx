// 报价: price a shipment for an inquiry — choose the service product and, when the caller is a
// customer, the customer (its agreement price wins over the published one), then fill in the
// shipment (LiveQuote). Product and customer live in the URL, so a quote page can be shared.
import { Card, Col, Form, Radio, Row, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useProducts } from './api';
import { CustomerPicker } from './CustomerPicker';
import { LiveQuote } from './LiveQuote';

export function QuotePage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const products = useProducts();
  const product = params.get('product') || 'standard';
  const customer = Number(params.get('customer_id')) || null;
  const set = (key: string, value: string | number | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary">{t('pricing.quote.intro')}</Typography.Paragraph>
      <Form layout="vertical" name="quote_for" component="div">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('pricing.card.product')} htmlFor="quote-product">
              <Radio.Group id="quote-product" value={product} optionType="button" onChange={(e) => set('product', e.target.value)}
                data-testid="quote-product"
                options={(products.data ?? [{ code: 'standard', name_zh: '标准快递', name_en: 'Standard express' }]).map((p) => ({
                  value: p.code, label: <span data-testid={`quote-product-${p.code}`}>{lang === 'zh' ? p.name_zh : p.name_en}</span>,
                }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('pricing.quote.customer')} htmlFor="quote-customer" extra={t('pricing.quote.customerHint')}>
              <CustomerPicker id="quote-customer" value={customer} onChange={(v) => set('customer_id', v)} testId="quote-customer" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <LiveQuote product={product} customerId={customer} />
    </Card>
  );
}
