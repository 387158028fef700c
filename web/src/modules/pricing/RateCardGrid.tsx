// 运价表: one rate card as a grid — the general rules (rounding, minimum charge, remote surcharge),
// a row per weight band of each zone (同城 省内 邻省 跨省 偏远) with 首重 and 续重, the value-added fees
// and the discount tiers by monthly volume. A draft is edited in place and saved whole
// (PUT /api/v1/rate-cards/{id} with If-Match); every problem the server names by path
// ("zones[2].bands[1].from_grams" band_gap) is shown at that cell and listed above the save button.
// Amounts are typed in yuan, rates in percent, weights in kg, and converted exactly (units.ts).
import { DeleteOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, ifMatch, type FieldProblem } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { cardChanged, ROUNDINGS, useProducts, useRateCard, type RateCard } from './api';
import { kindOf, nextBand, PARSE, parsePath, pathName, toPrices, toValues, type BandValues, type CardValues, type Kind, type Path, type TierValues } from './cardForm';
import { formatFen } from '../../app/money';
import './pricing.css';

export interface RateCardGridProps {
  cardId: number;
  editable?: boolean;                          // edit when the card is a draft and the user may write cards
  onDirtyChange?: (dirty: boolean) => void;     // unsaved edits (the page holds its other actions back)
}

const STATUS_COLOR = { draft: 'gold', active: 'green', ended: 'default' } as const;

export function RateCardGrid({ cardId, editable = false, onDirtyChange }: RateCardGridProps) {
  const query = useRateCard(cardId);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="card-error" />;
  if (!query.data) return <Spin data-testid="card-loading" />;
  const { card, version } = query.data;
  return (
    <CardForm key={`${card.id}-${version}`} card={card} version={version} editable={editable}
      onDirtyChange={onDirtyChange} onReload={() => void query.refetch()} />
  );
}

// The card's heading: name, kind, product, status and dates.
export function CardHeading({ card }: { card: RateCard }) {
  const { t, lang } = useI18n();
  const products = useProducts();
  const product = products.data?.find((p) => p.code === card.product);
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="card-heading">
      <Descriptions.Item label={t('pricing.card.kind')}>
        <Tag color={card.kind === 'agreement' ? 'green' : 'blue'}>{t(`pricing.kind.${card.kind}`)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('pricing.card.product')}>{product ? (lang === 'zh' ? product.name_zh : product.name_en) : card.product}</Descriptions.Item>
      <Descriptions.Item label={t('pricing.card.status')}>
        <Tag color={STATUS_COLOR[card.status]} data-testid="card-status" data-status={card.status}>{t(`pricing.status.${card.status}`)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('pricing.card.validity')}>
        {card.valid_from ? `${card.valid_from} ~ ${card.valid_to ?? t('pricing.card.open')}` : t('pricing.card.notActive')}
      </Descriptions.Item>
    </Descriptions>
  );
}

interface FormProps {
  card: RateCard;
  version: number;
  editable: boolean;
  onDirtyChange?: (dirty: boolean) => void;
  onReload: () => void;
}

