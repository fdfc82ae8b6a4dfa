import type { VegaLiteSpec } from '@proj/run';

/** One plotted point: its series (a variant family or a reference), x and y. */
export type PointRow = { readonly series: string; readonly x: number; readonly y: number; readonly label: string };

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Points of every row coloured by series, joined by lines within the series that have two points or more (the
 * plain network is a single point), on quantitative axes fitted to the data.
 */
export function pointsFigure(title: string, xTitle: string, yTitle: string, rows: readonly PointRow[]): VegaLiteSpec {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.series, (counts.get(row.series) ?? 0) + 1);
  const lined = [...counts].filter(([, n]) => n >= 2).map(([series]) => series);
  const encoding = {
    x: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false } },
    y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false } },
    color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 300 } },
  };
  return {
    $schema: SCHEMA,
    title,
    width: 420,
    height: 280,
    data: { values: rows },
    encoding,
    layer: [
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { tooltip: [{ field: 'label' }, { field: 'x' }, { field: 'y' }] },
      },
      ...(lined.length === 0
        ? []
        : [{ transform: [{ filter: { field: 'series', oneOf: lined } }], mark: { type: 'line' } }]),
    ],
  };
}
