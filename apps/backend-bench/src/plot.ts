import type { VegaLiteSpec } from '@proj/run';

/**
 * Median time per op and backend as grouped bars on a log scale. A bar on a log scale cannot start at 0 (log 0 =
 * −∞, which vega renders as bars of zero height), so the bars rise from the power of ten below the fastest
 * timing, the bottom of the axis; the top is the power of ten above the slowest.
 */
export function timingChart(rows: readonly { op: string; backend: string; medianMs: number }[]): VegaLiteSpec {
  const times = rows.map((row) => row.medianMs).filter((ms) => ms > 0 && Number.isFinite(ms));
  const floor = 10 ** Math.floor(Math.log10(Math.min(...times, 1)));
  const ceiling = 10 ** Math.ceil(Math.log10(Math.max(...times, floor * 10)));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'tfjs backends in Node: median time per call (log scale)',
    width: 520,
    height: 300,
    data: { values: rows.map(({ op, backend, medianMs }) => ({ op, backend, medianMs })) },
    mark: 'bar',
    encoding: {
      x: { field: 'op', type: 'nominal', title: null, sort: null, axis: { labelAngle: -20, labelLimit: 240 } },
      xOffset: { field: 'backend' },
      y: {
        field: 'medianMs',
        type: 'quantitative',
        title: 'median ms',
        scale: { type: 'log', domain: [floor, ceiling] },
      },
      y2: { datum: floor },
      color: { field: 'backend', type: 'nominal' },
      tooltip: [{ field: 'op' }, { field: 'backend' }, { field: 'medianMs', title: 'median ms' }],
    },
  };
}
