import { describeBackend, foldIn, type Seed } from '@proj/core';
import { deltaMethod, type EstimatorOptions, estimatorByName } from '@proj/mc-gradients';
import type { AppContext, AppOutcome, Check } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import type { BlrConfig, RunConfig } from './config.js';
import { BREAST_CANCER_CSV, batchIndices, readCsvDataset, standardizeWithBias } from './data.js';
import { dataTerm, evaluate, klToPrior, posterior } from './model.js';
import { accuracyChart, elboChart, varianceChart } from './plot.js';

const COMMAND = 'pnpm repro mc-gradients-blr';

/** One evaluation of one run. */
type EvaluationRecord = {
  readonly run: string;
  readonly step: number;
  readonly elbo: number;
  readonly kl: number;
  readonly accuracy: number;
  /** Per-dimension variance of the single-sample gradient estimate over loc and log-scale: mean and max. */
  readonly meanVariance: number;
  readonly maxVariance: number;
};

interface RunResult {
  readonly config: RunConfig;
  readonly records: readonly EvaluationRecord[];
  readonly msPerStep: number;
}

type Params = 'loc' | 'scale';

/**
 * Trains the diagonal-Gaussian posterior of a Bayesian logistic regression on UCI breast cancer once per run
 * (estimator × control variate), from the same initialization and the same mini-batches, logging the ELBO,
 * the accuracy and the gradient variance; then the figures, the claims table and the checks.
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
  await writePlot(run.dir, 'elbo', elboChart(records));
  await writePlot(run.dir, 'gradient-variance', varianceChart(records));
  await writePlot(run.dir, 'accuracy', accuracyChart(records));
  const runs = results.map(summarize);
  run.writeFile('runs.csv', toCsv(runs));
  reporter.log(`\n${formatTable(runs)}\n`);
  const table = claims(results, config, data.columns);
  return {
    table,
    summary: { backend, dataset: 'UCI breast cancer (WDBC), 569 rows, 30 features + bias', runs },
    checks: checks(results),
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
  const records: EvaluationRecord[] = [];
  let trainingMs = 0;
  try {
    for (let step = 1; step <= config.steps; step++) {
      await checkpoint();
      const started = performance.now();
      const indices = tf.tensor1d(nextBatch(), 'int32');
      const batchFeatures = tf.gather(data.features, indices) as tf.Tensor2D;
      const batchLabels = tf.gather(data.labels, indices) as tf.Tensor1D;
      const cost = dataTerm(batchFeatures, batchLabels, data.rows);
      const options = (numSamples: number, stepSeed: Seed): EstimatorOptions<Params> => ({
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
            ...options(config.numSamples, foldIn(runSeed, step)),
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
        // The variance of the single-sample estimate (one row of the per-sample estimates), on this step's batch;
        // the variance of the training estimate is this divided by numSamples.
        const [meanVariance, maxVariance] = tf.tidy(() => {
          const { perSample } = estimator({
            ...options(config.evaluation.varianceSamples, foldIn(runSeed, `variance/${step}`)),
            perSample: true,
            ...(runConfig.controlVariate === 'delta' ? { controlVariate: deltaMethod(controlVariateOptions) } : {}),
          });
          const logScaleEstimates = tf.mul(perSample!.scale, tf.exp(logScale));
          const variances = tf.concat([
            tf.moments(perSample!.loc, 0).variance,
            tf.moments(logScaleEstimates, 0).variance,
          ]);
          return [tf.mean(variances).dataSync()[0]!, tf.max(variances).dataSync()[0]!];
        });
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
  return { config: runConfig, records, msPerStep: trainingMs / config.steps };
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
    'final gradient variance (mean over dims)': last.meanVariance,
    'ms per step': result.msPerStep,
  };
}

const find = (results: readonly RunResult[], estimator: string, controlVariate: 'none' | 'delta') =>
  results.find((r) => r.config.estimator === estimator && r.config.controlVariate === controlVariate);
const meanVariance = (r: RunResult) => r.records.reduce((sum, x) => sum + x.meanVariance, 0) / r.records.length;
const finalElbo = (r: RunResult) => r.records[r.records.length - 1]!.elbo;
const sci = (v: number) => v.toExponential(2);

/** The survey's qualitative findings (research notes §2.3) next to ours. */
function claims(results: readonly RunResult[], config: BlrConfig, dimension: number) {
  const [sf, sfDelta, pw, pwDelta, mv] = [
    find(results, 'scoreFunction', 'none'),
    find(results, 'scoreFunction', 'delta'),
    find(results, 'pathwise', 'none'),
    find(results, 'pathwise', 'delta'),
    find(results, 'measureValued', 'none'),
  ];
  const rows: Array<{ claim: string; paper: string; ours: string; command: string }> = [];
  if (sf && pw) {
    rows.push({
      claim: 'score function: gradient variance far above pathwise',
      paper: 'orders of magnitude higher',
      ours: `${(meanVariance(sf) / meanVariance(pw)).toFixed(0)}x (${sci(meanVariance(sf))} vs ${sci(meanVariance(pw))})`,
      command: COMMAND,
    });
    rows.push({
      claim: 'score function: slower ELBO progress',
      paper: 'lower ELBO than pathwise during training',
      ours: `final ELBO ${finalElbo(sf).toFixed(1)} (score function) vs ${finalElbo(pw).toFixed(1)} (pathwise)`,
      command: COMMAND,
    });
  }
  if (sf && sfDelta) {
    rows.push({
      claim: 'delta-method control variate lowers the score-function variance',
      paper: 'closes much of the gap to pathwise',
      ours: `${(meanVariance(sf) / meanVariance(sfDelta)).toFixed(0)}x lower (${sci(meanVariance(sfDelta))}); final ELBO ${finalElbo(sfDelta).toFixed(1)}`,
      command: COMMAND,
    });
  }
  if (pw && pwDelta) {
    rows.push({
      claim: 'delta method on pathwise',
      paper: 'variance reduced further',
      ours: `${(meanVariance(pw) / meanVariance(pwDelta)).toFixed(1)}x lower (${sci(meanVariance(pwDelta))})`,
      command: COMMAND,
    });
  }
  if (pw && mv) {
    rows.push({
      claim: 'pathwise and coupled measure-valued: lowest variance, similar ELBO',
      paper: 'lowest variance; similar ELBO',
      ours: `variance ${sci(meanVariance(pw))} (pathwise), ${sci(meanVariance(mv))} (measure-valued); final ELBO ${finalElbo(pw).toFixed(1)} vs ${finalElbo(mv).toFixed(1)}`,
      command: COMMAND,
    });
    rows.push({
      claim: 'measure-valued: about 2D times the cost evaluations',
      paper: `2·D = ${2 * dimension} evaluations per parameter vector`,
      ours: `${4 * dimension * config.numSamples} vs ${config.numSamples} cost rows per step (D = ${dimension}); ${(mv.msPerStep / pw.msPerStep).toFixed(1)}x the time per step`,
      command: COMMAND,
    });
  }
  return rows;
}

function checks(results: readonly RunResult[]): Check[] {
  const out: Check[] = results.map((r) => ({
    name: `${r.config.label} trains: the ELBO rises`,
    pass: finalElbo(r) > r.records[0]!.elbo,
    detail: `${r.records[0]!.elbo.toFixed(1)} → ${finalElbo(r).toFixed(1)}, accuracy ${r.records[r.records.length - 1]!.accuracy.toFixed(3)}`,
  }));
  const [sf, sfDelta, pw] = [
    find(results, 'scoreFunction', 'none'),
    find(results, 'scoreFunction', 'delta'),
    find(results, 'pathwise', 'none'),
  ];
  if (sf && pw) {
    out.push({
      name: 'score-function gradient variance is at least 10x the pathwise one',
      pass: meanVariance(sf) >= 10 * meanVariance(pw),
      detail: `${(meanVariance(sf) / meanVariance(pw)).toFixed(0)}x`,
    });
  }
  if (sf && sfDelta) {
    out.push({
      name: 'the delta method lowers the score-function gradient variance',
      pass: meanVariance(sfDelta) < meanVariance(sf),
      detail: `${(meanVariance(sf) / meanVariance(sfDelta)).toFixed(1)}x`,
    });
  }
  return out;
}
