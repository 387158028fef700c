// 新建订单: the customer (staff; a portal user's orders are its own account's), the service product, the
// shipper and the consignee with their addresses picked province → city → district, the goods, the
// value-added services — 代收货款 only where the customer's contract allows it — and a live quote beside
// the form: POST /api/v1/quotes once the inputs have rested (debounced; a request whose inputs changed
// is aborted), line by line with its total. Submitting sends one Idempotency-Key per submit: a double
// click or a retry of the same form answers the first order, never a second one; a changed form gets a
// new key. The server's field errors (consignee.division, goods.weight_grams, services.cod_amount ...)
// are shown at their inputs.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { formatKg, formatMoney, kgToGrams, whole, yuanToFen } from '../../app/money';
import { useDivisions, type Division } from '../customers/formParts';
import { cny, useProducts, type Quote, type QuoteRequest } from '../pricing/api';
import { CustomerPicker } from '../pricing/CustomerPicker';
import { DivisionPicker } from '../pricing/DivisionPicker';
import { CATEGORIES, createOrder, newSubmitKey, orderChanged, ORDER_SERVICES, useCodAllowed, type OrderDraftBody, type OrderService, type Party } from './api';
import './orders.css';

interface PartyValues { name?: string; phone?: string; division?: string | null; address?: string }
interface Values {
  customer_id?: number | null;
  product?: string;
  ship_date?: Dayjs | null;
  shipper?: PartyValues;
  consignee?: PartyValues;
  goods?: { pieces?: string; weight?: string; length?: string; width?: string; height?: string; category?: string; description?: string; declared_value?: string };
  services?: OrderService[];
  cod_amount?: string;
  reference?: string;
  notes?: string;
}
type Path = (string | number)[];

// The form's input named by a field of the API's answer.
const INPUT_OF: Record<string, Path> = {
  customer_id: ['customer_id'],
  product: ['product'],
  ship_date: ['ship_date'],
  'goods.pieces': ['goods', 'pieces'],
  'goods.weight_grams': ['goods', 'weight'],
  'goods.dimensions_cm': ['goods', 'length'],
  'goods.dimensions_cm.length': ['goods', 'length'],
  'goods.dimensions_cm.width': ['goods', 'width'],
  'goods.dimensions_cm.height': ['goods', 'height'],
  'goods.category': ['goods', 'category'],
  'goods.description': ['goods', 'description'],
  'goods.declared_value': ['goods', 'declared_value'],
  'services.cod_amount': ['cod_amount'],
  cod_amount: ['cod_amount'],
  services: ['services'],
  reference: ['reference'],
  notes: ['notes'],
  // the quote's names
  origin: ['shipper', 'division'],
  destination: ['consignee', 'division'],
  weight_grams: ['goods', 'weight'],
  declared_value: ['goods', 'declared_value'],
  dimensions_cm: ['goods', 'length'],
};
function inputOf(field: string): Path | null {
  const party = /^(shipper|consignee)\.(name|phone|division|address)$/.exec(field);
  if (party) return [party[1], party[2]];
  return INPUT_OF[field] ?? null;
}

// Whether a division code is where a parcel can go: a district, or a city without districts.
function addressable(tree: Division[] | undefined, code: string): boolean | null {
  if (!tree) return null;
  const find = (level: Division[] | undefined): Division | null => {
    for (const d of level ?? []) {
      if (d.code === code) return d;
      if (code.startsWith(d.code) && d.children) {
        const below = find(d.children);
        if (below) return below;
      }
    }
    return null;
  };
  const d = find(tree);
  if (!d) return false;
  return !d.children || d.children.length === 0;
}

// Required inputs marked with a star (antd's "optional" marks are not translated).
const requiredMark = (label: React.ReactNode, { required }: { required: boolean }) => (
  <>{label}{required && <span aria-hidden="true" style={{ color: '#c41d1d', marginInlineStart: 4 }}>*</span>}</>
);

const DEBOUNCE_MS = 400;
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type Problem = { path: Path; key: MessageKey };

