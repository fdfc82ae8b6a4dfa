import type { VegaLiteSpec } from '@proj/run';
import type { FigureConfig } from './config.js';

/** One plotted point: the variance of one estimator's single-sample estimate of ∂μ or ∂σ at one k. */
export type VarianceRow = {
  readonly k: number;
  readonly parameter: 'loc' | 'scale';
  readonly estimator: string;
  /** By quadrature. */
  readonly exact: number;
  /** By Monte Carlo, from the per-sample estimates. */
  readonly monteCarlo: number;
};

const TITLES = { loc: 'variance of the ∂/∂μ estimate', scale: 'variance of the ∂/∂σ estimate' } as const;

/**
 * A figure like the survey's Figures 2 and 3: two panels (∂μ, ∂σ), variance against k on a log y axis with
 * the survey's ranges (curves leaving the range are clipped; variances below 1e-10, numerically zero, are left out); lines are the
 * exact variances, points the Monte Carlo ones, one color per estimator.
 */
export function varianceFigure(figure: FigureConfig, formula: string, rows: readonly VarianceRow[]): VegaLiteSpec {
  const panel = (parameter: 'loc' | 'scale') => {
    const x = {
      field: 'k',
      type: 'quantitative',
      title: 'k',
      scale: { type: figure.k.scale, domain: [figure.k.from, figure.k.to], nice: false },
    };
    const y = (field: string) => ({
      field,
      type: 'quantitative',
      title: TITLES[parameter],
      scale: { type: 'log', domain: [...figure.yDomain[parameter]] },
    });
    const color = {
      field: 'estimator',
      type: 'nominal',
      title: 'lines: exact, points: Monte Carlo',
      legend: { labelLimit: 400, titleLimit: 400 },
    };
    return {
      width: 320,
      height: 260,
      transform: [{ filter: { field: 'parameter', equal: parameter } }],
      layer: [
        {
          transform: [{ filter: 'datum.exact > 1e-10' }],
          mark: { type: 'line', clip: true },
          encoding: { x, y: y('exact'), color },
        },
        {
          transform: [{ filter: 'datum.monteCarlo > 1e-10' }],
          mark: { type: 'point', clip: true, filled: true, size: 14 },
          encoding: { x, y: y('monteCarlo'), color },
        },
      ],
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Variance of the gradient estimators for f(x) = ${formula} under N(μ, σ²)`,
    data: { values: rows },
    hconcat: [panel('loc'), panel('scale')],
  };
}
