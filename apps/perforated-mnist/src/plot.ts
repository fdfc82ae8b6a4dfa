import { lineChart, type VegaLiteSpec } from '@proj/run';

/** One plotted point: a series, an x and a y. */
export type SeriesRow = { readonly series: string; readonly x: number; readonly y: number };

/** Lines with points, one per `series`, on quantitative axes (x from 1, y fitted to the data). */
export function seriesFigure(
  title: string,
  xTitle: string,
  yTitle: string,
  rows: readonly SeriesRow[],
  options: { readonly logX?: boolean } = {},
): VegaLiteSpec {
  return lineChart({
    rows,
    x: 'x',
    y: 'y',
    color: 'series',
    title,
    xTitle,
    yTitle,
    zeroX: false,
    zeroY: false,
    logX: options.logX ?? false,
    width: 420,
    height: 280,
  });
}
