// 销售报表: the pipeline report — every figure counted and summed by the server (GET
// /api/v1/sales/pipeline-report) over the leads and opportunities the user may see, narrowed by owner,
// team and creation dates kept in the URL. Four parts: the funnel by stage, conversion by lead source,
// won and lost by reason (each an ECharts chart), and the forecast figures. Each chart is an image
// labelled with its summary, and its numbers stand in a table under it (the text alternative, and the
// exact figures for everyone). Money arrives in fen and is shown as ¥1,234.50 without float arithmetic.
import { Button, Card, Col, DatePicker, Empty, Form, Row, Select, Space, Spin, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/i18n/zh';
import { usePipelineReport, type PipelineReportData, type ReportFilters } from './api';
import './salesreport.css';

echarts.use([FunnelChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

const FILTER_KEYS = ['owner_id', 'team_id', 'from', 'to'] as const;
const WON_COLOUR = '#237804';
const LOST_COLOUR = '#c41d1d';

// ¥1,234.50 from 123450 fen: integer arithmetic only (the grouping of the whole yuan is the same in
// both languages).
export function yuan(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  return `${sign}¥${whole.toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

// 66.67% from 6667 basis points; the no-rate sign when the server says null (a source without leads).
export function percent(bp: number | null | undefined, none: string): string {
  if (bp === null || bp === undefined) return none;
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

interface UserOptions {
  users: { id: number; name: string; team_id: number | null }[];
  teams: { id: number; name: string }[];
}

// The same cache entry as the customer list's pickers (GET /users/options, every staff role).
function useUserOptions() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => api<UserOptions>('GET', '/api/v1/users/options'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

// One ECharts chart: an image labelled with its summary; sized to its box, redrawn when it changes.
function EChart({ option, label, testId, height }: {
  option: echarts.EChartsCoreOption; label: string; testId: string; height: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
    observer?.observe(ref.current);
    window.addEventListener('resize', resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} data-testid={testId} />;
}

interface Column {
  key: string;
  title: string;
  numeric?: boolean;
}

// A chart's figures as a table: a caption names it; on a phone it scrolls sideways within itself (a
// focusable region, so the keyboard can scroll it too).
function FigureTable({ caption, columns, rows, foot, testId }: {
  caption: string; columns: Column[]; rows: { key: string; cells: Record<string, ReactNode> }[];
  foot?: Record<string, ReactNode>; testId: string;
}) {
  return (
    <div className="salesreport-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="salesreport-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>{c.title}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${testId}-${r.key}`}>
              {columns.map((c, i) => (i === 0
                ? <th key={c.key} scope="row">{r.cells[c.key]}</th>
                : <td key={c.key} className={c.numeric ? 'num' : undefined}>{r.cells[c.key]}</td>))}
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr data-testid={`${testId}-total`}>
              {columns.map((c, i) => (i === 0
                ? <th key={c.key} scope="row">{foot[c.key]}</th>
                : <td key={c.key} className={c.numeric ? 'num' : undefined}>{foot[c.key]}</td>))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function Filters({ values, set, clear }: {
  values: ReportFilters; set: (key: keyof ReportFilters, value: string | undefined) => void; clear: () => void;
}) {
  const { t } = useI18n();
  const { data: options } = useUserOptions();
  const active = FILTER_KEYS.some((k) => values[k]);
  const pick = (key: 'owner_id' | 'team_id', title: MessageKey, items: { id: number; name: string }[]) => (
    <Col xs={24} sm={12} lg={6}>
      <Form.Item label={t(title)} htmlFor={`salesreport-${key}`} style={{ marginBottom: 8 }}>
        <Select
          id={`salesreport-${key}`}
          allowClear
          showSearch
          optionFilterProp="label"
          value={values[key]}
          data-testid={`filter-${key}`}
          onChange={(v?: string) => set(key, v)}
          options={items.map((u) => ({ value: String(u.id), label: u.name }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    </Col>
  );
  const date = (key: 'from' | 'to', title: MessageKey) => (
    <Col xs={12} sm={12} lg={5}>
      <Form.Item label={t(title)} htmlFor={`salesreport-${key}`} style={{ marginBottom: 8 }}>
        <DatePicker
          id={`salesreport-${key}`}
          data-testid={`filter-${key}`}
          style={{ width: '100%' }}
          format="YYYY-MM-DD"
          placeholder={t('salesreport.datePlaceholder')}
          value={values[key] ? dayjs(values[key]) : null}
          onChange={(d) => set(key, d ? d.format('YYYY-MM-DD') : undefined)}
        />
      </Form.Item>
    </Col>
  );
  return (
    <Card size="small" title={<h2 className="salesreport-card-title">{t('salesreport.filters')}</h2>}
      extra={active ? <Button size="small" onClick={clear} data-testid="filter-clear">{t('salesreport.clear')}</Button> : null}>
      <Form layout="vertical" component="div" data-testid="filter-form">
        <Row gutter={12}>
          {pick('owner_id', 'salesreport.owner', options?.users ?? [])}
          {pick('team_id', 'salesreport.team', options?.teams ?? [])}
          {date('from', 'salesreport.from')}
          {date('to', 'salesreport.to')}
        </Row>
      </Form>
    </Card>
  );
}

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <Card size="small" title={<h2 className="salesreport-card-title">{title}</h2>}>
      {note && <Typography.Paragraph type="secondary" className="salesreport-note">{note}</Typography.Paragraph>}
      {children}
    </Card>
  );
}

// The four parts of the report in the user's language: chart options, summaries and table rows.
function useReportParts(data: PipelineReportData | undefined) {
  const { t, lang, number } = useI18n();
  return useMemo(() => {
    if (!data) return null;
    const none = t('salesreport.noRate');
    const tooltip = (text: (p: { name: string; value: number; seriesName?: string }) => string) => ({
      confine: true,
      formatter: (p: { name: string; value: number; seriesName?: string }) => escapeHtml(text(p)),
    });

    const funnelTitle = t('salesreport.funnel');
    const stages = data.funnel.map((row) => ({ ...row, label: row.stage_label[lang] }));
    const funnelSummary = t('salesreport.chartSummary', {
      title: funnelTitle,
      items: stages.map((s) => t('salesreport.funnelItem', { stage: s.label, count: number(s.count) })).join('; '),
    });
    const funnelOption = {
      tooltip: { ...tooltip((p) => `${p.name}: ${number(p.value)}`), trigger: 'item' },
      series: [{
        type: 'funnel', sort: 'none', left: '5%', width: '90%', top: 8, bottom: 8, minSize: '8%', gap: 2,
        label: { show: true, position: 'inside', formatter: (p: { name: string; value: number }) => `${p.name} ${number(p.value)}` },
        data: stages.map((s) => ({ name: s.label, value: s.count,
          itemStyle: s.outcome === 'won' ? { color: WON_COLOUR } : undefined })),
      }],
    };
    const funnelRows = stages.map((s) => ({
      key: s.stage,
      cells: { stage: s.label, probability: `${s.probability}%`, count: number(s.count),
        revenue: yuan(s.revenue.amount_minor), weighted: yuan(s.weighted.amount_minor) },
    }));

    const conversionTitle = t('salesreport.conversion');
    const sources = data.sources.map((row) => ({ ...row, label: row.source_label[lang] }));
    const measures = [
      { key: 'leads', title: t('salesreport.leads') },
      { key: 'qualified', title: t('salesreport.qualified') },
      { key: 'converted', title: t('salesreport.converted') },
      { key: 'won', title: t('salesreport.won') },
    ] as const;
    const conversionSummary = t('salesreport.chartSummary', {
      title: conversionTitle,
      items: sources.map((s) => t('salesreport.sourceItem', { source: s.label, leads: number(s.leads),
        qualified: number(s.qualified), converted: number(s.converted), won: number(s.won) })).join('; '),
    });
    const conversionOption = {
      tooltip: { ...tooltip((p) => `${p.name} · ${p.seriesName}: ${number(p.value)}`), trigger: 'item' },
      legend: { top: 0, type: 'scroll', data: measures.map((m) => m.title) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: sources.map((s) => s.label), axisLabel: { width: 84, overflow: 'truncate' } },
      series: measures.map((m) => ({ type: 'bar', name: m.title, barMaxWidth: 10, data: sources.map((s) => s[m.key]) })),
    };
    const withRate = (n: number, bp: number | null | undefined) => t('salesreport.withRate', { n: number(n), rate: percent(bp, none) });
    const sourceRows = sources.map((s) => ({
      key: s.source,
      cells: { source: s.label, leads: number(s.leads), qualified: withRate(s.qualified, s.qualified_rate_bp),
        converted: withRate(s.converted, s.converted_rate_bp), won: withRate(s.won, s.won_rate_bp) },
    }));

    const winLossTitle = t('salesreport.winLoss');
    const outcomes = [
      { key: 'won', name: t('salesreport.won'), count: data.win_loss.won, colour: WON_COLOUR },
      ...data.win_loss.lost_by_reason.map((r) => ({
        key: `lost-${r.reason}`,
        name: t('salesreport.lostBecause', { reason: t(`salesreport.reason.${r.reason}` as MessageKey) }),
        count: r.count, colour: LOST_COLOUR,
      })),
    ];
    const winLossSummary = t('salesreport.chartSummary', {
      title: winLossTitle,
      items: outcomes.map((o) => t('salesreport.winLossItem', { name: o.name, count: number(o.count) })).join('; '),
    });
    const winLossOption = {
      tooltip: { ...tooltip((p) => `${p.name}: ${number(p.value)}`), trigger: 'item' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: outcomes.map((o) => o.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right' },
        data: outcomes.map((o) => ({ value: o.count, itemStyle: { color: o.colour } })) }],
    };
    const winLossRows = outcomes.map((o) => ({ key: o.key, cells: { outcome: o.name, count: number(o.count) } }));

    const forecastRows = data.forecast.by_stage.map((s) => ({
      key: s.stage,
      cells: { stage: s.stage_label[lang], count: number(s.count), weighted: yuan(s.weighted.amount_minor) },
    }));
    const empty = data.funnel.every((s) => s.count === 0) && data.win_loss.lost === 0 && data.sources.every((s) => s.leads === 0);
    return {
      empty,
      funnel: { title: funnelTitle, summary: funnelSummary, option: funnelOption, rows: funnelRows },
      conversion: { title: conversionTitle, summary: conversionSummary, option: conversionOption, rows: sourceRows,
        height: Math.max(240, sources.length * 44 + 48) },
      winLoss: { title: winLossTitle, summary: winLossSummary, option: winLossOption, rows: winLossRows },
      forecast: { rows: forecastRows },
    };
  }, [data, t, lang, number]);
}

export function PipelineReport() {
  const { t, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: ReportFilters = useMemo(() => {
    const f: ReportFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const set = (key: keyof ReportFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const k of FILTER_KEYS) next.delete(k);
    setParams(next, { replace: true });
  };
  const { data, error, refetch, isFetching } = usePipelineReport(filters);
  const parts = useReportParts(data);
  const filtered = FILTER_KEYS.some((k) => filters[k]);

  let body: ReactNode;
  if (error) body = <ErrorAlert error={error} onRetry={() => void refetch()} testId="salesreport-error" />;
  else if (!data || !parts) body = <Spin />;
  else if (parts.empty) {
    body = (
      <Card data-testid="salesreport-empty">
        <Empty description={filtered ? t('salesreport.emptyFiltered') : t('salesreport.empty')}>
          {filtered && <Button onClick={clear}>{t('salesreport.clear')}</Button>}
        </Empty>
      </Card>
    );
  } else {
    const f = data.forecast;
    body = (
      <Row gutter={[16, 16]} aria-busy={isFetching}>
        <Col xs={24}>
          <Section title={t('salesreport.forecast')} note={t('salesreport.forecastNote')}>
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={6}><div data-testid="stat-forecast"><Statistic title={t('salesreport.forecastTotal')} value={yuan(f.weighted_total.amount_minor)} /></div></Col>
              <Col xs={12} lg={6}><div data-testid="stat-won-revenue"><Statistic title={t('salesreport.wonRevenue')} value={yuan(f.won_revenue.amount_minor)} /></div></Col>
              <Col xs={12} lg={6}><div data-testid="stat-open"><Statistic title={t('salesreport.openCount')} value={number(f.open_count)} /></div></Col>
              <Col xs={12} lg={6}><div data-testid="stat-won"><Statistic title={t('salesreport.wonCount')} value={number(f.won_count)} /></div></Col>
            </Row>
            <FigureTable
              caption={t('salesreport.table', { title: t('salesreport.forecast') })}
              testId="table-forecast"
              columns={[{ key: 'stage', title: t('salesreport.stage') }, { key: 'count', title: t('salesreport.count'), numeric: true },
                { key: 'weighted', title: t('salesreport.weighted'), numeric: true }]}
              rows={parts.forecast.rows}
              foot={{ stage: t('salesreport.total'), count: number(f.open_count), weighted: yuan(f.weighted_total.amount_minor) }}
            />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={parts.funnel.title} note={t('salesreport.funnelNote')}>
            <EChart option={parts.funnel.option} label={parts.funnel.summary} testId="chart-funnel" height={280} />
            <FigureTable
              caption={t('salesreport.table', { title: parts.funnel.title })}
              testId="table-funnel"
              columns={[{ key: 'stage', title: t('salesreport.stage') }, { key: 'probability', title: t('salesreport.probability'), numeric: true },
                { key: 'count', title: t('salesreport.count'), numeric: true }, { key: 'revenue', title: t('salesreport.revenue'), numeric: true },
                { key: 'weighted', title: t('salesreport.weighted'), numeric: true }]}
              rows={parts.funnel.rows}
            />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={parts.winLoss.title}>
            <EChart option={parts.winLoss.option} label={parts.winLoss.summary} testId="chart-winloss" height={240} />
            <FigureTable
              caption={t('salesreport.table', { title: parts.winLoss.title })}
              testId="table-winloss"
              columns={[{ key: 'outcome', title: t('salesreport.outcome') }, { key: 'count', title: t('salesreport.count'), numeric: true }]}
              rows={parts.winLoss.rows}
            />
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={parts.conversion.title} note={t('salesreport.conversionNote')}>
            <EChart option={parts.conversion.option} label={parts.conversion.summary} testId="chart-conversion" height={parts.conversion.height} />
            <FigureTable
              caption={t('salesreport.table', { title: parts.conversion.title })}
              testId="table-conversion"
              columns={[{ key: 'source', title: t('salesreport.source') }, { key: 'leads', title: t('salesreport.leads'), numeric: true },
                { key: 'qualified', title: t('salesreport.qualified'), numeric: true },
                { key: 'converted', title: t('salesreport.converted'), numeric: true }, { key: 'won', title: t('salesreport.won'), numeric: true }]}
              rows={parts.conversion.rows}
            />
          </Section>
        </Col>
      </Row>
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="salesreport">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('salesreport.scopeNote')}</Typography.Paragraph>
      <Filters values={filters} set={set} clear={clear} />
      {body}
    </Space>
  );
}
