// 首页: a first look at the accounts — how the newest page of customers splits by value class and
// by industry. Richer analytics come with their own module.
import { Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useI18n } from '../../app/i18n';
import type { CustomerSummary } from '../customers/model';
import { useNewestCustomers } from './api';

echarts.use([PieChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

function Chart({ option, testId }: { option: echarts.EChartsCoreOption; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height: 280 }} data-testid={testId} />;
}

function countBy(items: CustomerSummary[], pick: (c: CustomerSummary) => string) {
  const counts = new Map<string, number>();
  for (const c of items) counts.set(pick(c), (counts.get(pick(c)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

export function Dashboard() {
  const { t, label } = useI18n();
  const { data, error, refetch } = useNewestCustomers();
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Spin />;
  const items = data.items;
  if (items.length === 0) return <Card title={t('dashboard.title')}><Empty description={t('dashboard.empty')} /></Card>;
  const byClass = countBy(items, (c) => c.classification.value_class ?? '-');
  const byIndustry = countBy(items, (c) => c.industry);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card><Statistic title={t('dashboard.customers')} value={items.length} suffix={items.length === 200 ? '+' : ''} /></Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.byValueClass')}>
          <Chart
            testId="chart-value-class"
            option={{
              tooltip: { trigger: 'item' },
              series: [{ type: 'pie', radius: ['40%', '70%'],
                data: byClass.map(([k, v]) => ({ name: k === '-' ? t('common.none') : label('value_class', k), value: v })) }],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('dashboard.byIndustry')}>
          <Chart
            testId="chart-industry"
            option={{
              tooltip: {},
              grid: { left: 90, right: 20, top: 10, bottom: 20 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', data: byIndustry.map(([k]) => label('industry', k)).reverse() },
              series: [{ type: 'bar', data: byIndustry.map(([, v]) => v).reverse() }],
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
