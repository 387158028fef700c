// The carrier screens' charts (ECharts, only the parts they use): the coverage map of China, the
// capacity used today as gauges (one carrier) and as bars (every carrier), the scorecard's weekly trend. Each chart is an image
// labelled with its summary; the figures are also written out beside it for screen readers and print.
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { china, EChart } from '../../app/chinaMap';

echarts.use([MapChart, GaugeChart, BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface ProvinceCoverage {
  code: string;          // "44"
  name: string;          // 广东省
  whole: boolean;        // the whole province, or only `cities`
  cities: string[];      // names of the covered cities when not whole
}

// The provinces a carrier covers, highlighted on the map: the whole province dark, some of its cities
// light, the rest grey. Hovering a province names it and its covered cities.
export function CoverageMap({ provinces, label, legend, height = 420 }: {
  provinces: ProvinceCoverage[]; label: string; height?: number;
  legend: { whole: string; some: string; none: string; cities: (names: string) => string };
}) {
  const option = useMemo(() => {
    const map = china();
    const byCode = new Map(provinces.map((p) => [p.code, p]));
    const data = map.features.map((f) => {
      const p = byCode.get(f.id.slice(0, 2));
      return { name: f.properties.name, value: p ? (p.whole ? 2 : 1) : 0, cities: p && !p.whole ? p.cities : [] };
    });
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { name: string; data?: { value: number; cities: string[] } }) => {
          const d = params.data;
          if (!d || d.value === 0) return `${params.name}：${legend.none}`;
          if (d.value === 2) return `${params.name}：${legend.whole}`;
          return `${params.name}：${legend.cities(d.cities.join('、'))}`;
        },
      },
      visualMap: {
        type: 'piecewise',
        orient: 'vertical',
        left: 8,
        bottom: 4,
        itemGap: 4,
        pieces: [
          { value: 2, label: legend.whole, color: '#1f5fbf' },
          { value: 1, label: legend.some, color: '#8fb4e8' },
          { value: 0, label: legend.none, color: '#e8e8e8' },
        ],
        textStyle: { color: '#262626' },
      },
      series: [{
        type: 'map',
        map: 'china',
        roam: false,
        // Fitted into the box above the legend, its aspect kept.
        top: 8,
        bottom: 64,
        left: 8,
        right: 8,
        aspectScale: 0.78,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.8 },
        emphasis: { label: { show: true, color: '#000' }, itemStyle: { areaColor: '#f5b041' } },
        select: { disabled: true },
        data,
      }],
    } as echarts.EChartsCoreOption;
  }, [provinces, legend]);
  return <EChart option={option} label={label} testId="coverage-map" height={height} />;
}

// Capacity used today as two gauges, orders and weight, in percent of the day's capacity.
// Side by side, or one above the other on a phone (`stacked`).
export function CapacityGauges({ ordersPercent, weightPercent, ordersText, weightText, label, stacked = false }: {
  ordersPercent: number; weightPercent: number; ordersText: string; weightText: string; label: string; stacked?: boolean;
}) {
  const option = useMemo(() => {
    const gauge = (center: [string, string], value: number, title: string) => ({
      type: 'gauge',
      center,
      radius: stacked ? '65%' : '80%',
      min: 0,
      max: 100,
      progress: { show: true, width: 14 },
      axisLine: { lineStyle: { width: 14, color: [[0.8, '#e8e8e8'], [1, '#fbe3e3']] } },
      axisTick: { show: false },
      splitLine: { length: 8, lineStyle: { width: 1, color: '#8c8c8c' } },
      axisLabel: { distance: 18, color: '#595959', fontSize: 10 },
      pointer: { show: false },
      itemStyle: { color: value >= 90 ? '#c41d1d' : value >= 75 ? '#ad6800' : '#1f5fbf' },
      title: { offsetCenter: [0, '72%'], fontSize: 13, color: '#262626' },
      detail: { valueAnimation: false, offsetCenter: [0, '10%'], fontSize: 22, formatter: '{value}%', color: '#262626' },
      data: [{ value: Math.round(value), name: title }],
    });
    const centers: [string, string][] = stacked ? [['50%', '27%'], ['50%', '77%']] : [['25%', '58%'], ['75%', '58%']];
    return { series: [gauge(centers[0], ordersPercent, ordersText), gauge(centers[1], weightPercent, weightText)] } as echarts.EChartsCoreOption;
  }, [ordersPercent, weightPercent, ordersText, weightText, stacked]);
  return <EChart option={option} label={label} testId="capacity-gauges" height={stacked ? 420 : 220} />;
}

