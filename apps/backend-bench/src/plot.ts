import type { VegaLiteSpec } from '@proj/run';

/** Median time per op and backend as grouped bars on a log scale. */
export function timingChart(rows: readonly { op: string; backend: string; medianMs: number }[]): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'tfjs backends in Node: median time per call (log scale)',
    width: 520,
    height: 300,
    data: { values: rows.map(({ op, backend, medianMs }) => ({ op, backend, medianMs })) },
    mark: 'bar',
    encoding: {
      x: { field: 'op', type: 'nominal', title: null, axis: { labelAngle: -20 } },
      xOffset: { field: 'backend' },
      y: { field: 'medianMs', type: 'quantitative', title: 'median ms', scale: { type: 'log' } },
      color: { field: 'backend', type: 'nominal' },
    },
  };
}
