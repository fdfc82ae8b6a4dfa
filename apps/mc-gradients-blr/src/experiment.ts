import { describeBackend, foldIn, type Seed } from '@proj/core';
import { type CostFunction, deltaMethod, type EstimatorOptions, estimatorByName } from '@proj/mc-gradients';
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { blrClaims, claimsTable, finalSmoothedVariance } from './claims.js';
import type { BlrConfig, RunConfig } from './config.js';
import { BREAST_CANCER_CSV, batchIndices, readCsvDataset, standardizeWithBias } from './data.js';
import { singleSampleVariance } from './gradient-variance.js';
import { dataTerm, evaluate, klToPrior, posterior } from './model.js';
import { SURVEY } from './paper.js';
import { accuracyChart, elboChart, varianceChart } from './plot.js';
import type { EvaluationRecord, RunResult } from './run-result.js';
import { movingAverage } from './smoothing.js';

const COMMAND = 'pnpm repro mc-gradients-blr';

/**
 * Single-sample gradient estimates per chunk of the variance evaluation: 100 measure-valued estimates evaluate
 * the cost on 100·4·31 weight vectors × 569 rows (7M logits, 28 MB), not 1,000 at once (280 MB).
 */
const VARIANCE_CHUNK = 100;

type Params = 'loc' | 'scale';

/**
 * Trains the diagonal-Gaussian posterior of a Bayesian logistic regression on UCI breast cancer once per run
 * (estimator × control variate), from the same initialization and the same mini-batches, logging the ELBO,
 * the accuracy and the gradient variance; then the figures, the table and the claims.
 */
export async function runBlr(config: BlrConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const data = standardizeWithBias(readCsvDataset(BREAST_CANCER_CSV));
  const features = tf.tensor2d(data.features, [data.rows, data.columns]);
  const labels = tf.tensor1d(data.labels);
  const results: RunResult[] = [];
  try {
    reporter.start(config.runs.length * config.steps, 'blr');
    // Units of work (resumable): one per run. A run draws its mini-batches from foldIn(seed, 'batches') and its
    // estimates from foldIn(seed, label), never from state of an earlier run, so a resumed run ends as an
    // uninterrupted one.
    for (const [index, runConfig] of config.runs.entries()) {
      results.push(
        await context.unit(`run ${runConfig.label}`, () =>
          train(config, runConfig, { features, labels, rows: data.rows }, seed, context, (step, metrics) => {
            reporter.tick(index * config.steps + step, metrics);
          }),
        ),
      );
    }
    reporter.done();
  } finally {
    tf.dispose([features, labels]);
  }

  const records = results.flatMap((r) => r.records);
  const smoothed = results.flatMap((r) => {
    const curve = movingAverage(r.records.map((x) => x.meanVariance));
    return r.records.map((x, i) => ({ run: x.run, step: x.step, meanVariance: x.meanVariance, smoothed: curve[i]! }));
  });
  await writePlot(run.dir, 'elbo', elboChart(records));
  await writePlot(run.dir, 'gradient-variance', varianceChart(smoothed, 2 * data.columns));
  await writePlot(run.dir, 'accuracy', accuracyChart(records));
  const runs = results.map(summarize);
  run.writeFile('runs.csv', toCsv(runs));
  reporter.log(`\n${formatTable(runs)}\n`);
  const claims = blrClaims(results, data.columns);
  return {
    table: claimsTable(claims, SURVEY, COMMAND),
    summary: { backend, dataset: 'UCI breast cancer (WDBC), 569 rows, 30 features + bias', runs },
    claims,
  };
}

interface Data {
  readonly features: tf.Tensor2D;
  readonly labels: tf.Tensor1D;
  readonly rows: number;
}

/**
 * SGD on −ELBO = KL(q ‖ p) − E_q[f], with the run's estimate of ∇E_q[f] and the exact gradient of the KL; every
 * evaluation is appended to metrics.jsonl as it comes.
 */
