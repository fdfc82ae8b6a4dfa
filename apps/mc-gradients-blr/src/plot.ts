import { lineChart, type Row, type VegaLiteSpec } from '@proj/run';
import { SMOOTHING_WINDOW } from './smoothing.js';

/**
 * A line chart per run without point marks (hundreds of evaluations per line), lines clipped to the y range,
 * the legend wide enough for the run labels.
 */
function runChart(
  rows: readonly Row[],
  y: string,
  title: string,
  yTitle: string,
  scale: Readonly<Record<string, unknown>>,
): VegaLiteSpec {
  const base = lineChart({ rows, x: 'step', y, color: 'run', title, yTitle });
  const encoding = base.encoding as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return {
    ...base,
    mark: { type: 'line', clip: true },
    encoding: {
      ...encoding,
      y: { ...encoding.y, scale },
      color: { ...encoding.color, legend: { labelLimit: 400 } },
    },
  };
}

/** ELBO on all rows against the step, one line per run; y from 40 nats below the lowest final ELBO. */
export function elboChart(rows: readonly Row[]): VegaLiteSpec {
  const finals = new Map<unknown, number>();
  for (const row of rows) finals.set(row.run, row.elbo as number);
  const elbos = rows.map((row) => row.elbo as number).filter(Number.isFinite);
  const low = Math.min(...finals.values()) - 40;
  return runChart(
    rows,
    'elbo',
    'Bayesian logistic regression, UCI breast cancer: ELBO during training',
    'ELBO (all 569 rows)',
    { domain: [Math.floor(low), Math.ceil(Math.max(...elbos))] },
  );
}

/**
 * Mean per-parameter variance of the single-sample gradient estimate on the full data set, log scale, as the
 * reference code plots it: a centered moving average over 11 evaluations (`smoothed`, computed by the app with
 * `movingAverage`, which the claims read; the raw values are in the CSV).
 */
export function varianceChart(rows: readonly Row[], parameters: number): VegaLiteSpec {
  return runChart(
    rows,
    'smoothed',
    `Variance of the single-sample gradient estimate (mean over the ${parameters} parameters, moving average of ${SMOOTHING_WINDOW} evaluations)`,
    'per-sample gradient variance (full data)',
    { type: 'log' },
  );
}

/** Accuracy on all rows (threshold the logits at 0, averaged over posterior draws). */
export function accuracyChart(rows: readonly Row[]): VegaLiteSpec {
  return runChart(rows, 'accuracy', 'Accuracy during training', 'accuracy (all 569 rows)', { domain: [0.9, 1] });
}
