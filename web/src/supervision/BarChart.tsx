import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([Bars, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartBar {
  key: string;
  name: string;
  value: number;
}

export interface FigureChartProps {
  bars: ChartBar[];
  /** 'bar' (horizontal, largest first), 'column' (in the given order, e.g. months) or 'pie'. */
  kind: 'bar' | 'column' | 'pie';
  /** Accessible description (the chart is an image to screen readers; the figures are in the tables). */
  label: string;
  /** Called with the key of a clicked bar or slice. */
  onPick?: (key: string) => void;
  testId: string;
}

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16', '#2f54eb', '#a0d911', '#8c8c8c', '#597ef7', '#36cfc9'];

/** One ECharts chart of the dashboard; resized with its box, disposed on unmount. */
export function FigureChart({ bars, kind, label, onPick, testId }: FigureChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const key = (p.data as { key?: string } | undefined)?.key;
      if (key) pick.current?.(key);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const rows = kind === 'bar' ? [...bars].sort((a, b) => a.value - b.value) : bars;
    const data = rows.map((b, i) => ({ value: b.value, key: b.key, name: b.name, itemStyle: { color: PALETTE[i % PALETTE.length] } }));
    const option = kind === 'pie'
      ? { tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { fontSize: 11, formatter: '{b}\n{c}' } }] }
      : {
        grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'item' },
        [kind === 'bar' ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
        [kind === 'bar' ? 'yAxis' : 'xAxis']: { type: 'category', data: rows.map((b) => b.name), axisLabel: { fontSize: 11, width: 120, overflow: 'truncate' } },
        series: [{ type: 'bar', data, label: { show: true, position: kind === 'bar' ? 'right' : 'top', fontSize: 10 } }],
      };
    chart.current?.setOption(option, true);
  }, [bars, kind]);

  const height = kind === 'bar' ? Math.max(180, bars.length * 30 + 40) : 260;
  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
