// The carrier's scorecard (承运商考核, issue 10 item 6) on its page: what its shipments showed over
// the last 7, 30 or 90 days (GET /api/v1/carriers/{id}/scorecard) — the overall figures, a line per
// week (on-time, scan completeness, damage) and a table per lane (广东→上海) — and, beside its rates,
// the declared quality against the measured one with which of the two allocation weighs now.
// Rates arrive in basis points: 8333 is shown 83.3 %, a damage rate keeps its hundredths (0.05 %).
import { Card, Empty, Radio, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import { formatPercent } from '../../app/money';
import { useIsPhone } from '../../app/pageHead';
import { useDivisions } from '../customers/formParts';
import { useScorecard } from './api';
import { ScoreTrend, type TrendPoint } from './charts';
import { MIN_MEASURED_SHIPMENTS, type Carrier, type LaneFigures, type ScorecardFigures } from './model';

export const WINDOWS = [7, 30, 90] as const;

// A rate near 100 % to a tenth of a percent: 8333 → 83.3 (a number, for charts and the formatter).
export const tenthsOfPercent = (bp: number) => Math.round(bp / 10) / 10;

// A province's short name, as lanes are spoken of: 广东省 → 广东, 广西壮族自治区 → 广西, 上海市 → 上海.
export function shortProvince(name: string) {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '') || name;
}

// "44→31" as "广东→上海", from the division tree (the codes themselves until it has loaded).
function useLaneName() {
  const divisions = useDivisions();
  const names = useMemo(() => new Map((divisions.data ?? []).map((p) => [p.code, shortProvince(p.name)])), [divisions.data]);
  return (lane: string) => lane.split('→').map((code) => names.get(code) ?? code).join('→');
}

function useRates() {
  const { number } = useI18n();
  return {
    rate: (bp: number) => `${number(tenthsOfPercent(bp))}%`,
    small: (bp: number) => formatPercent(bp),
  };
}

// The declared quality beside the measured one (30 days), and which of them allocation uses now.
export function QualityCard({ carrier }: { carrier: Carrier }) {
  const { t, number, dateTime } = useI18n();
  const { rate, small } = useRates();
  const m = carrier.measured ?? null;
  const usesMeasured = m !== null && m.shipments >= MIN_MEASURED_SHIPMENTS;
  const row = (key: string, label: string, declared: string, measured: string | null) => ({ key, label, declared, measured });
  const rows = [
    row('on_time', t('carrier.onTime'), rate(carrier.declared.on_time_bp), m && rate(m.on_time_bp)),
    row('damage', t('carrier.damage'), small(carrier.declared.damage_bp), m && small(m.damage_bp)),
    row('scan', t('carrier.scan'), rate(carrier.declared.scan_completeness_bp), m && rate(m.scan_completeness_bp)),
  ];
  const note = usesMeasured
    ? t('carrier.usesMeasured', { n: number(m.shipments), min: MIN_MEASURED_SHIPMENTS, at: m.measured_at ? dateTime(m.measured_at) : '—' })
    : m ? t('carrier.usesDeclared', { n: number(m.shipments), min: MIN_MEASURED_SHIPMENTS })
      : t('carrier.usesDeclaredNone', { min: MIN_MEASURED_SHIPMENTS });
  return (
    <Card size="small" title={<h2 className="carrier-card-title">{t('carrier.declared')}</h2>} data-testid="quality-card"
      data-uses={usesMeasured ? 'measured' : 'declared'}>
      <Table size="small" pagination={false} dataSource={rows} data-testid="quality-table"
        columns={[
          { title: t('carrier.col.metric'), dataIndex: 'label', key: 'label' },
          { title: t('carrier.col.declared'), key: 'declared', align: 'right',
            render: (_, r) => <span data-testid={`declared-${r.key === 'on_time' ? 'on-time' : r.key}`} className={usesMeasured ? undefined : 'carrier-used'}>{r.declared}</span> },
          { title: t('carrier.col.measured'), key: 'measured', align: 'right',
            render: (_, r) => (r.measured === null
              ? <Typography.Text type="secondary">{t('carrier.measuredNone')}</Typography.Text>
              : <span data-testid={`measured-${r.key === 'on_time' ? 'on-time' : r.key}`} className={usesMeasured ? 'carrier-used' : undefined}>{r.measured}</span>) },
        ]} />
      <Typography.Paragraph data-testid="quality-note" style={{ margin: '8px 0 0', fontSize: 12 }}>{note}</Typography.Paragraph>
    </Card>
  );
}