// The goods' numbers typed as text, checked for their format only (every rule is the server's).
function goodsOf(v: Values): { grams: number | null; dims?: { length: number; width: number; height: number }; declared?: number; cod?: number; pieces: number; problems: Problem[] } {
  const problems: Problem[] = [];
  const g = v.goods ?? {};
  const text = (s: string | undefined) => (s ?? '').trim();
  const grams = text(g.weight) ? kgToGrams(text(g.weight)) : null;
  if (text(g.weight) && grams === null) problems.push({ path: ['goods', 'weight'], key: 'orderNew.badKg' });
  const pieces = text(g.pieces) ? whole(text(g.pieces)) : 1;
  if (pieces === null) problems.push({ path: ['goods', 'pieces'], key: 'orderNew.badWhole' });
  const sides = [g.length, g.width, g.height].map(text);
  let dims: { length: number; width: number; height: number } | undefined;
  if (sides.some((s) => s)) {
    const [length, width, height] = sides.map((s) => (s ? whole(s) : null));
    if (sides.some((s) => !s)) problems.push({ path: ['goods', 'length'], key: 'orderNew.allSides' });
    else if (length === null || width === null || height === null) problems.push({ path: ['goods', 'length'], key: 'orderNew.badWhole' });
    else dims = { length, width, height };
  }
  const money = (s: string | undefined, path: Path) => {
    if (!text(s)) return undefined;
    const fen = yuanToFen(text(s));
    if (fen === null) problems.push({ path, key: 'orderNew.badYuan' });
    return fen ?? undefined;
  };
  const declared = money(g.declared_value, ['goods', 'declared_value']);
  const cod = (v.services ?? []).includes('cod') ? money(v.cod_amount, ['cod_amount']) : undefined;
  return { grams, dims, declared, cod, pieces: pieces ?? 1, problems };
}

