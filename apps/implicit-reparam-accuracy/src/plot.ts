import { lineChart, type VegaLiteSpec } from '@proj/run';

/** One plotted point: the largest relative error of one method over the points of one parameter value. */
export type ErrorRow = {
  readonly parameter: number;
  readonly method: string;
  readonly maxRelativeError: number;
  readonly medianRelativeError: number;
};

/** Errors at or below this (exact to float64) are drawn at this floor, since a log axis cannot show 0. */
export const ERROR_FLOOR = 1e-17;

/**
 * Error against the parameter, log-log, one line per method: the largest relative error over the reference
 * points of each parameter value (floored at {@link ERROR_FLOOR}; NaN left out).
 */
export function errorFigure(title: string, parameter: string, rows: readonly ErrorRow[]): VegaLiteSpec {
  return lineChart({
    rows: rows
      .filter((r) => Number.isFinite(r.maxRelativeError))
      .map((r) => ({ ...r, maxRelativeError: Math.max(r.maxRelativeError, ERROR_FLOOR) })),
    x: 'parameter',
    y: 'maxRelativeError',
    color: 'method',
    title,
    xTitle: parameter,
    yTitle: `max relative error of dz/d${parameter}`,
    logX: true,
    logY: true,
  });
}
