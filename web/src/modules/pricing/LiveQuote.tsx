// 报价: a small form priced by POST /api/v1/quotes as it is filled in. The request goes out once the
// inputs have rested for a moment (debounced); a request whose inputs changed meanwhile is aborted
// (react-query cancels the query it no longer needs, through the fetch's AbortSignal). The answer is
// shown line by line — label, amount, the rule in the user's language — with the total and the card
// that priced it (协议价: the customer's agreement card; 公布价: the published one). A problem the
// server names by field (an unknown place, 重货 without dimensions) is shown at that input.
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Col, Descriptions, Empty, Form, Input, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, type FieldProblem } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { cny, SERVICES, type Quote, type QuoteLine, type QuoteRequest, type Service } from './api';
import { DivisionPicker } from './DivisionPicker';
import { formatFen, formatKg, kgToGrams, whole, yuanToFen } from '../../app/money';
import './pricing.css';

export interface LiveQuoteProps {
  customerId?: number | null;  // prices with this customer's agreement card when it has an active one
  product: string;             // service product code: standard, express, heavy
  cardId?: number;             // the card the caller is showing: a note says so when another one priced the quote
  priceWithCard?: boolean;     // staff: price with cardId itself, whatever its status (the draft being edited)
}

interface Values {
  origin?: string | null;
  destination?: string | null;
  weight?: string;
  length?: string;
  width?: string;
  height?: string;
  declared_value?: string;
  services?: Service[];
  cod_amount?: string;
  monthly_shipments?: string;
}

