// 首页: the accounts at a glance — every number counted by the server (GET /api/v1/customers/stats) over
// all the accounts the user may see. Each chart element and each number opens the customer list with the
// bucket's `filter`; a bucket no list filter can reproduce (not classified, "other" provinces) says why.
// Each chart has its text alternative: the chart is an image labelled with its summary, and the buckets
// are listed under it as links ("A 12 (40%)"), which also serve the keyboard.
import { Button, Card, Col, Empty, Row, Space, Spin, Statistic, Tooltip, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import './dashboard.css';
import { useCustomerStats, type ListFilter, type StatsBucket } from './api';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

echarts.use([PieChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Breakdown = 'value_class' | 'lifecycle_stage' | 'development_stage' | 'industry' | 'province' | 'kind';

// The charts, in order: which breakdown, its title, pie or bar, its testid.
const CHARTS: { key: Breakdown; title: MessageKey; type: 'pie' | 'bar'; testId: string }[] = [
  { key: 'value_class', title: 'dashboard.byValueClass', type: 'pie', testId: 'chart-value-class' },
  { key: 'industry', title: 'dashboard.byIndustry', type: 'bar', testId: 'chart-industry' },
  { key: 'lifecycle_stage', title: 'dashboard.byLifecycle', type: 'bar', testId: 'chart-lifecycle-stage' },
  { key: 'development_stage', title: 'dashboard.byDevelopment', type: 'bar', testId: 'chart-development-stage' },
  { key: 'province', title: 'dashboard.byProvince', type: 'bar', testId: 'chart-province' },
  { key: 'kind', title: 'dashboard.byKind', type: 'pie', testId: 'chart-kind' },
];

// The list's URL for a bucket's filter ({value_class: "A"} → /customers?value_class=A).
export function listUrl(filter: ListFilter): string {
  const q = new URLSearchParams(filter as Record<string, string>).toString();
  return q ? `/customers?${q}` : '/customers';
}

interface Item {
  key: string;          // the bucket's key, "none" for null (testids)
  name: string;         // its label in the user's language
  count: number;
  text: string;         // "A 12 (40%)"
  value: string;        // "12 (40%)"
  url: string | null;   // null: not clickable
  why: string | null;   // why not
}

function Chart({ type, items, label, testId, onOpen }: {
  type: 'pie' | 'bar'; items: Item[]; label: string; testId: string; onOpen: (url: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const height = type === 'pie' ? 260 : Math.max(160, items.length * 32 + 24);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const data = items.map((i) => ({ name: i.name, value: i.count, text: i.text, short: i.value, url: i.url, why: i.why,
      itemStyle: i.url ? undefined : { opacity: 0.55 } }));
    const tooltip = {
      confine: true,
      // ECharts puts a formatter's string in as HTML; a bucket's name is what users typed (a province).
      formatter: (p: { data: { text: string; why: string | null } }) =>
        (p.data.why ? `${escapeHtml(p.data.text)}<br/>${escapeHtml(p.data.why)}` : escapeHtml(p.data.text)),
    };
    chart.setOption(type === 'pie'
      ? {
        tooltip: { ...tooltip, trigger: 'item' },
        series: [{ type: 'pie', radius: ['40%', '70%'], center: ['50%', '50%'], startAngle: 90, clockwise: true,
          avoidLabelOverlap: true, label: { formatter: (p: { data: { text: string } }) => p.data.text, overflow: 'break', width: 110 },
          data }],
      }
      : {
        tooltip: { ...tooltip, trigger: 'item' },
        grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name),
          axisLabel: { width: 96, overflow: 'truncate' } },
        series: [{ type: 'bar', barMaxWidth: 22, data,
          label: { show: true, position: 'right', formatter: (p: { data: { short: string } }) => p.data.short } }],
      });
    chart.on('click', (p) => {
      const url = (p.data as { url?: string | null } | undefined)?.url;
      if (url) open.current(url);
    });
    const resize = () => chart.resize();
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
    observer?.observe(ref.current);
    window.addEventListener('resize', resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [type, items]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} data-testid={testId} />;
}

// The buckets under a chart: a link each, or a text with its reason when no list filter reproduces it.
function BucketLinks({ breakdown, items, title }: { breakdown: string; items: Item[]; title: string }) {
  const { t } = useI18n();
  return (
    <ul className="dashboard-buckets" aria-label={title}>
      {items.map((i) => (
        <li key={i.key}>
          {i.url ? (
            <Link to={i.url} data-testid={`bucket-${breakdown}-${i.key}`} aria-label={t('dashboard.open', { name: i.text })}>{i.text}</Link>
          ) : (
            // The tooltip sets its own aria-describedby on its child: the focusable text is inside it.
            <Tooltip title={i.why}>
              <span>
                <Typography.Text type="secondary" tabIndex={0} data-testid={`bucket-${breakdown}-${i.key}`}
                  aria-describedby={i.why ? `why-${breakdown}-${i.key}` : undefined}>{i.text}</Typography.Text>
              </span>
            </Tooltip>
          )}
          {!i.url && i.why && <span id={`why-${breakdown}-${i.key}`} className="visually-hidden">{i.why}</span>}
        </li>
      ))}
    </ul>
  );
}

function StatNumber({ title, value, url, testId, hint }: { title: string; value: number; url: string; testId: string; hint?: string }) {
  const { number } = useI18n();
  return (
    <Card size="small">
      <Link to={url} data-testid={testId} aria-label={`${title} ${number(value)}`} style={{ display: 'block' }}>
        <Statistic title={title} value={number(value)} />
      </Link>
      {hint && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>}
    </Card>
  );
}

export function Dashboard() {
  const { t, label, number } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data, error, refetch } = useCustomerStats();

  const charts = useMemo(() => {
    if (!data) return [];
    const total = data.total.count;
    const share = (n: number) => `${total ? Math.round((n * 100) / total) : 0}%`;
    const nameOf = (breakdown: Breakdown, key: string | null) => {
      if (key === null) return breakdown === 'province' ? t('dashboard.noAddress') : t('dashboard.unclassified');
      if (breakdown === 'province') return key === 'other' ? t('dashboard.otherProvinces') : key;
      return label(breakdown, key);
    };
    return CHARTS.map((c) => {
      const buckets: StatsBucket[] = data.by[c.key] ?? [];
      const items: Item[] = buckets.map((b) => {
        const name = nameOf(c.key, b.key ?? null);
        const filter = b.filter ?? null;
        return {
          key: b.key ?? 'none',
          name,
          count: b.count,
          text: t('dashboard.bucket', { name, count: number(b.count), share: share(b.count) }),
          value: t('dashboard.bucketValue', { count: number(b.count), share: share(b.count) }),
          url: filter ? listUrl(filter) : null,
          why: filter ? null : b.key === null ? t('dashboard.notClickableUnclassified') : t('dashboard.notClickableOther'),
        };
      });
      const title = t(c.title);
      const summary = t('dashboard.chartSummary', { title, items: items.map((i) => i.text).join('; ') || t('dashboard.noData') });
      return { ...c, title, items, summary };
    });
  }, [data, t, label, number]);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Spin />;

  if (data.total.count === 0) {
    return (
      <Card data-testid="dashboard-empty">
        <Empty description={t('dashboard.empty')}>
          <Space wrap>
            {can('customers.create') && <Button type="primary" onClick={() => navigate('/customers/new')}>{t('dashboard.emptyNew')}</Button>}
            {can('customers.import') && <Button onClick={() => navigate('/customers/import')}>{t('dashboard.emptyImport')}</Button>}
          </Space>
        </Empty>
      </Card>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('dashboard.scopeNote')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <StatNumber title={t('dashboard.customers')} value={data.total.count} url={listUrl(data.total.filter)} testId="stat-total" />
        </Col>
        <Col xs={12} lg={6}>
          <StatNumber title={t('dashboard.newThisMonth')} value={data.new_this_month.count} url={listUrl(data.new_this_month.filter)} testId="stat-new" />
        </Col>
        <Col xs={12} lg={6}>
          <StatNumber title={t('dashboard.mine')} value={data.mine.count} url={listUrl(data.mine.filter)} testId="stat-mine" />
        </Col>
        <Col xs={12} lg={6}>
          <StatNumber title={t('dashboard.due')} value={data.due.count} url={listUrl(data.due.filter)} testId="stat-due" hint={t('dashboard.dueHint')} />
        </Col>
        {charts.map((c) => (
          <Col xs={24} lg={12} key={c.key}>
            <Card title={<h2 className="dashboard-chart-title">{c.title}</h2>} size="small">
              {c.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
              ) : (
                <>
                  <Chart type={c.type} items={c.items} label={c.summary} testId={c.testId} onOpen={(url) => navigate(url)} />
                  <BucketLinks breakdown={c.key} items={c.items} title={c.title} />
                </>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
