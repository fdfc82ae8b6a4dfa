import { lineChart, type VegaLiteSpec } from '@proj/run';

/** One plotted point: a series, an x and a y. */
export type SeriesRow = { readonly series: string; readonly x: number; readonly y: number };

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Lines with points, one per `series`, on quantitative axes without forced zero (log-likelihoods of −100 nats
 * and gaps of a few nats both stay readable).
 */
export function seriesFigure(title: string, xTitle: string, yTitle: string, rows: readonly SeriesRow[]): VegaLiteSpec {
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
    width: 420,
    height: 280,
  });
}

/**
 * The gap (robust − VAE clean-test log-likelihood, nats) against the fraction of noise objects, one point per
 * clean:noise ratio, with y = 0 in the axis range.
 */
export function gapFigure(
  rows: readonly { readonly noiseFraction: number; readonly gap: number; readonly ratio: string }[],
): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: 'Robust VAE − VAE: clean-test log-likelihood gap',
    width: 420,
    height: 280,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'noiseFraction',
        type: 'quantitative',
        title: 'fraction of noise objects in the training set',
        scale: { domain: [0, 1] },
      },
      y: { field: 'gap', type: 'quantitative', title: 'gap (nats per test digit)', scale: { zero: true } },
      tooltip: [{ field: 'ratio', title: 'clean:noise' }],
    },
  };
}