function Figure({ testId, title, value, hint }: { testId: string; title: string; value: string; hint?: string }) {
  return (
    <div data-testid={testId} className="score-figure">
      <Statistic title={title} value={value} />
      {hint && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-hint`}>{hint}</Typography.Text>}
    </div>
  );
}

function Figures({ f }: { f: ScorecardFigures }) {
  const { t, number } = useI18n();
  const { rate, small } = useRates();
  const figures = [
    { testId: 'score-shipments', title: t('score.shipments'), value: number(f.shipments), hint: t('score.delivered', { n: number(f.delivered) }) },
    { testId: 'score-on-time', title: t('score.onTime'), value: f.delivered > 0 ? rate(f.on_time_bp) : '—',
      hint: t('score.onTimeOf', { on_time: number(f.on_time), delivered: number(f.delivered) }) },
    { testId: 'score-delay', title: t('score.delay'), value: t('score.hours', { n: number(Math.round(f.average_delay_hours * 10) / 10) }), hint: t('score.delayHint') },
    { testId: 'score-damage', title: t('score.damage'), value: small(f.damage_bp), hint: t('score.damaged', { n: number(f.damaged) }) },
    { testId: 'score-scan', title: t('score.scan'), value: rate(f.scan_completeness_bp), hint: t('score.scanHint') },
    { testId: 'score-truthful', title: t('score.truthful'), value: rate(f.truthful_bp), hint: t('score.contradicted', { n: number(f.contradicted) }) },
    { testId: 'score-exceptions', title: t('score.exceptions'), value: number(f.exceptions_per_1000), hint: t('score.exceptionsCount', { n: number(f.exceptions) }) },
    { testId: 'score-eta', title: t('score.eta'), value: (f.eta_measured ?? 0) > 0 ? rate(f.eta_accuracy_bp ?? 0) : '—',
      hint: t('score.etaHint', { n: number(f.eta_measured ?? 0) }) },
  ];
  return (
    <div className="score-figures">
      {figures.map((x) => <Figure key={x.testId} {...x} />)}
    </div>
  );
}

function Lanes({ lanes }: { lanes: LaneFigures[] }) {
  const { t, number } = useI18n();
  const { rate, small } = useRates();
  const laneName = useLaneName();
  return (
    <Table<LaneFigures>
      size="small" rowKey="lane" dataSource={lanes} pagination={lanes.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 820 }} data-testid="score-lanes"
      onRow={(r) => ({ 'data-testid': 'score-lane', 'data-lane': r.lane } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('score.col.lane'), key: 'lane', fixed: 'left', width: 130, render: (_, r) => <span data-testid="score-lane-name">{laneName(r.lane)}</span> },
        { title: t('score.col.shipments'), key: 'shipments', align: 'right', width: 90, render: (_, r) => number(r.shipments),
          sorter: (a, b) => a.shipments - b.shipments, defaultSortOrder: 'descend', sortDirections: ['descend', 'ascend', 'descend'] },
        { title: t('score.col.onTime'), key: 'on_time', align: 'right', width: 100, render: (_, r) => (r.delivered > 0 ? rate(r.on_time_bp) : '—'),
          sorter: (a, b) => (a.delivered > 0 ? a.on_time_bp : -1) - (b.delivered > 0 ? b.on_time_bp : -1), sortDirections: ['ascend', 'descend', 'ascend'] },
        { title: t('score.col.delay'), key: 'delay', align: 'right', width: 100, render: (_, r) => t('score.hours', { n: number(Math.round(r.average_delay_hours * 10) / 10) }) },
        { title: t('score.col.damage'), key: 'damage', align: 'right', width: 90, render: (_, r) => small(r.damage_bp) },
        { title: t('score.col.scan'), key: 'scan', align: 'right', width: 110, render: (_, r) => rate(r.scan_completeness_bp) },
        { title: t('score.col.truthful'), key: 'truthful', align: 'right', width: 100, render: (_, r) => rate(r.truthful_bp) },
        { title: t('score.col.exceptions'), key: 'exceptions', align: 'right', width: 110, render: (_, r) => number(r.exceptions_per_1000) },
      ]}
    />
  );
}

export function ScorecardCard({ carrier }: { carrier: Carrier }) {
  const { t } = useI18n();
  const { rate, small } = useRates();
  const phone = useIsPhone();
  const [days, setDays] = useState<number>(30);
  const query = useScorecard(carrier.id, days);
  const card = query.data ?? null;
  const names = useMemo(() => ({
    onTime: t('score.onTime'), scan: t('score.scan'), damage: t('score.damagePermille'),
    week: (monday: string) => t('score.trendWeek', { week: monday }),
  }), [t]);
  const points: TrendPoint[] = useMemo(() => (card?.weeks ?? []).map((w) => ({
    week: w.week,
    onTime: w.delivered > 0 ? tenthsOfPercent(w.on_time_bp) : null,
    scan: tenthsOfPercent(w.scan_completeness_bp),
    damagePermille: w.damage_bp / 10,
  })), [card]);
  const trendLabel = card ? t('score.trendLabel', {
    list: card.weeks.map((w) => t('score.trendItem', { week: w.week, on_time: w.delivered > 0 ? rate(w.on_time_bp) : '—', scan: rate(w.scan_completeness_bp), damage: small(w.damage_bp) })).join('；'),
  }) : '';

  const selector = (
    <div role="radiogroup" aria-label={t('score.window')}>
      <Radio.Group optionType="button" buttonStyle="solid" size="small" value={days} onChange={(e) => setDays(Number(e.target.value))}
        data-testid="score-window" options={WINDOWS.map((n) => ({ value: n, label: t('score.days', { n }) }))} />
    </div>
  );
  const empty = card !== null && card.overall.shipments === 0;
  return (
    <Card size="small" title={<h2 className="carrier-card-title">{t('score.title')}</h2>} extra={phone ? undefined : selector}
      data-testid="scorecard-card" data-days={card?.days ?? ''} aria-busy={query.isFetching}>
      {phone && <div style={{ marginBottom: 12 }}>{selector}</div>}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} testId="scorecard-error" /> : null}
      {!card ? (query.error ? null : <Spin />) : empty ? (
        <Empty data-testid="scorecard-empty" description={
          <><div>{t('score.empty')}</div><Typography.Text type="secondary">{t('score.emptyHint', { n: card.days })}</Typography.Text></>
        } />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="score-basis">{t('score.basis', { n: card.days })}</Typography.Text>
          <Figures f={card.overall} />
          <div>
            <h3 className="carrier-sub-title">{t('score.trend')}</h3>
            <ScoreTrend points={points} names={names} label={trendLabel} compact={phone} />
          </div>
          <div>
            <h3 className="carrier-sub-title">{t('score.lanes')}</h3>
            <Lanes lanes={card.lanes} />
          </div>
        </Space>
      )}
    </Card>
  );
}
