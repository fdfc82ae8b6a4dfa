import { describeBackend, foldIn, type Seed } from '@proj/core';
import { normal } from '@proj/core/distributions';
import { estimatorByName, optimalBaseline } from '@proj/mc-gradients';
import type { AppContext, AppOutcome } from '@proj/repro';
import { writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { type Point, varianceClaims } from './claims.js';
import { gridValues, type VarianceConfig } from './config.js';
import { COSTS, type SurveyCost } from './costs.js';
import { type EstimatorVariant, exactMoments } from './exact-variance.js';
import { type VarianceRow, varianceFigure } from './plot.js';
import { scipyValue, tableColumn } from './scipy-table.js';
import { type SampleMoments, sampleMoments } from './statistics.js';

const COMMAND = 'pnpm repro mc-gradients-variance';
const PARAMS = ['loc', 'scale'] as const;
const SYMBOL = { loc: 'μ', scale: 'σ' } as const;

/**
 * For each figure (cost) and each k of its grid and of its table: every estimator's exact variance of ∂μ and
 * ∂σ by quadrature and its Monte Carlo variance from N per-sample estimates of @proj/mc-gradients; then the
 * figures, the orderings table and the claims.
 */
export async function runVariance(config: VarianceConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const started = performance.now();
  const todo = config.figures.flatMap((figure) => [
    ...gridValues(figure.k).map((k, i) => ({ figure, k, inTable: false, id: `${figure.cost} grid.${i} k=${k}` })),
    ...figure.tableK.map((k, i) => ({ figure, k, inTable: true, id: `${figure.cost} table.${i} k=${k}` })),
  ]);
  reporter.start(todo.length, 'variance');
  const points: Point[] = [];
  // Units of work (resumable): one per (cost, k) point, all estimators. The Monte Carlo seed of an estimator at a
  // point is foldIn(seed, cost/k/estimator), and the quadrature is deterministic, so a resumed run ends as an
  // uninterrupted one.
  for (const [i, { figure, k, inTable, id }] of todo.entries()) {
    const cost = COSTS[figure.cost];
    const moments = await context.unit(id, () => {
      const estimates = config.estimators.map((variant) => ({
        exact: exactMoments(cost, k, config.mu, config.sigma, variant, config.quadrature),
        monteCarlo: monteCarlo(cost, k, variant, config, foldIn(seed, `${cost.name}/${k}/${variant.label}`)),
      }));
      run.appendMetrics({
        cost: cost.name,
        k,
        table: inTable,
        ...Object.fromEntries(
          estimates.flatMap((e, j) =>
            PARAMS.flatMap((param, p) => [
              [`${tableColumn(config.estimators[j]!)} ${param} exact`, e.exact.variance[p]],
              [`${tableColumn(config.estimators[j]!)} ${param} mc`, e.monteCarlo[p]!.variance],
            ]),
          ),
        ),
      });
      return estimates;
    });
    const estimates = moments.map((m, j) => ({ variant: config.estimators[j]!, ...m }));
    points.push({ figure, k, inTable, estimates });
    reporter.tick(i + 1, { k });
  }
  reporter.done();

  for (const figure of config.figures) {
    const rows: VarianceRow[] = points
      .filter((p) => p.figure === figure && !p.inTable)
      .flatMap((p) =>
        p.estimates.flatMap((e) =>
          PARAMS.map((parameter, j) => ({
            k: p.k,
            parameter,
            estimator: e.variant.label,
            exact: e.exact.variance[j]!,
            monteCarlo: e.monteCarlo[j]!.variance,
          })),
        ),
      );
    await writePlot(run.dir, `variance-${figure.cost}`, varianceFigure(figure, COSTS[figure.cost].formula, rows));
  }

  const tablePoints = points.filter((p) => p.inTable);
  const table = tablePoints.flatMap((p) =>
    PARAMS.map((param, j) => ({
      case: `${COSTS[p.figure.cost].formula}, k = ${p.k}, ∂${SYMBOL[param]}`,
      'ours-exact (scipy)': ordering(
        p.estimates.flatMap((e) => {
          const printed = scipyValue(p.figure.cost, p.k, e.variant, j as 0 | 1);
          return printed === undefined
            ? []
            : [[tableColumn(e.variant), Number(printed), String(Number(printed))] as const];
        }),
      ),
      'ours (quadrature)': ordering(
        p.estimates.map((e) => [tableColumn(e.variant), e.exact.variance[j]!, format(e.exact.variance[j]!)] as const),
      ),
      'ours (Monte Carlo)': ordering(
        p.estimates.map(
          (e) => [tableColumn(e.variant), e.monteCarlo[j]!.variance, format(e.monteCarlo[j]!.variance)] as const,
        ),
      ),
      command: COMMAND,
    })),
  );

  return {
    table,
    summary: {
      backend,
      seconds: (performance.now() - started) / 1000,
      points: points.length,
      monteCarloSamples: config.monteCarlo.numSamples,
      tablePoints: tablePoints.map((p) => ({
        cost: p.figure.cost,
        k: p.k,
        estimates: p.estimates.map((e) => ({
          estimator: e.variant.label,
          exactVariance: e.exact.variance,
          monteCarloVariance: e.monteCarlo.map((m) => m.variance),
          scipy: [0, 1].map((j) => scipyValue(p.figure.cost, p.k, e.variant, j as 0 | 1) ?? null),
        })),
      })),
    },
    claims: varianceClaims(points, config.mu, config.sigma),
  };
}

/** N per-sample estimates of ∂μ and ∂σ from one estimator of @proj/mc-gradients, and their moments. */
function monteCarlo(
  cost: SurveyCost,
  k: number,
  variant: EstimatorVariant,
  config: VarianceConfig,
  seed: Seed,
): [SampleMoments, SampleMoments] {
  const [loc, scale] = tf.tidy(() => {
    const params = { loc: tf.scalar(config.mu), scale: tf.scalar(config.sigma) };
    const { perSample } = estimatorByName(variant.estimator)({
      cost: cost.tensor(k),
      distribution: (p: Record<'loc' | 'scale', tf.Tensor>) => normal({ loc: p.loc, scale: p.scale }),
      params,
      numSamples: config.monteCarlo.numSamples,
      seed,
      perSample: true,
      ...(variant.baseline === 'optimal'
        ? { baseline: optimalBaseline({ numSamples: config.monteCarlo.baselineSamples }) }
        : {}),
      ...(variant.coupling === undefined ? {} : { coupling: variant.coupling }),
    });
    return [perSample!.loc.dataSync() as Float32Array, perSample!.scale.dataSync() as Float32Array];
  });
  return [sampleMoments(loc), sampleMoments(scale)];
}

const format = (value: number): string => (Math.abs(value) < 1e-12 ? '0' : String(Number(value.toPrecision(4))));

/** "PW 4 < MVc 17.49 < SF 495": ascending, "=" between values equal to 1e-4 relative (4 printed digits). */
function ordering(entries: ReadonlyArray<readonly [string, number, string]>): string {
  const sorted = [...entries].sort((a, b) => a[1] - b[1]);
  return sorted
    .map(([name, value, text], i) => {
      if (i === 0) return `${name} ${text}`;
      const previous = sorted[i - 1]![1];
      const tie = Math.abs(value - previous) <= 1e-4 * Math.max(Math.abs(value), 1e-12);
      return `${tie ? '=' : '<'} ${name} ${text}`;
    })
    .join(' ');
}
