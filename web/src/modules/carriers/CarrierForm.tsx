// 新建 / 编辑承运商: who the carrier is, where it goes (provinces, or single cities, picked from the
// division tree), what it carries and how much a day, its rates to us and promised transit hours per
// product and zone (amounts in yuan, weights in kg, reaching the API exactly as fen and grams), what it
// declares and whom to call. An edit sends the revision it started from (If-Match); a refusal is shown
// at its field, a rate's at its cell. Status changes only by suspend and resume, on the carrier's page.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Space, Spin, Table, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, type FieldProblem } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { bpToPercentText, fenToYuanText, gramsToKgText, kgToGrams, rateToBp, whole, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/pageHead';
import { useDivisions } from '../customers/formParts';
import { cny, useProducts, ZONES, type Zone } from '../pricing/api';
import { carrierChanged, createCarrier, updateCarrier, useCarrier } from './api';
import { KINDS, type Carrier, type CarrierInput, type CarrierKind } from './model';
import './carriers.css';

interface Cell { first_kg?: string; first_price?: string; step_kg?: string; step_price?: string; hours?: string }
type Grid = Record<string, Partial<Record<Zone, Cell>>>;
interface ContactValues { name?: string; role?: string; phone?: string; email?: string }
interface Values {
  code: string;
  name_zh: string;
  name_en?: string;
  kind: CarrierKind;
  coverage: string[];
  products: string[];
  capacity_orders?: number | null;
  capacity_kg?: string;
  on_time?: string;
  damage?: string;
  scan?: string;
  grid?: Grid;
  contacts?: ContactValues[];
}

function valuesOf(c: Carrier): Values {
  const grid: Grid = {};
  const cell = (p: string, z: Zone) => {
    grid[p] = grid[p] ?? {};
    grid[p][z] = grid[p][z] ?? {};
    return grid[p][z] as Cell;
  };
  for (const r of c.rates) {
    Object.assign(cell(r.product, r.zone), {
      first_kg: gramsToKgText(r.first_grams), first_price: fenToYuanText(r.first_price.amount_minor),
      step_kg: gramsToKgText(r.step_grams), step_price: fenToYuanText(r.step_price.amount_minor),
    });
  }
  for (const x of c.transit) if ((ZONES as readonly string[]).includes(x.zone)) cell(x.product, x.zone as Zone).hours = String(x.hours);
  return {
    code: c.code, name_zh: c.name_zh, name_en: c.name_en, kind: c.kind, coverage: c.coverage, products: c.products,
    capacity_orders: c.daily_capacity_orders, capacity_kg: gramsToKgText(c.daily_capacity_grams),
    on_time: bpToPercentText(c.declared.on_time_bp), damage: bpToPercentText(c.declared.damage_bp),
    scan: bpToPercentText(c.declared.scan_completeness_bp), grid, contacts: c.contacts,
  };
}

const EMPTY: Values = { code: '', name_zh: '', name_en: '', kind: 'subcontracted', coverage: [], products: ['standard'],
  capacity_orders: null, capacity_kg: '', on_time: '95', damage: '0.2', scan: '95', grid: {}, contacts: [{}] };

// Where each entry of the rates and transit arrays came from, so a refusal lands at its cell.
interface Sent { input: CarrierInput; rateCells: [string, Zone][]; transitCells: [string, Zone][] }

