import type { VegaLiteSpec } from '@proj/run';

/** One bar: the time per object of a case by one source (a published column, numpy, or a backend of ours). */
export interface TimingBar {
  readonly op: string;
  readonly source: string;
  readonly msPerObject: number;
}

/**
 * Time per object per case and source as grouped bars on a log scale: the published T3F CPU, T3F GPU and ttpy
 * numbers next to ours. A bar on a log scale cannot start at 0 (log 0 = −∞, rendered as bars of zero height), so
 * the bars rise from the largest power of ten strictly below the fastest timing, the bottom of the axis; the top is the power of
 * ten above the slowest.
 */
export function timingChart(bars: readonly TimingBar[]): VegaLiteSpec {
  const times = bars.map((bar) => bar.msPerObject).filter((ms) => ms > 0 && Number.isFinite(ms));
  const floor = 10 ** Math.ceil(Math.log10(Math.min(...times, 1)) - 1);
  const ceiling = 10 ** Math.ceil(Math.log10(Math.max(...times, floor * 10)));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'T3F benchmark: ms per object, published (paper) vs ours (log scale)',
    width: 640,
    height: 320,
    data: { values: bars.map(({ op, source, msPerObject }) => ({ op, source, msPerObject })) },
    mark: 'bar',
    encoding: {
      x: { field: 'op', type: 'nominal', title: null, sort: null, axis: { labelAngle: -20, labelLimit: 240 } },
      xOffset: { field: 'source', sort: null },
      y: {
        field: 'msPerObject',
        type: 'quantitative',
        title: 'ms per object',
        scale: { type: 'log', domain: [floor, ceiling] },
      },
      y2: { datum: floor },
      color: { field: 'source', type: 'nominal', sort: null },
      tooltip: [{ field: 'op' }, { field: 'source' }, { field: 'msPerObject', title: 'ms per object' }],
    },
  };
}
