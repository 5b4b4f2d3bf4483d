import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface StatsBar {
  name: string;
  value: number;
  color: string;
}

export interface StatsChartProps {
  bars: StatsBar[];
  /** Axis unit, e.g. 公顷. */
  unit: string;
  /** Chart height in pixels; default 28 per bar, at least 160. */
  height?: number;
  /** Accessible description of the chart. */
  label: string;
}

/** A horizontal bar chart (ECharts), one bar per class in its own colour; disposed on unmount. */
export function StatsChart({ bars, unit, height, label }: StatsChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const rows = [...bars].reverse(); // largest at the top
    chart.current?.setOption(
      {
        grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
        tooltip: { trigger: 'item', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)} ${unit}` },
        xAxis: { type: 'value', name: unit, nameLocation: 'end', axisLabel: { fontSize: 10 } },
        yAxis: { type: 'category', data: rows.map((b) => b.name), axisLabel: { fontSize: 11, width: 110, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            data: rows.map((b) => ({ value: Number(b.value.toFixed(2)), itemStyle: { color: b.color, borderColor: '#666', borderWidth: 0.5 } })),
            label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: unknown }) => Number(p.value).toFixed(2) },
          },
        ],
      },
      true,
    );
  }, [bars, unit]);

  return <div ref={ref} role="img" aria-label={label} data-testid="stats-chart" style={{ width: '100%', height: height ?? Math.max(160, bars.length * 28 + 40) }} />;
}
