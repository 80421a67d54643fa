/**
 * The ECharts the indicator pages draw. Only the chart types and components used here are
 * registered (echarts/core), and the React binding is `echarts-for-react/esm/core` — the
 * `lib/core` import crashes with React error #130 (../shared/guides/STACK.md). This module is
 * imported only by the lazily loaded indicator pages, so ECharts stays out of the main bundle.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: (number | null)[];
  kind?: 'bar' | 'line';
}

/** Bars or lines over categories (years, classes); an optional horizontal target line. */
export function CategoryChart({ categories, series, target, height = 280, testId }: { categories: string[]; series: Series[]; target?: { value: number; label: string } | null; height?: number; testId?: string }) {
  const option = {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 48, right: 24, top: series.length > 1 ? 36 : 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value' },
    series: series.map((s, i) => ({
      name: s.name,
      type: s.kind ?? 'bar',
      data: s.values,
      barMaxWidth: 36,
      ...(i === 0 && target ? { markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#cf1322' }, label: { formatter: target.label }, data: [{ yAxis: target.value }] } } : {}),
    })),
  };
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />
    </div>
  );
}