export interface LoadBar { name: string; percent: number; text: string }

// Every carrier's capacity used today (orders), one bar each, fullest first.
export function CapacityBars({ bars, label, axisName }: { bars: LoadBar[]; label: string; axisName: string }) {
  const option = useMemo(() => {
    const sorted = [...bars].sort((a, b) => a.percent - b.percent);
    return {
      grid: { left: 8, right: 90, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', max: 100, name: axisName, nameLocation: 'middle', nameGap: 22, axisLabel: { formatter: '{value}%', color: '#595959' } },
      yAxis: { type: 'category', data: sorted.map((b) => b.name), axisLabel: { color: '#262626' } },
      series: [{
        type: 'bar',
        barMaxWidth: 18,
        data: sorted.map((b) => ({
          value: Math.min(100, Math.round(b.percent)),
          itemStyle: { color: b.percent >= 90 ? '#c41d1d' : b.percent >= 75 ? '#ad6800' : '#1f5fbf' },
          label: { show: true, position: 'right', formatter: b.text, color: '#262626' },
        })),
      }],
    } as echarts.EChartsCoreOption;
  }, [bars, axisName]);
  return <EChart option={option} label={label} testId="capacity-bars" height={Math.max(120, bars.length * 34 + 40)} />;
}

export interface TrendPoint { week: string; onTime: number | null; scan: number; damagePermille: number }

// The scorecard by week: on-time and scan completeness in percent on the left axis, damage in per
// mille on the right one (a rate near zero would lie flat on a 0–100 % axis). A week without a
// delivered shipment has no on-time rate: a gap, not a zero.
export function ScoreTrend({ points, names, label, compact = false }: {
  points: TrendPoint[]; label: string; compact?: boolean;
  names: { onTime: string; scan: string; damage: string; week: (monday: string) => string };
}) {
  const option = useMemo(() => {
    const line = (name: string, color: string, data: (number | null)[], yAxisIndex = 0, dashed = false) => ({
      name, type: 'line', yAxisIndex, data, connectNulls: false, symbolSize: 6, showSymbol: true,
      itemStyle: { color }, lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' },
    });
    return {
      grid: { left: 8, right: 8, top: compact ? 64 : 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#262626' }, itemGap: compact ? 8 : 16 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { axisValue: string; marker: string; seriesName: string; value: number | null; seriesIndex: number }[]) => {
          const head = names.week(points[Number(params[0]?.axisValue ?? 0)]?.week ?? '');
          return [head, ...params.map((p) => `${p.marker}${p.seriesName}：${p.value === null || p.value === undefined ? '—' : p.seriesIndex === 2 ? `${p.value}‰` : `${p.value}%`}`)].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: points.map((_, i) => String(i)),
        axisLabel: { color: '#595959', formatter: (i: string) => points[Number(i)]?.week.slice(5) ?? '' },
      },
      yAxis: [
        { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10), max: 100, axisLabel: { formatter: '{value}%', color: '#595959' } },
        { type: 'value', min: 0, splitLine: { show: false }, axisLabel: { formatter: '{value}‰', color: '#595959' } },
      ],
      series: [
        line(names.onTime, '#1f5fbf', points.map((p) => p.onTime)),
        line(names.scan, '#389e0d', points.map((p) => p.scan)),
        line(names.damage, '#c41d1d', points.map((p) => p.damagePermille), 1, true),
      ],
    } as echarts.EChartsCoreOption;
  }, [points, names, compact]);
  return <EChart option={option} label={label} testId="score-trend" height={compact ? 240 : 280} />;
}