export function NewOrder({ portal = false }: { portal?: boolean }) {
  const { t, lang, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>({ product: 'standard', services: [], goods: { pieces: '1', category: 'general' } });
  const products = useProducts();
  const divisions = useDivisions();
  const codAllowed = useCodAllowed(portal ? null : values.customer_id, !portal && can('contracts.read'));
  const codShown = portal || codAllowed !== false;  // a portal user's contract: the server says
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  // One key per submit of one form: kept while the same values are sent again, new once they change.
  const submitKey = useRef<string | null>(null);
  const inFlight = useRef(false);

  // COD unchecked when the contract turns out not to allow it.
  useEffect(() => {
    if (codAllowed === false && (values.services ?? []).includes('cod')) {
      const services = (values.services ?? []).filter((s) => s !== 'cod');
      form.setFieldValue('services', services);
      setValues((v) => ({ ...v, services }));
    }
  }, [codAllowed, values.services, form]);

  // The quote: what the form holds so far, once origin, destination and weight are there.
  const goods = useMemo(() => goodsOf(values), [values]);
  const quoteBody = useMemo<QuoteRequest | null>(() => {
    const origin = values.shipper?.division;
    const destination = values.consignee?.division;
    if (!origin || !destination || goods.grams === null || goods.problems.length) return null;
    const services = values.services ?? [];
    return {
      product: values.product ?? 'standard', origin, destination, weight_grams: goods.grams,
      ...(goods.dims ? { dimensions_cm: goods.dims } : {}),
      ...(goods.declared !== undefined ? { declared_value: cny(goods.declared) } : {}),
      services,
      ...(goods.cod !== undefined ? { cod_amount: cny(goods.cod) } : {}),
      ...(!portal && values.customer_id ? { customer_id: values.customer_id } : {}),
    };
  }, [values, goods, portal]);
  const settled = useDebounced(quoteBody, DEBOUNCE_MS);
  const waiting = JSON.stringify(settled) !== JSON.stringify(quoteBody);
  const quote = useQuery({
    queryKey: ['quote', 'order', settled],
    queryFn: ({ signal }) => api<Quote>('POST', '/api/v1/quotes', { body: settled, signal }),
    enabled: settled !== null,
    retry: false,
    staleTime: 60_000,
  });

  // Problems at their inputs: the format ones found here, the quote's (for what is on screen).
  const localProblems = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of goods.problems) if (!m.has(p.path.join('.'))) m.set(p.path.join('.'), t(p.key));
    for (const which of ['shipper', 'consignee'] as const) {
      const code = values[which]?.division;
      if (code && addressable(divisions.data, code) === false) m.set(`${which}.division`, t('orderNew.chooseDistrict'));
    }
    if (!waiting && quoteBody && quote.error instanceof ApiError) {
      for (const f of quote.error.fields) {
        const path = inputOf(f.field);
        if (path && !m.has(path.join('.'))) m.set(path.join('.'), fieldMessage(f));
      }
    }
    return m;
  }, [goods.problems, values, divisions.data, waiting, quoteBody, quote.error, t, fieldMessage]);
  const [serverProblems, setServerProblems] = useState<Map<string, string>>(new Map());
  const status = (path: Path) => {
    const key = path.join('.');
    const text = serverProblems.get(key) ?? localProblems.get(key);
    return text ? { validateStatus: 'error' as const, help: <span data-testid={`error-${key}`}>{text}</span> } : {};
  };

  const bodyOf = (v: Values): OrderDraftBody => {
    const party = (p: PartyValues | undefined): Party => ({ name: (p?.name ?? '').trim(), phone: (p?.phone ?? '').trim(), division: p?.division ?? '', address: (p?.address ?? '').trim() });
    const services = (v.services ?? []).filter((s) => s !== 'cod' || codShown);
    return {
      ...(!portal && v.customer_id ? { customer_id: v.customer_id } : {}),
      product: v.product ?? 'standard',
      ...(v.ship_date ? { ship_date: v.ship_date.format('YYYY-MM-DD') } : {}),
      shipper: party(v.shipper),
      consignee: party(v.consignee),
      goods: {
        pieces: goods.pieces,
        weight_grams: goods.grams ?? 0,
        ...(goods.dims ? { dimensions_cm: goods.dims } : {}),
        category: v.goods?.category ?? 'general',
        ...(v.goods?.description?.trim() ? { description: v.goods.description.trim() } : {}),
        ...(goods.declared !== undefined ? { declared_value: cny(goods.declared) } : {}),
      },
      services,
      ...(services.includes('cod') && goods.cod !== undefined ? { cod_amount: cny(goods.cod) } : {}),
      ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}),
      ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
    };
  };

  const submit = async () => {
    if (inFlight.current) return;  // a second click while the first is on its way
    inFlight.current = true;
    try {
      await form.validateFields();
    } catch {
      inFlight.current = false;
      return;
    }
    // Mistyped numbers and a province or city where a district is needed are this form's to fix first.
    const coarse = (['shipper', 'consignee'] as const).some((w) => {
      const code = values[w]?.division;
      return !!code && addressable(divisions.data, code) === false;
    });
    if (goods.problems.length > 0 || coarse) {
      inFlight.current = false;
      return;
    }
    submitKey.current ??= newSubmitKey();
    setSubmitting(true);
    setSubmitError(null);
    try {
      const order = await createOrder(bodyOf(form.getFieldsValue(true) as Values), submitKey.current);
      orderChanged(client, order);
      message.success(t('orderNew.created', { waybill: order.waybill }));
      navigate(`/orders/${order.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const m = new Map<string, string>();
        for (const f of e.fields as FieldProblem[]) {
          const path = inputOf(f.field);
          if (path && !m.has(path.join('.'))) m.set(path.join('.'), fieldMessage(f));
        }
        setServerProblems(m);
        if (m.size < e.fields.length) setSubmitError(e);
      } else {
        setSubmitError(e);
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const required = (key: MessageKey = 'orderNew.required') => [{ required: true, whitespace: true, message: t(key) }];
  const partyCard = (which: 'shipper' | 'consignee') => (
    <Card size="small" title={<h2 className="order-card-title">{t(which === 'shipper' ? 'orderNew.shipper' : 'orderNew.consignee')}</h2>}>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name={[which, 'name']} label={t('orderNew.name')} rules={required()} {...status([which, 'name'])}>
            <Input maxLength={50} autoComplete="off" data-testid={`${which}-name-input`} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={[which, 'phone']} label={t('orderNew.phone')} rules={required()} {...status([which, 'phone'])}>
            <Input maxLength={40} inputMode="tel" autoComplete="off" data-testid={`${which}-phone-input`} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          {/* A validator, not `required`: that would put aria-required on the cascader's wrapper (axe aria-allowed-attr). */}
          <Form.Item name={[which, 'division']} label={requiredMark(t('orderNew.division'), { required: true })} {...status([which, 'division'])}
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('orderNew.required')))) }]}>
            <DivisionPicker testId={`${which}-division`} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name={[which, 'address']} label={t('orderNew.address')} rules={required()} {...status([which, 'address'])}>
            <Input maxLength={200} autoComplete="off" data-testid={`${which}-address-input`} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );

  const services = values.services ?? [];
  const serviceOptions = ORDER_SERVICES.filter((s) => s !== 'cod' || codShown)
    .map((s) => ({ value: s, label: <span data-testid={`service-${s}`}>{t(`order.service.${s}` as MessageKey)}</span> }));
  const result = quoteBody && !quote.isError ? quote.data ?? null : null;
  const busy = quoteBody !== null && (waiting || quote.isFetching);
  const quoteOther = !waiting && quoteBody && quote.error && (!(quote.error instanceof ApiError) || quote.error.fields.every((f) => !inputOf(f.field)));

  return (
    <div data-testid="new-order">
      <Form form={form} layout="vertical" requiredMark={requiredMark} name="order"
        initialValues={{ product: 'standard', services: [], goods: { pieces: '1', category: 'general' } }}
        onValuesChange={(_, all) => {
          setValues(all as Values);
          submitKey.current = null;        // another form: another order
          if (serverProblems.size) setServerProblems(new Map());
        }}
        onFinish={() => void submit()}>
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Row gutter={12}>
                  {!portal && (
                    <Col xs={24} md={12}>
                      <Form.Item name="customer_id" label={t('orderNew.customer')} htmlFor="order-customer"
                        rules={[{ required: true, message: t('orderNew.customerRequired') }]} {...status(['customer_id'])}>
                        <CustomerPicker id="order-customer" testId="order-customer" />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24} md={portal ? 12 : 6}>
                    <Form.Item name="product" label={t('orderNew.product')} {...status(['product'])}>
                      <Select data-testid="order-product" loading={products.isPending}
                        options={(products.data ?? [{ code: 'standard', name_zh: '标准快递', name_en: 'Standard' }]).map((p) => ({ value: p.code, label: lang === 'zh' ? p.name_zh : p.name_en }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={portal ? 12 : 6}>
                    <Form.Item name="ship_date" label={t('orderNew.shipDate')} tooltip={t('orderNew.shipDateHint')} {...status(['ship_date'])}>
                      <DatePicker style={{ width: '100%' }} placeholder={t('orderNew.shipDateHint')} data-testid="order-ship-date" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
              <Row gutter={16}>
                <Col xs={24} md={12}>{partyCard('shipper')}</Col>
                <Col xs={24} md={12}>{partyCard('consignee')}</Col>
              </Row>
              <Card size="small" title={<h2 className="order-card-title">{t('orderNew.goods')}</h2>}>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name={['goods', 'pieces']} label={t('orderNew.pieces')} {...status(['goods', 'pieces'])}>
                      <Input inputMode="numeric" autoComplete="off" data-testid="goods-pieces" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={['goods', 'weight']} label={t('orderNew.weight')} rules={required()} {...status(['goods', 'weight'])}>
                      <Input inputMode="decimal" suffix="kg" autoComplete="off" data-testid="goods-weight" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('orderNew.dimensions')} htmlFor="order_goods_length" {...status(['goods', 'length'])}>
                      <Space.Compact style={{ width: '100%' }}>
                        {(['length', 'width', 'height'] as const).map((side) => (
                          <Form.Item key={side} name={['goods', side]} noStyle>
                            <Input inputMode="numeric" aria-label={t(`orderNew.${side}` as MessageKey)} placeholder={t(`orderNew.${side}` as MessageKey)}
                              suffix="cm" autoComplete="off" data-testid={`goods-${side}`} />
                          </Form.Item>
                        ))}
                      </Space.Compact>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['goods', 'category']} label={t('orderNew.category')} {...status(['goods', 'category'])}>
                      <Select data-testid="goods-category" options={CATEGORIES.map((c) => ({ value: c, label: t(`order.category.${c}` as MessageKey) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['goods', 'description']} label={t('orderNew.description')} {...status(['goods', 'description'])}>
                      <Input maxLength={100} autoComplete="off" data-testid="goods-description" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['goods', 'declared_value']} label={t('orderNew.declaredValue')} {...status(['goods', 'declared_value'])}>
                      <Input inputMode="decimal" prefix="¥" autoComplete="off" data-testid="goods-declared-value" />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="services" label={t('orderNew.services')} {...status(['services'])}
                      extra={!portal && codAllowed === false ? t('orderNew.codNotAllowed') : !portal && codAllowed === null && values.customer_id ? t('orderNew.codUnknown') : undefined}>
                      <Checkbox.Group options={serviceOptions} />
                    </Form.Item>
                  </Col>
                  {services.includes('cod') && codShown && (
                    <Col xs={24} md={8}>
                      <Form.Item name="cod_amount" label={t('orderNew.codAmount')} rules={required()} {...status(['cod_amount'])}>
                        <Input inputMode="decimal" prefix="¥" autoComplete="off" data-testid="order-cod-amount" />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24} md={8}>
                    <Form.Item name="reference" label={t('orderNew.reference')} {...status(['reference'])}>
                      <Input maxLength={64} autoComplete="off" data-testid="order-reference" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={services.includes('cod') ? 8 : 16}>
                    <Form.Item name="notes" label={t('orderNew.notes')} {...status(['notes'])}>
                      <Input.TextArea rows={1} maxLength={500} data-testid="order-notes" />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
              {submitError !== null && <ErrorAlert error={submitError} testId="order-submit-error" />}
              <Button type="primary" htmlType="submit" size="large" loading={submitting} data-testid="order-submit">{t('orderNew.submit')}</Button>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Card size="small" title={<h2 className="order-card-title">{t('orderNew.quote')}</h2>} className="order-quote-card">
              <section aria-live="polite" aria-busy={busy} data-testid="order-quote" data-busy={busy ? 'yes' : 'no'}>
                {!quoteBody && <Typography.Text type="secondary" data-testid="order-quote-hint">{t('orderNew.quoteHint')}</Typography.Text>}
                {busy && !result && <Spin size="small" />}
                {quoteOther && <ErrorAlert error={quote.error} onRetry={() => void quote.refetch()} testId="order-quote-error" />}
                {!waiting && quoteBody && quote.error instanceof ApiError && quote.error.fields.some((f) => inputOf(f.field)) && (
                  <Alert type="warning" showIcon message={t('orderNew.quoteCannot')} description={t('orderNew.fixBelow')} />
                )}
                {result && (
                  <Space direction="vertical" style={{ width: '100%', opacity: busy ? 0.6 : 1 }}>
                    <Space wrap>
                      <Tag color={result.rate_card.kind === 'agreement' ? 'green' : 'blue'}>
                        {t(result.rate_card.kind === 'agreement' ? 'pricing.kind.agreement' : 'pricing.kind.published')}
                      </Tag>
                      <Typography.Text>{result.rate_card.name}</Typography.Text>
                      {busy && <Spin size="small" />}
                    </Space>
                    <Descriptions size="small" column={1}>
                      <Descriptions.Item label={t('order.price.zone')}>{lang === 'zh' ? result.zone_zh : result.zone_en}</Descriptions.Item>
                      <Descriptions.Item label={t('order.price.chargeable')}>{formatKg(result.chargeable_grams)}</Descriptions.Item>
                    </Descriptions>
                    <Table size="small" pagination={false} rowKey={(l) => l.code} dataSource={result.lines}
                      onRow={(l) => ({ 'data-testid': 'order-quote-line', 'data-code': l.code } as React.HTMLAttributes<HTMLElement>)}
                      columns={[
                        { title: t('order.price.line'), key: 'label', render: (_, l) => (
                          <>
                            <div>{lang === 'zh' ? l.label_zh : l.label_en}</div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{lang === 'zh' ? l.rule_zh : l.rule_en}</Typography.Text>
                          </>
                        ) },
                        { title: t('order.price.amount'), key: 'amount', align: 'right', width: 110, render: (_, l) => formatMoney(l.amount) },
                      ]}
                      summary={() => (
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0}><strong>{t('order.price.total')}</strong></Table.Summary.Cell>
                          <Table.Summary.Cell index={1} align="right"><strong data-testid="order-quote-total">{formatMoney(result.total)}</strong></Table.Summary.Cell>
                        </Table.Summary.Row>
                      )} />
                  </Space>
                )}
              </section>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
