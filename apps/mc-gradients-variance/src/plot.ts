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

/** Variances at or below this are numerically zero and left out of the figures (a log axis cannot show 0). */
export const PLOTTED_FLOOR = 1e-10;

/**
 * The y range of a panel: the survey's range, widened to the powers of ten around every plotted value, so that no
 * curve is cut off (the score function's ∂σ of (x − k)² reaches 1546 where the survey's axis stops at 1000).
 */
export function panelDomain(range: readonly [number, number], values: readonly number[]): [number, number] {
  const plotted = values.filter((v) => v > PLOTTED_FLOOR && Number.isFinite(v));
  const low = Math.min(range[0], ...plotted.map((v) => 10 ** Math.floor(Math.log10(v))));
  const high = Math.max(range[1], ...plotted.map((v) => 10 ** Math.ceil(Math.log10(v))));
  return [low, high];
}

/**
 * A figure like the survey's Figures 2 and 3: two panels (∂μ, ∂σ), variance against k on a log y axis with
 * the survey's ranges widened to the data (variances at or below 1e-10, numerically zero, are left out); lines
 * are the exact variances, points the Monte Carlo ones, one color per estimator.
 */
export function varianceFigure(figure: FigureConfig, formula: string, rows: readonly VarianceRow[]): VegaLiteSpec {
  const panel = (parameter: 'loc' | 'scale') => {
    const x = {
      field: 'k',
      type: 'quantitative',
      title: 'k',
      scale: { type: figure.k.scale, domain: [figure.k.from, figure.k.to], nice: false },
    };
    const values = rows.filter((r) => r.parameter === parameter).flatMap((r) => [r.exact, r.monteCarlo]);
    const y = (field: string) => ({
      field,
      type: 'quantitative',
      title: TITLES[parameter],
      scale: { type: 'log', domain: panelDomain(figure.yDomain[parameter], values) },
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
          transform: [{ filter: `datum.exact > ${PLOTTED_FLOOR}` }],
          mark: { type: 'line', clip: true },
          encoding: { x, y: y('exact'), color },
        },
        {
          transform: [{ filter: `datum.monteCarlo > ${PLOTTED_FLOOR}` }],
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