function toInput(v: Values): Sent {
  const rateCells: [string, Zone][] = [];
  const transitCells: [string, Zone][] = [];
  const rates: CarrierInput['rates'] = [];
  const transit: CarrierInput['transit'] = [];
  for (const p of v.products) {
    for (const z of ZONES) {
      const c = v.grid?.[p]?.[z] ?? {};
      if ((c.first_price ?? '').trim() !== '') {
        rates.push({
          product: p, zone: z,
          first_grams: kgToGrams(c.first_kg?.trim() || '1') ?? 0,
          first_price: cny(yuanToFen(c.first_price ?? '') ?? 0),
          step_grams: kgToGrams(c.step_kg?.trim() || '1') ?? 0,
          step_price: cny(yuanToFen(c.step_price?.trim() || '0') ?? 0),
        });
        rateCells.push([p, z]);
      }
      if ((c.hours ?? '').trim() !== '') {
        transit.push({ product: p, zone: z, hours: whole(c.hours ?? '') ?? 0 });
        transitCells.push([p, z]);
      }
    }
  }
  return {
    input: {
      code: v.code.trim().toUpperCase(),
      name_zh: v.name_zh.trim(),
      name_en: (v.name_en ?? '').trim(),
      kind: v.kind,
      coverage: v.coverage,
      products: v.products,
      daily_capacity_orders: v.capacity_orders ?? 0,
      daily_capacity_grams: kgToGrams(v.capacity_kg ?? '') ?? 0,
      rates,
      transit,
      declared: {
        on_time_bp: rateToBp(v.on_time ?? '') ?? 0,
        damage_bp: rateToBp(v.damage ?? '') ?? 0,
        scan_completeness_bp: rateToBp(v.scan ?? '') ?? 0,
      },
      contacts: (v.contacts ?? []).filter((c) => (c.name ?? '').trim() !== '')
        .map((c) => ({ name: (c.name ?? '').trim(), role: (c.role ?? '').trim(), phone: (c.phone ?? '').trim(), email: (c.email ?? '').trim() })),
    },
    rateCells,
    transitCells,
  };
}

// The form field an API field names ("rates[2].first_price" → the cell it was sent from).
function fieldOf(field: string, sent: Sent): (string | number)[] | null {
  const top: Record<string, string> = {
    code: 'code', name_zh: 'name_zh', name_en: 'name_en', kind: 'kind', coverage: 'coverage', products: 'products',
    daily_capacity_orders: 'capacity_orders', daily_capacity_grams: 'capacity_kg', 'declared.on_time_bp': 'on_time',
    'declared.damage_bp': 'damage', 'declared.scan_completeness_bp': 'scan',
  };
  if (top[field]) return [top[field]];
  let m = /^coverage\[\d+\]/.exec(field);
  if (m) return ['coverage'];
  m = /^products\[\d+\]/.exec(field);
  if (m) return ['products'];
  m = /^rates\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) {
    const cell = sent.rateCells[Number(m[1])];
    const column: Record<string, string> = { first_grams: 'first_kg', first_price: 'first_price', step_grams: 'step_kg', step_price: 'step_price' };
    if (cell && column[m[2]]) return ['grid', cell[0], cell[1], column[m[2]]];
  }
  m = /^transit\[(\d+)\]\.hours$/.exec(field);
  if (m) {
    const cell = sent.transitCells[Number(m[1])];
    if (cell) return ['grid', cell[0], cell[1], 'hours'];
  }
  m = /^contacts\[(\d+)\]\.(name|role|phone|email)$/.exec(field);
  if (m) return ['contacts', Number(m[1]), m[2]];
  return null;
}

function RatesGrid({ products }: { products: string[] }) {
  const { t, lang } = useI18n();
  const all = useProducts();
  const yuan = (value: string | undefined) => (value === undefined || value.trim() === '' || yuanToFen(value) !== null && (yuanToFen(value) ?? -1) >= 0);
  const cell = (p: string, z: Zone, key: keyof Cell, check: (v: string | undefined) => boolean, placeholder: string, width = 90) => (
    <Form.Item name={['grid', p, z, key]} style={{ marginBottom: 0 }}
      rules={[{ validator: async (_, v: string | undefined) => { if (!check(v)) throw new Error(t('carrierForm.badNumber')); } }]}>
      <Input style={{ width }} placeholder={placeholder} aria-label={`${p} ${t(`pricing.zone.${z}` as 'pricing.zone.remote')} ${t(`carrierForm.cell.${key}` as 'carrierForm.cell.hours')}`}
        data-testid={`rate-${p}-${z}-${key}`} />
    </Form.Item>
  );
  const kg = (v: string | undefined) => v === undefined || v.trim() === '' || (kgToGrams(v) ?? 0) > 0;
  const hours = (v: string | undefined) => v === undefined || v.trim() === '' || (whole(v) ?? 0) > 0;
  if (products.length === 0) return <Typography.Text type="secondary">{t('carrierForm.pickProducts')}</Typography.Text>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {products.map((p) => {
        const name = all.data?.find((x) => x.code === p);
        return (
          <div key={p}>
            <Typography.Title level={3} style={{ fontSize: 15 }}>{name ? (lang === 'zh' ? name.name_zh : name.name_en) : p}</Typography.Title>
            <Table size="small" pagination={false} rowKey={(z) => z} dataSource={[...ZONES]} scroll={{ x: 640 }}
              columns={[
                { title: t('carrier.col.zone'), key: 'zone', width: 100, render: (_, z: Zone) => t(`pricing.zone.${z}` as 'pricing.zone.remote') },
                { title: t('carrierForm.cell.first_kg'), key: 'first_kg', render: (_, z: Zone) => cell(p, z, 'first_kg', kg, '1', 70) },
                { title: t('carrierForm.cell.first_price'), key: 'first_price', render: (_, z: Zone) => cell(p, z, 'first_price', yuan, '¥') },
                { title: t('carrierForm.cell.step_kg'), key: 'step_kg', render: (_, z: Zone) => cell(p, z, 'step_kg', kg, '1', 70) },
                { title: t('carrierForm.cell.step_price'), key: 'step_price', render: (_, z: Zone) => cell(p, z, 'step_price', yuan, '¥') },
                { title: t('carrierForm.cell.hours'), key: 'hours', render: (_, z: Zone) => cell(p, z, 'hours', hours, 'h', 70) },
              ]} />
          </div>
        );
      })}
    </Space>
  );
}