function CardForm({ card, version, editable: wanted, onDirtyChange, onReload }: FormProps) {
  const { t, lang, fieldMessage } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CardValues>();
  const editable = wanted && card.status === 'draft' && can('rate_cards.write');
  const initial = useMemo(() => toValues(card), [card]);
  const [dirty, setDirtyState] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [serverFields, setServerFields] = useState<FieldProblem[]>([]);
  const [stale, setStale] = useState(false);
  const dirtyListener = useRef(onDirtyChange);
  dirtyListener.current = onDirtyChange;
  const setDirty = (d: boolean) => {
    setDirtyState(d);
    dirtyListener.current?.(d);
  };
  useEffect(() => () => dirtyListener.current?.(false), []);

  // preserve: the zone of a row is no field of its own (the watch would leave it out).
  const zones = (Form.useWatch('zones', { form, preserve: true }) as CardValues['zones'] | undefined) ?? initial.zones;
  const discounts = (Form.useWatch('discounts', { form, preserve: true }) as TierValues[] | undefined) ?? initial.discounts;

  // A field the server names, as the form's field that shows it: the path itself, or the nearest
  // field above it ("first_price.amount_minor" → first_price); null when no cell holds it.
  const fieldFor = (field: string): Path | null => {
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const path = parsePath(field);
    for (let n = path.length; n > 0; n--) if (registered.has(JSON.stringify(path.slice(0, n)))) return path.slice(0, n);
    return null;
  };
  const showServerFields = (problems: FieldProblem[]) => {
    const placed = problems.map((f) => ({ f, at: fieldFor(f.field) })).filter((x): x is { f: FieldProblem; at: Path } => x.at !== null);
    form.setFields(placed.map(({ f, at }) => ({ name: at as never, errors: [fieldMessage(f)] })));
  };
  // The server's messages follow the language.
  const firstLang = useRef(true);
  useEffect(() => {
    if (firstLang.current) {
      firstLang.current = false;
      return;
    }
    if (serverFields.length) showServerFields(serverFields);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  // The words for a path: "跨省 · 第 2 段 · 起始重量".
  const fieldTitle = (field: string) => {
    const path = parsePath(field);
    const words: string[] = [];
    for (let i = 0; i < path.length; i++) {
      const p = path[i];
      if (p === 'zones' && typeof path[i + 1] === 'number') {
        const zone = zones[path[i + 1] as number]?.zone;
        words.push(zone ? t(`pricing.zone.${zone}`) : `${t('pricing.card.zones')} ${(path[i + 1] as number) + 1}`);
        i++;
      } else if (p === 'bands' && typeof path[i + 1] === 'number') {
        words.push(t('pricing.card.bandN', { n: (path[i + 1] as number) + 1 }));
        i++;
      } else if (p === 'discounts' && typeof path[i + 1] === 'number') {
        words.push(t('pricing.card.tierN', { n: (path[i + 1] as number) + 1 }));
        i++;
      } else if (typeof p === 'string') {
        const key = `pricing.field.${p}`;
        words.push(key in FIELD_KEYS ? t(key as MessageKey) : p);
      }
    }
    return words.join(' · ');
  };

  const goTo = (field: string) => {
    const at = fieldFor(field);
    if (!at) return;
    const el = document.querySelector<HTMLElement>(`[data-testid="cell-${CSS.escape(pathName(at))}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      message.error(t('pricing.card.fixCells'));
      return;
    }
    const values = form.getFieldsValue(true) as CardValues;
    setSaving(true);
    setSaveError(null);
    setServerFields([]);
    try {
      const saved = await api<RateCard>('PUT', `/api/v1/rate-cards/${card.id}`, { body: toPrices(values), headers: ifMatch(version) });
      setDirty(false);
      message.success(t('pricing.card.saved'));
      cardChanged(queryClient, saved);
    } catch (e) {
      setSaveError(e);
      if (e instanceof ApiError && (e.status === 412 || e.status === 428)) {
        setStale(true);
      } else if (e instanceof ApiError && e.fields.some((f) => f.field)) {
        const withField = e.fields.filter((f) => f.field);
        setServerFields(withField);
        showServerFields(withField);
        message.error(t('pricing.card.fixCells'));
      }
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    form.resetFields();
    setServerFields([]);
    setSaveError(null);
    setDirty(false);
  };

  const changeList = (name: Path, next: unknown[]) => {
    form.setFieldValue(name as never, next as never);
    setDirty(true);
  };
  const addBand = (zi: number) => {
    const bands = (form.getFieldValue(['zones', zi, 'bands']) ?? []) as BandValues[];
    changeList(['zones', zi, 'bands'], [...bands, nextBand(bands[bands.length - 1])]);
  };
  const removeBand = (zi: number, bi: number) => {
    const bands = (form.getFieldValue(['zones', zi, 'bands']) ?? []) as BandValues[];
    changeList(['zones', zi, 'bands'], bands.filter((_, k) => k !== bi));
  };
  const addTier = () => {
    const tiers = (form.getFieldValue('discounts') ?? []) as TierValues[];
    changeList(['discounts'], [...tiers, { min_monthly_shipments: '', discount_bp: '' }]);
  };
  const removeTier = (i: number) => {
    const tiers = (form.getFieldValue('discounts') ?? []) as TierValues[];
    changeList(['discounts'], tiers.filter((_, k) => k !== i));
  };

  const cell = (name: Path, label: string) => <Cell name={name} label={label} editable={editable} />;
  const zoneName = (zi: number) => t(`pricing.zone.${zones[zi]?.zone ?? 'same_city'}`);
  const bandLabel = (zi: number, bi: number, column: MessageKey) => `${zoneName(zi)} ${t('pricing.card.bandN', { n: bi + 1 })} ${t(column)}`;

  const rows = zones.flatMap((z, zi) => (z.bands ?? []).map((_, bi) => ({ key: `${zi}-${bi}`, zi, bi, count: (z.bands ?? []).length })));
  const bandColumn = (field: keyof BandValues, title: MessageKey) => ({
    title: t(title),
    key: field,
    width: 118,
    render: (_: unknown, r: (typeof rows)[number]) => cell(['zones', r.zi, 'bands', r.bi, field], bandLabel(r.zi, r.bi, title)),
  });

  return (
    <Form form={form} name="card" initialValues={initial} onValuesChange={() => { if (!dirty) setDirty(true); }}
      className="rate-card-grid" data-testid="rate-card-grid" data-editable={editable ? 'yes' : 'no'}
      onFinish={() => void save()}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <CardHeading card={card} />
        {wanted && !editable && card.status !== 'draft' && (
          <Alert type="info" showIcon data-testid="card-not-draft" message={t('pricing.card.notDraft')} />
        )}

        <Card size="small" title={t('pricing.card.general')}>
          <Row gutter={16}>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label={t('pricing.field.name')} name="name" rules={editable ? [{ required: true, whitespace: true, message: t('reason.required') }, { max: 100, message: t('reason.too_long') }] : []}>
                {editable ? <Input data-testid="cell-name" maxLength={100} /> : <Shown kind="text" testId="cell-name" />}
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item label={t('pricing.field.rounding')} name="rounding">
                {editable ? (
                  <Radio.Group data-testid="cell-rounding" options={ROUNDINGS.map((r) => ({ value: r, label: t(`pricing.rounding.${r}`) }))} optionType="button" />
                ) : <Shown kind="rounding" testId="cell-rounding" />}
              </Form.Item>
            </Col>
            <Col xs={12} md={12} lg={6}>
              <LabelledCell name={['minimum_charge']} label={t('pricing.field.minimum_charge')} editable={editable} />
            </Col>
            <Col xs={12} md={12} lg={6}>
              <LabelledCell name={['remote_surcharge']} label={t('pricing.field.remote_surcharge')} editable={editable} />
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('pricing.card.zones')}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('pricing.card.zonesHint')}</Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            bordered
            rowKey="key"
            dataSource={rows}
            scroll={{ x: 900 }}
            data-testid="zone-table"
            onRow={(r) => ({ 'data-testid': 'band-row', 'data-zone': zones[r.zi]?.zone, 'data-band': r.bi } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: t('pricing.card.zone'),
                key: 'zone',
                width: 120,
                fixed: 'left',
                onCell: (r) => ({ rowSpan: r.bi === 0 ? r.count : 0 }),
                render: (_, r) => (
                  <Space direction="vertical" size={4}>
                    <Typography.Text strong>{zoneName(r.zi)}</Typography.Text>
                    {editable && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => addBand(r.zi)} data-testid={`add-band-${r.zi}`}
                        disabled={r.count >= 20}>
                        {t('pricing.card.addBand')}
                      </Button>
                    )}
                  </Space>
                ),
              },
              bandColumn('from_grams', 'pricing.field.from_grams'),
              bandColumn('to_grams', 'pricing.field.to_grams'),
              bandColumn('first_grams', 'pricing.field.first_grams'),
              bandColumn('first_price', 'pricing.field.first_price'),
              bandColumn('step_grams', 'pricing.field.step_grams'),
              bandColumn('step_price', 'pricing.field.step_price'),
              ...(editable ? [{
                title: <span className="visually-hidden">{t('pricing.card.actions')}</span>,
                key: 'actions',
                width: 56,
                render: (_: unknown, r: (typeof rows)[number]) => (
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={r.count <= 1}
                    aria-label={t('pricing.card.removeBand', { band: `${zoneName(r.zi)} ${t('pricing.card.bandN', { n: r.bi + 1 })}` })}
                    onClick={() => removeBand(r.zi, r.bi)} data-testid={`remove-band-${r.zi}-${r.bi}`} />
                ),
              }] : []),
            ]}
          />
        </Card>

        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('pricing.card.fees')} style={{ height: '100%' }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                data-testid="fee-table"
                dataSource={[
                  { key: 'insured', rate: ['fees', 'insured', 'rate_bp'], amount: ['fees', 'insured', 'minimum'] },
                  { key: 'cod', rate: ['fees', 'cod', 'rate_bp'], amount: ['fees', 'cod', 'minimum'] },
                  { key: 'signed_receipt', rate: null, amount: ['fees', 'signed_receipt'] },
                  { key: 'packaging', rate: null, amount: ['fees', 'packaging'] },
                ] as { key: 'insured' | 'cod' | 'signed_receipt' | 'packaging'; rate: Path | null; amount: Path }[]}
                columns={[
                  { title: t('pricing.card.fee'), key: 'fee', render: (_, r) => t(`pricing.service.${r.key}`) },
                  { title: t('pricing.card.rate'), key: 'rate', width: 120,
                    render: (_, r) => (r.rate ? cell(r.rate, `${t(`pricing.service.${r.key}`)} ${t('pricing.card.rate')}`) : <span aria-hidden="true">—</span>) },
                  { title: t('pricing.card.minimumOrFee'), key: 'amount', width: 130,
                    render: (_, r) => cell(r.amount, `${t(`pricing.service.${r.key}`)} ${t(r.rate ? 'pricing.card.minimum' : 'pricing.card.perShipment')}`) },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('pricing.card.discounts')} style={{ height: '100%' }}
              extra={editable ? <Button size="small" icon={<PlusOutlined />} onClick={addTier} disabled={discounts.length >= 10} data-testid="add-tier">{t('pricing.card.addTier')}</Button> : null}>
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                data-testid="discount-table"
                dataSource={discounts.map((d, i) => ({ ...d, i }))}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pricing.card.noDiscounts')} /> }}
                columns={[
                  { title: t('pricing.field.min_monthly_shipments'), key: 'min',
                    render: (_, d) => cell(['discounts', d.i, 'min_monthly_shipments'], `${t('pricing.card.tierN', { n: d.i + 1 })} ${t('pricing.field.min_monthly_shipments')}`) },
                  { title: t('pricing.field.discount_bp'), key: 'bp', width: 130,
                    render: (_, d) => cell(['discounts', d.i, 'discount_bp'], `${t('pricing.card.tierN', { n: d.i + 1 })} ${t('pricing.field.discount_bp')}`) },
                  ...(editable ? [{
                    title: <span className="visually-hidden">{t('pricing.card.actions')}</span>,
                    key: 'actions',
                    width: 56,
                    render: (_: unknown, d: { i: number }) => (
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => removeTier(d.i)}
                        aria-label={t('pricing.card.removeTier', { n: d.i + 1 })} data-testid={`remove-tier-${d.i}`} />
                    ),
                  }] : []),
                ]}
              />
            </Card>
          </Col>
        </Row>

        {editable && (
          <div className="card-save-bar" data-testid="card-save-bar">
            {stale && (
              <Alert type="warning" showIcon data-testid="card-stale" message={t('pricing.card.stale')}
                action={<Button size="small" onClick={onReload} data-testid="card-reload">{t('common.reload')}</Button>} />
            )}
            {saveError !== null && !stale && (serverFields.length > 0 ? (
              <div role="alert" data-testid="card-errors" className="card-errors">
                <div><ExclamationCircleOutlined /> {t('pricing.card.errorsCount', { n: serverFields.length })}</div>
                <ul>
                  {serverFields.map((f, i) => (
                    <li key={i}>
                      <Button type="link" danger size="small" className="card-error-link" onClick={() => goTo(f.field)} data-testid="card-error-link"
                        data-field={f.field}>
                        {fieldTitle(f.field)}: {fieldMessage(f)}
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : <ErrorAlert error={saveError} testId="card-save-error" />)}
            <Space wrap>
              <Typography.Text data-testid="card-dirty" data-dirty={dirty ? 'yes' : 'no'}>
                {dirty ? t('pricing.card.unsaved') : t('pricing.card.noChanges')}
              </Typography.Text>
              <Button onClick={discard} disabled={!dirty || saving} data-testid="card-discard">{t('pricing.card.discard')}</Button>
              <Button type="primary" htmlType="submit" loading={saving} disabled={stale} data-testid="card-save">{t('common.save')}</Button>
            </Space>
          </div>
        )}
      </Space>
    </Form>
  );
}

// The names fieldTitle may translate (pricing.field.<name>).
const FIELD_KEYS: Record<string, true> = Object.fromEntries(
  ['name', 'rounding', 'minimum_charge', 'remote_surcharge', 'from_grams', 'to_grams', 'first_grams', 'first_price', 'step_grams',
    'step_price', 'rate_bp', 'minimum', 'signed_receipt', 'packaging', 'insured', 'cod', 'fees', 'min_monthly_shipments', 'discount_bp', 'zone', 'bands']
    .map((k) => [`pricing.field.${k}`, true]));

// One cell of the grid: an input in the unit of its field (editable) or the value as text.
function Cell({ name, label, editable }: { name: Path; label: string; editable: boolean }) {
  const { t } = useI18n();
  const kind = kindOf(name);
  const testId = `cell-${pathName(name)}`;
  const rules = editable ? [{
    validator: (_: unknown, value: string | undefined) => {
      const text = (value ?? '').trim();
      if (!text) return Promise.reject(new Error(t('reason.required')));
      return PARSE[kind](text) === null ? Promise.reject(new Error(t(FORMAT_HINT[kind]))) : Promise.resolve();
    },
  }] : [];
  return (
    <Form.Item name={name} rules={rules} className="grid-cell">
      {editable ? (
        <Input size="small" aria-label={label} data-testid={testId} autoComplete="off"
          inputMode={kind === 'count' ? 'numeric' : 'decimal'}
          prefix={kind === 'yuan' ? '¥' : undefined}
          suffix={kind === 'kg' ? 'kg' : kind === 'percent' ? '%' : undefined} />
      ) : <Shown kind={kind} testId={testId} />}
    </Form.Item>
  );
}

// A cell with its own visible label (the general rules).
function LabelledCell({ name, label, editable }: { name: Path; label: string; editable: boolean }) {
  const { t } = useI18n();
  const kind = kindOf(name);
  return (
    <Form.Item label={label} name={name} rules={editable ? [{
      validator: (_: unknown, value: string | undefined) => {
        const text = (value ?? '').trim();
        if (!text) return Promise.reject(new Error(t('reason.required')));
        return PARSE[kind](text) === null ? Promise.reject(new Error(t(FORMAT_HINT[kind]))) : Promise.resolve();
      },
    }] : []}>
      {editable ? <Input data-testid={`cell-${pathName(name)}`} inputMode="decimal" prefix="¥" autoComplete="off" />
        : <Shown kind={kind} testId={`cell-${pathName(name)}`} />}
    </Form.Item>
  );
}

const FORMAT_HINT: Record<Kind, MessageKey> = {
  yuan: 'pricing.badYuan', kg: 'pricing.badKg', percent: 'pricing.badPercent', count: 'pricing.badWhole',
};

// A value as text, in its unit.
function Shown({ value, kind, testId }: { value?: string; kind: Kind | 'text' | 'rounding'; testId: string; id?: string }) {
  const { t } = useI18n();
  let text: ReactNode = value ?? '';
  if (kind === 'yuan') {
    const fen = PARSE.yuan(value ?? '');
    text = fen === null ? value : formatFen(fen);
  } else if (kind === 'kg') text = `${value} kg`;
  else if (kind === 'percent') text = `${value}%`;
  else if (kind === 'rounding' && value) text = t(`pricing.rounding.${value as 'half_kg' | 'one_kg'}`);
  return <span data-testid={testId} className={kind === 'yuan' ? 'money' : undefined}>{text}</span>;
}