async function train(
  config: BlrConfig,
  runConfig: RunConfig,
  data: Data,
  seed: Seed,
  { run, checkpoint }: AppContext,
  tick: (step: number, metrics: { elbo: number }) => void,
): Promise<RunResult> {
  const dimension = data.features.shape[1];
  // Both initialized to 0, as the reference code: q = N(0, I), the prior.
  const [loc, logScale] = tf.tidy(() => [tf.variable(tf.zeros([dimension])), tf.variable(tf.zeros([dimension]))]);
  const estimator = estimatorByName(runConfig.estimator);
  const extra = runConfig.coupling === undefined ? {} : { coupling: runConfig.coupling };
  const controlVariateOptions = {
    numCoefficientSamples: config.controlVariate.coefficientSamples,
    ...(config.controlVariate.decay === null ? {} : { decay: config.controlVariate.decay }),
  };
  const trainingControlVariate = runConfig.controlVariate === 'delta' ? deltaMethod(controlVariateOptions) : undefined;
  const nextBatch = batchIndices(data.rows, config.batchSize, foldIn(seed, 'batches'));
  const runSeed = foldIn(seed, runConfig.label);
  // The gradient variance is evaluated on the full data set, as the reference code does.
  const fullData = dataTerm(data.features, data.labels, data.rows);
  const records: EvaluationRecord[] = [];
  let trainingMs = 0;
  let costRows = 0;
  try {
    for (let step = 1; step <= config.steps; step++) {
      await checkpoint();
      const started = performance.now();
      const indices = tf.tensor1d(nextBatch(), 'int32');
      const batchFeatures = tf.gather(data.features, indices) as tf.Tensor2D;
      const batchLabels = tf.gather(data.labels, indices) as tf.Tensor1D;
      const batchCost = dataTerm(batchFeatures, batchLabels, data.rows);
      const counted: CostFunction = (w) => {
        costRows += w.shape[0]!;
        return batchCost(w);
      };
      const options = (numSamples: number, stepSeed: Seed, cost: CostFunction): EstimatorOptions<Params> => ({
        cost,
        distribution: posterior,
        params: { loc, scale: tf.exp(logScale) },
        numSamples,
        seed: stepSeed,
        ...extra,
      });
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const estimate = estimator({
            ...options(config.numSamples, foldIn(runSeed, step), counted),
            ...(trainingControlVariate === undefined ? {} : { controlVariate: trainingControlVariate }),
          });
          return tf.sub(klToPrior(loc, logScale), estimate.surrogate);
        }, [loc, logScale]);
        const rate = config.learningRate * Math.cos(((Math.PI / 2) * (step - 1)) / config.steps);
        loc.assign(tf.sub(loc, tf.mul(rate, grads[loc.name]!)));
        logScale.assign(tf.sub(logScale, tf.mul(rate, grads[logScale.name]!)));
      });
      trainingMs += performance.now() - started;
      if (step % config.evaluation.every === 0 || step === config.steps || step === 1) {
        const evaluation = evaluate(
          data.features,
          data.labels,
          loc,
          logScale,
          config.evaluation.elboSamples,
          foldIn(runSeed, `elbo/${step}`),
        );
        // The variance of the single-sample estimate (one row of the per-sample estimates) on the full data set;
        // the variance of the training estimate is this divided by numSamples.
        const variance = singleSampleVariance(
          (n, chunkSeed) =>
            tf.tidy(() => {
              const { perSample } = estimator({
                ...options(n, chunkSeed, fullData),
                perSample: true,
                ...(runConfig.controlVariate === 'delta' ? { controlVariate: deltaMethod(controlVariateOptions) } : {}),
              });
              return tf.concat([perSample!.loc, tf.mul(perSample!.scale, tf.exp(logScale))], 1) as tf.Tensor2D;
            }),
          config.evaluation.varianceSamples,
          VARIANCE_CHUNK,
          foldIn(runSeed, `variance/${step}`),
        );
        const [meanVariance, maxVariance] = [variance.mean, variance.max];
        const record = { run: runConfig.label, step, ...evaluation, meanVariance, maxVariance };
        records.push(record);
        run.appendMetrics(record);
        tick(step, { elbo: evaluation.elbo });
      }
      tf.dispose([indices, batchFeatures, batchLabels]);
    }
  } finally {
    tf.dispose([loc, logScale]);
  }
  return {
    config: runConfig,
    records,
    msPerStep: trainingMs / config.steps,
    costRowsPerSample: costRows / (config.steps * config.numSamples),
  };
}

/** The last evaluation of a run and its averages over training. */
function summarize(result: RunResult) {
  const last = result.records[result.records.length - 1]!;
  const average = (key: 'meanVariance' | 'maxVariance') =>
    result.records.reduce((sum, r) => sum + r[key], 0) / result.records.length;
  return {
    run: result.config.label,
    'final ELBO': last.elbo,
    'final accuracy': last.accuracy,
    'gradient variance (mean over dims, averaged over training)': average('meanVariance'),
    'gradient variance (max over dims, averaged over training)': average('maxVariance'),
    'final gradient variance (mean over dims, moving average)': finalSmoothedVariance(result),
    'ms per step': result.msPerStep,
  };
}