// The form's input named by a field of the API's answer (dimensions_cm.length → the dimensions).
const INPUT_OF: Record<string, string> = {
  origin: 'origin',
  destination: 'destination',
  weight_grams: 'weight',
  dimensions_cm: 'dimensions',
  declared_value: 'declared_value',
  cod_amount: 'cod_amount',
  monthly_shipments: 'monthly_shipments',
};
const inputOf = (field: string) => INPUT_OF[field.split(/[.[]/)[0]] ?? null;

const DEBOUNCE_MS = 350;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type LocalProblem = { input: string; key: MessageKey };

// The request the values make, or the inputs still missing / mistyped (checked here: the format of a
// number; every rule on the values is the server's).
function requestOf(v: Values, product: string, customerId: number | null | undefined, cardId: number | undefined):
  { body: QuoteRequest | null; problems: LocalProblem[] } {
  const problems: LocalProblem[] = [];
  const text = (s: string | undefined) => (s ?? '').trim();
  const grams = text(v.weight) ? kgToGrams(text(v.weight)) : null;
  if (text(v.weight) && grams === null) problems.push({ input: 'weight', key: 'pricing.badKg' });
  const sides = [v.length, v.width, v.height].map(text);
  let dimensions: QuoteRequest['dimensions_cm'];
  if (sides.some((s) => s)) {
    const [length, width, height] = sides.map((s) => (s ? whole(s) : null));
    if (sides.some((s) => !s)) problems.push({ input: 'dimensions', key: 'pricing.quote.allSides' });
    else if (length === null || width === null || height === null) problems.push({ input: 'dimensions', key: 'pricing.badWhole' });
    else dimensions = { length, width, height };
  }
  const money = (input: 'declared_value' | 'cod_amount') => {
    const s = text(v[input]);
    if (!s) return undefined;
    const fen = yuanToFen(s);
    if (fen === null) {
      problems.push({ input, key: 'pricing.badYuan' });
      return undefined;
    }
    return cny(fen);
  };
  const declared = money('declared_value');
  const services = v.services ?? [];
  const cod = services.includes('cod') ? money('cod_amount') : undefined;
  let monthly: number | undefined;
  if (text(v.monthly_shipments)) {
    const n = whole(text(v.monthly_shipments));
    if (n === null) problems.push({ input: 'monthly_shipments', key: 'pricing.badWhole' });
    else monthly = n;
  }
  if (!v.origin || !v.destination || grams === null || problems.length) return { body: null, problems };
  return {
    body: {
      product, origin: v.origin, destination: v.destination, weight_grams: grams,
      ...(dimensions ? { dimensions_cm: dimensions } : {}),
      ...(declared ? { declared_value: declared } : {}),
      services,
      ...(cod ? { cod_amount: cod } : {}),
      ...(monthly !== undefined ? { monthly_shipments: monthly } : {}),
      ...(customerId ? { customer_id: customerId } : {}),
      ...(cardId ? { rate_card_id: cardId } : {}),
    },
    problems,
  };
}

export function LiveQuote({ customerId, product, cardId, priceWithCard = false }: LiveQuoteProps) {
  const { t, lang, fieldMessage } = useI18n();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>({ services: [] });
  const named = priceWithCard ? cardId : undefined;
  const { body, problems } = useMemo(() => requestOf(values, product, customerId, named), [values, product, customerId, named]);
  const settled = useDebounced(body, DEBOUNCE_MS);
  const waiting = JSON.stringify(settled) !== JSON.stringify(body);

  const quote = useQuery({
    queryKey: ['quote', settled],
    queryFn: ({ signal }) => api<Quote>('POST', '/api/v1/quotes', { body: settled, signal }),
    enabled: settled !== null,
    retry: false,
    staleTime: 60_000,
  });

  // Problems by input: the server's (for the request on screen) and the ones found here.
  const serverProblems: FieldProblem[] = body && quote.error instanceof ApiError ? quote.error.fields.filter((f) => f.field) : [];
  const shown = new Map<string, string>();
  for (const p of problems) if (!shown.has(p.input)) shown.set(p.input, t(p.key));
  if (!waiting) for (const f of serverProblems) {
    const input = inputOf(f.field);
    if (input && !shown.has(input)) shown.set(input, fieldMessage(f));
  }
  const unplaced = waiting ? [] : serverProblems.filter((f) => !inputOf(f.field));
  const otherError = body && !waiting && quote.error && (!(quote.error instanceof ApiError) || quote.error.fields.every((f) => !f.field));

  const status = (input: string) => (shown.has(input) ? { validateStatus: 'error' as const, help: <span id={`quote-${input}-help`}>{shown.get(input)}</span> } : {});
  const described = (input: string) => (shown.has(input) ? { 'aria-invalid': true, 'aria-describedby': `quote-${input}-help` } : {});
  const services = values.services ?? [];
  const busy = body !== null && (waiting || quote.isFetching);
  // While the next answer is on its way the last one stays, dimmed; an error or missing input clears it.
  const result = body && !quote.isError ? quote.data ?? null : null;
  const stale = busy || quote.isPlaceholderData;

  return (
    <div className="live-quote" data-testid="live-quote">
      <Form form={form} layout="vertical" name="quote" initialValues={{ services: [] }} requiredMark={false}
        onValuesChange={(_, all) => setValues(all)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('pricing.quote.origin')} name="origin" {...status('origin')}>
              <DivisionPicker testId="quote-origin" {...described('origin')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('pricing.quote.destination')} name="destination" {...status('destination')}>
              <DivisionPicker testId="quote-destination" {...described('destination')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('pricing.quote.weight')} name="weight" {...status('weight')}>
              <Input inputMode="decimal" suffix="kg" data-testid="quote-weight" autoComplete="off" {...described('weight')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('pricing.quote.dimensions')} htmlFor="quote_length" {...status('dimensions')}>
              <Space.Compact style={{ width: '100%' }}>
                {(['length', 'width', 'height'] as const).map((side) => (
                  <Form.Item key={side} name={side} noStyle>
                    <Input inputMode="numeric" aria-label={t(`pricing.quote.${side}`)} placeholder={t(`pricing.quote.${side}.short`)}
                      suffix="cm" data-testid={`quote-${side}`} autoComplete="off" {...described('dimensions')} />
                  </Form.Item>
                ))}
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('pricing.quote.declaredValue')} name="declared_value" {...status('declared_value')}>
              <Input inputMode="decimal" prefix="¥" data-testid="quote-declared-value" autoComplete="off" {...described('declared_value')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('pricing.quote.monthly')} name="monthly_shipments" {...status('monthly_shipments')}
              tooltip={t('pricing.quote.monthlyHint')}>
              <Input inputMode="numeric" data-testid="quote-monthly" autoComplete="off" {...described('monthly_shipments')} />
            </Form.Item>
          </Col>
          {services.includes('cod') && (
            <Col xs={24} md={8}>
              <Form.Item label={t('pricing.quote.codAmount')} name="cod_amount" {...status('cod_amount')}>
                <Input inputMode="decimal" prefix="¥" data-testid="quote-cod-amount" autoComplete="off" {...described('cod_amount')} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item label={t('pricing.quote.services')} name="services">
              <Checkbox.Group options={SERVICES.map((s) => ({ value: s, label: <span data-testid={`quote-service-${s}`}>{t(`pricing.service.${s}`)}</span> }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>

      <section aria-live="polite" aria-busy={busy} aria-label={t('pricing.quote.result')} data-testid="quote-result" data-busy={busy ? 'yes' : 'no'}>
        {!body && (
          <Typography.Text type="secondary" data-testid="quote-hint">{t('pricing.quote.hint')}</Typography.Text>
        )}
        {busy && !result && <Spin size="small" />}
        {unplaced.length > 0 && (
          <Alert type="error" showIcon data-testid="quote-error" message={t('pricing.quote.cannot')}
            description={<ul className="plain-list">{unplaced.map((f, i) => <li key={i}>{f.field}: {fieldMessage(f)}</li>)}</ul>} />
        )}
        {otherError && <ErrorAlert error={quote.error} onRetry={() => void quote.refetch()} testId="quote-error" />}
        {result && <QuoteBreakdown quote={result} cardId={cardId} busy={stale} lang={lang} />}
      </section>
    </div>
  );
}

function QuoteBreakdown({ quote, cardId, busy, lang }: { quote: Quote; cardId?: number; busy: boolean; lang: 'zh' | 'en' }) {
  const { t } = useI18n();
  const agreement = quote.rate_card.kind === 'agreement';
  const label = (l: QuoteLine) => (lang === 'zh' ? l.label_zh : l.label_en);
  const rule = (l: QuoteLine) => (lang === 'zh' ? l.rule_zh : l.rule_en);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={agreement ? 'green' : 'blue'} data-testid="quote-card-kind" data-kind={quote.rate_card.kind}>
          {t(agreement ? 'pricing.kind.agreement' : 'pricing.kind.published')}
        </Tag>
        <Typography.Text data-testid="quote-card-name">{quote.rate_card.name}</Typography.Text>
        {busy && <Spin size="small" />}
      </Space>
      {cardId !== undefined && quote.rate_card.id !== cardId && (
        <Alert type="info" showIcon data-testid="quote-other-card" message={t('pricing.quote.otherCard')} />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} data-testid="quote-weights">
        <Descriptions.Item label={t('pricing.quote.zone')}>{lang === 'zh' ? quote.zone_zh : quote.zone_en}</Descriptions.Item>
        <Descriptions.Item label={t('pricing.quote.actual')}>{formatKg(quote.actual_grams)}</Descriptions.Item>
        {quote.volumetric_grams !== null && (
          <Descriptions.Item label={t('pricing.quote.volumetric')}>{formatKg(quote.volumetric_grams)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('pricing.quote.chargeable')}>
          <span data-testid="quote-chargeable">{formatKg(quote.chargeable_grams)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey={(l) => l.code}
        dataSource={quote.lines}
        scroll={{ x: 560 }}
        locale={{ emptyText: <Empty description={t('pricing.quote.noLines')} /> }}
        onRow={(l) => ({ 'data-testid': 'quote-line', 'data-code': l.code } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('pricing.quote.item'), key: 'label', render: (_, l) => label(l), width: 150 },
          { title: t('pricing.quote.amount'), key: 'amount', align: 'right', width: 110,
            render: (_, l) => <span data-testid="quote-line-amount" className="money">{formatFen(l.amount.amount_minor)}</span> },
          { title: t('pricing.quote.rule'), key: 'rule', render: (_, l) => <span data-testid="quote-line-rule">{rule(l)}</span> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('pricing.quote.total')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="quote-total" className="money">{formatFen(quote.total.amount_minor)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}