function CarrierFormBody({ carrier, revision }: { carrier: Carrier | null; revision: number | null }) {
  const { t, lang, fieldMessage } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const divisions = useDivisions();
  const products = useProducts();
  const chosen = (Form.useWatch('products', form) as string[] | undefined) ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<FieldProblem[]>([]);
  const tree = useMemo(() => (divisions.data ?? []).map((p) => ({
    title: p.name, value: p.code, key: p.code,
    children: (p.children ?? []).map((c) => ({ title: c.name, value: c.code, key: c.code })),
  })), [divisions.data]);
  const percent = (v: string | undefined) => v === undefined || v.trim() === '' || rateToBp(v) !== null && (rateToBp(v) ?? 0) <= 10000;

  const save = async (values: Values) => {
    setBusy(true);
    setError(null);
    setUnplaced([]);
    const sent = toInput(values);
    try {
      const answer = carrier && revision !== null
        ? await updateCarrier(carrier.id, revision, sent.input)
        : await createCarrier(sent.input);
      carrierChanged(queryClient, answer);
      message.success(t(carrier ? 'carrierForm.saved' : 'carrierForm.created'));
      navigate(`/carriers/${answer.body.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const placed = e.fields.map((f) => ({ f, name: fieldOf(f.field, sent) }));
        form.setFields(placed.filter((x) => x.name).map((x) => ({ name: x.name as never, errors: [fieldMessage(x.f)] })));
        setUnplaced(placed.filter((x) => !x.name).map((x) => x.f));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!divisions.data || !products.data) return <Spin />;
  return (
    <Form<Values> form={form} layout="vertical" initialValues={carrier ? valuesOf(carrier) : EMPTY} onFinish={(v) => void save(v)}
      data-testid="carrier-form" scrollToFirstError>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={<h2 className="carrier-card-title">{t('carrierForm.who')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="code" label={t('carrierForm.code')} extra={t('carrierForm.codeHint')} rules={[{ required: true, message: t('reason.required') }]}>
                <Input maxLength={20} data-testid="carrier-code-input" style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="name_zh" label={t('carrierForm.nameZh')} rules={[{ required: true, message: t('reason.required') }]}>
                <Input maxLength={100} data-testid="carrier-name-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="name_en" label={t('carrierForm.nameEn')}>
                <Input maxLength={100} data-testid="carrier-name-en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label={t('carrierForm.kind')}>
                <Radio.Group data-testid="carrier-kind" options={KINDS.map((k) => ({ value: k, label: t(`enum.carrier_kind.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={<h2 className="carrier-card-title">{t('carrierForm.where')}</h2>}>
          {/* Required by a validator, not `required`: antd would put aria-required on the select's wrapper, where
              ARIA does not allow it. */}
          <Form.Item name="coverage" label={t('carrierForm.coverage')} extra={t('carrierForm.coverageHint')} htmlFor="carrier-coverage"
            rules={[{ validator: async (_, v: string[] | undefined) => { if (!v || v.length === 0) throw new Error(t('carrierForm.coverageRequired')); } }]}>
            <TreeSelect treeData={tree} treeCheckable showCheckedStrategy={TreeSelect.SHOW_PARENT} showSearch treeNodeFilterProp="title"
              placeholder={t('carrierForm.coveragePlaceholder')} maxTagCount={12} style={{ width: '100%' }} data-testid="carrier-coverage"
              id="carrier-coverage" />
          </Form.Item>
        </Card>

        <Card size="small" title={<h2 className="carrier-card-title">{t('carrierForm.what')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="products" label={t('carrierForm.products')}
                rules={[{ validator: async (_, v: string[] | undefined) => { if (!v || v.length === 0) throw new Error(t('reason.required')); } }]}>
                <Checkbox.Group data-testid="carrier-products-input"
                  options={(products.data ?? []).map((p) => ({ value: p.code, label: lang === 'zh' ? p.name_zh : p.name_en }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name="capacity_orders" label={t('carrierForm.capacityOrders')} rules={[{ required: true, message: t('reason.required') }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="carrier-capacity-orders" />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name="capacity_kg" label={t('carrierForm.capacityKg')}
                rules={[{ required: true, message: t('reason.required') },
                  { validator: async (_, v: string | undefined) => { if (v && (kgToGrams(v) ?? 0) <= 0) throw new Error(t('carrierForm.badNumber')); } }]}>
                <Input suffix="kg" data-testid="carrier-capacity-kg" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">{t('carrierForm.ratesHint')}</Typography.Paragraph>
          <RatesGrid products={chosen} />
        </Card>

        <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.declared')}</h2>}>
          <Row gutter={16}>
            {(['on_time', 'damage', 'scan'] as const).map((k) => (
              <Col xs={24} md={8} key={k}>
                <Form.Item name={k} label={t(`carrierForm.${k}`)}
                  rules={[{ validator: async (_, v: string | undefined) => { if (!percent(v)) throw new Error(t('carrierForm.badPercent')); } }]}>
                  <Input suffix="%" data-testid={`carrier-${k}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>

        <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.contacts')}</h2>}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} align="top" data-testid="contact-input">
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'name']} label={t('carrier.contact.name')}><Input maxLength={50} /></Form.Item></Col>
                    <Col xs={12} md={5}><Form.Item name={[f.name, 'role']} label={t('carrier.contact.role')}><Input maxLength={50} /></Form.Item></Col>
                    <Col xs={12} md={6}><Form.Item name={[f.name, 'phone']} label={t('carrier.contact.phone')}><Input maxLength={40} /></Form.Item></Col>
                    <Col xs={20} md={6}><Form.Item name={[f.name, 'email']} label={t('carrier.contact.email')}><Input maxLength={254} /></Form.Item></Col>
                    <Col xs={4} md={2} style={{ paddingTop: 30 }}>
                      <Button icon={<DeleteOutlined />} aria-label={t('carrierForm.removeContact')} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>{t('carrierForm.addContact')}</Button>
              </Space>
            )}
          </Form.List>
        </Card>

        {error ? <ErrorAlert error={error} testId="carrier-form-error" /> : null}
        {unplaced.length > 0 && (
          <ul data-testid="carrier-form-problems">
            {unplaced.map((f) => <li key={f.field}>{f.field}: {fieldMessage(f)}</li>)}
          </ul>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="carrier-save">{t(carrier ? 'common.save' : 'carrierForm.create')}</Button>
          <Button onClick={() => navigate(carrier ? `/carriers/${carrier.id}` : '/carriers')}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    </Form>
  );
}

export function NewCarrier() {
  return <CarrierFormBody carrier={null} revision={null} />;
}

export function EditCarrier() {
  const { id } = useParams();
  const { t } = useI18n();
  const query = useCarrier(id);
  const carrier = query.data?.body ?? null;
  usePageTitle(carrier ? t('carrierForm.editTitle', { name: carrier.name_zh }) : null);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="carrier-error" />;
  if (!carrier) return <Spin />;
  return <CarrierFormBody key={`${carrier.id}-${query.data?.version}`} carrier={carrier} revision={query.data?.version ?? carrier.revision} />;
}
