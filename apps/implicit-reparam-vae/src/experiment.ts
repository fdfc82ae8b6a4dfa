import { describeBackend, foldIn, type Seed } from '@proj/core';
import {
  binarize,
  binarizeStochastic,
  IMAGE_SIZE,
  type MnistSet,
  mnistSplit,
  seededPermutation,
  takeDigits,
} from '@proj/mnist';
import type { AppContext, AppOutcome, Check } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import type { MethodConfig, VaeConfig } from './config.js';
import {
  createVae,
  disposeVae,
  evaluateBatch,
  type GradientMethod,
  objective,
  posteriorMeans,
  spreadGradientVariance,
  type Vae,
  vaeVariables,
} from './model.js';
import { nearestNeighbourAccuracy } from './neighbours.js';
import { paperClaim } from './paper.js';
import { type CurveRow, curveFigure, latentFigure } from './plot.js';

const COMMAND = 'pnpm repro implicit-reparam-vae';

/** One evaluation of one method (a line of metrics.jsonl). */
type EvaluationRecord = {
  readonly method: string;
  readonly epoch: number;
  readonly step: number;
  /** Mean one-sample training ELBO over the epoch's steps (null at epoch 0). */
  readonly trainElbo: number | null;
  readonly testElbo: number;
  readonly testLogLikelihood: number;
  /** Variance of the spread-bias gradient per estimator at the current parameters (von Mises: both). */
  readonly gradientVariance: Readonly<Partial<Record<GradientMethod, number>>>;
};

/** A unit's result (JSON). */
interface MethodResult {
  readonly config: MethodConfig;
  readonly records: readonly EvaluationRecord[];
  /** Test digits' posterior locations, [n·d] row-major. */
  readonly means: readonly number[];
  readonly msPerStep: number;
}

/** The binarized data as the run uses it. */
interface Data {
  readonly train: MnistSet;
  readonly test: tf.Tensor2D;
  readonly testLabels: Int32Array;
  /** The fixed batch of the gradient-variance probe. */
  readonly probe: tf.Tensor2D;
}

/**
 * Trains one MNIST VAE per method (Normal latents; von Mises latents with implicit or score-function gradients
 * for the concentration) on @proj/mnist's fixed split with Adam, evaluating the test ELBO, the importance-sampled
 * log-likelihood and the gradient variance as it goes; then the latent pictures, the curves, the claims table
 * and the checks.
 */
export async function runVae(config: VaeConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const backend = describeBackend(backendInfo);
  const split = mnistSplit();
  const train = takeDigits(split.train, config.data.train);
  const testSet = takeDigits(split.test, config.data.test);
  const binary = (images: Float32Array, s: Seed) =>
    config.data.binarization === 'dynamic' ? binarizeStochastic(images, s) : binarize(images);
  const probeImages = train.images.subarray(0, Math.min(config.training.batchSize, train.n) * IMAGE_SIZE);
  const data: Data = {
    train,
    test: tf.tensor2d(binary(testSet.images, foldIn(seed, 'binarize/test')), [testSet.n, IMAGE_SIZE]),
    testLabels: testSet.labels,
    probe: tf.tensor2d(binary(probeImages, foldIn(seed, 'binarize/probe')), [
      probeImages.length / IMAGE_SIZE,
      IMAGE_SIZE,
    ]),
  };
  const stepsPerEpoch = Math.ceil(train.n / config.training.batchSize);
  const results: MethodResult[] = [];
  try {
    reporter.start(config.methods.length * config.training.epochs, 'vae');
    // Units of work (resumable): one per method. A method draws its initialization from foldIn(seed, 'init/' +
    // family), its binarizations and mini-batches from foldIn(seed, 'binarize|batches/' + epoch) and its latent draws
    // from foldIn(seed, label), never from state of an earlier method, so a resumed run ends as an uninterrupted one.
    for (const [index, method] of config.methods.entries()) {
      results.push(
        await context.unit(`method ${method.label}`, () =>
          trainMethod(config, method, data, seed, stepsPerEpoch, context, binary, (epoch, metrics) =>
            reporter.tick(index * config.training.epochs + epoch, metrics),
          ),
        ),
      );
    }
    reporter.done();
  } finally {
    tf.dispose([data.test, data.probe]);
  }

  for (const result of results) {
    const torus = result.config.latent === 'vonMises';
    const d = config.latentDim;
    const points = Array.from({ length: data.testLabels.length }, (_, i) => ({
      z1: result.means[i * d]!,
      z2: d > 1 ? result.means[i * d + 1]! : 0,
      digit: String(data.testLabels[i]),
    }));
    const title = `${result.config.label}: test digits' posterior ${torus ? 'mean directions on the torus' : 'means'}`;
    await writePlot(run.dir, `latent-${slug(result.config.label)}`, latentFigure(title, points, torus));
  }
  const records = results.flatMap((r) => r.records);
  const curve = (pick: (r: EvaluationRecord) => number | null | undefined): CurveRow[] =>
    records.flatMap((r) => {
      const value = pick(r);
      return value === null || value === undefined ? [] : [{ method: r.method, epoch: r.epoch, value }];
    });
  await writePlot(
    run.dir,
    'test-log-likelihood',
    curveFigure(
      'Importance-sampled test log-likelihood',
      'log p(x) (nats per digit)',
      curve((r) => r.testLogLikelihood),
    ),
  );
  await writePlot(
    run.dir,
    'test-elbo',
    curveFigure(
      'Test ELBO',
      'ELBO (nats per digit)',
      curve((r) => r.testElbo),
    ),
  );
  const varianceRows = records.flatMap((r) =>
    Object.entries(r.gradientVariance).map(([estimator, value]) => ({
      method: `${r.method} | ${estimator} estimator`,
      epoch: r.epoch,
      value: value!,
    })),
  );
  await writePlot(
    run.dir,
    'gradient-variance',
    curveFigure('Variance of the gradient w.r.t. the spread biases (one batch)', 'variance', varianceRows, true),
  );
  const summary = results.map((r) => summarize(r, data.testLabels, config.latentDim));
  run.writeFile('methods.csv', toCsv(summary));
  reporter.log(`\n${formatTable(summary)}\n`);
  return {
    table: claims(results, summary),
    summary: {
      backend,
      dataset: `@proj/mnist fixed split: ${train.n} training and ${testSet.n} test digits, ${config.data.binarization} binarization`,
      importanceSamples: config.evaluation.importanceSamples,
      methods: summary,
    },
    checks: checks(results),
  };
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Adam on −ELBO (the method's surrogate), evaluating after epoch 0, every `everyEpochs` and after the last. */
async function trainMethod(
  config: VaeConfig,
  method: MethodConfig,
  data: Data,
  seed: Seed,
  stepsPerEpoch: number,
  { run, checkpoint }: AppContext,
  binary: (images: Float32Array, seed: Seed) => Float32Array,
  tick: (epoch: number, metrics: { testLogLikelihood: number }) => void,
): Promise<MethodResult> {
  const vae = createVae(method.latent, config.latentDim, config.hidden, foldIn(seed, `init/${method.latent}`));
  const optimizer = tf.train.adam(config.training.learningRate);
  const methodSeed = foldIn(seed, method.label);
  const records: EvaluationRecord[] = [];
  const { batchSize } = config.training;
  let trainingMs = 0;
  let step = 0;
  let elboSum: tf.Scalar | undefined;
  try {
    records.push(evaluation(config, method, vae, data, methodSeed, 0, 0, null));
    run.appendMetrics(records[0]!);
    for (let epoch = 1; epoch <= config.training.epochs; epoch++) {
      const images = binary(data.train.images, foldIn(seed, `binarize/${epoch}`));
      const order = seededPermutation(data.train.n, foldIn(seed, `batches/${epoch}`));
      // Summed on the backend and read once per epoch: no read-back inside a training step.
      elboSum?.dispose();
      elboSum = tf.scalar(0);
      for (let b = 0; b < stepsPerEpoch; b++) {
        await checkpoint();
        const started = performance.now();
        step++;
        const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, data.train.n));
        const batch = new Float32Array(rows.length * IMAGE_SIZE);
        for (const [i, row] of rows.entries()) {
          batch.set(images.subarray(row * IMAGE_SIZE, (row + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
        }
        const previous = elboSum;
        elboSum = tf.tidy(() => {
          const x = tf.tensor2d(batch, [rows.length, IMAGE_SIZE]);
          let elbo: tf.Tensor | undefined;
          optimizer.minimize(
            () => {
              const o = objective(vae, method.gradient, x, foldIn(methodSeed, step));
              elbo = tf.keep(o.elbo);
              return tf.neg(o.surrogate);
            },
            false,
            vaeVariables(vae),
          );
          const sum = tf.add(previous, elbo!) as tf.Scalar;
          elbo!.dispose();
          return sum;
        });
        previous.dispose();
        trainingMs += performance.now() - started;
      }
      if (epoch % config.evaluation.everyEpochs === 0 || epoch === config.training.epochs) {
        const record = evaluation(
          config,
          method,
          vae,
          data,
          methodSeed,
          epoch,
          step,
          elboSum.dataSync()[0]! / stepsPerEpoch,
        );
        records.push(record);
        run.appendMetrics(record);
        tick(epoch, { testLogLikelihood: record.testLogLikelihood });
      }
    }
    return { config: method, records, means: Array.from(posteriorMeans(vae, data.test)), msPerStep: trainingMs / step };
  } finally {
    elboSum?.dispose();
    optimizer.dispose();
    disposeVae(vae);
  }
}

/** Test ELBO and importance-sampled log-likelihood (in batches), and the gradient-variance probe. */
function evaluation(
  config: VaeConfig,
  method: MethodConfig,
  vae: Vae,
  data: Data,
  methodSeed: Seed,
  epoch: number,
  step: number,
  trainElbo: number | null,
): EvaluationRecord {
  const { batchSize, importanceSamples, varianceRepeats } = config.evaluation;
  const n = data.test.shape[0];
  let elbo = 0;
  let logLikelihood = 0;
  for (let start = 0; start < n; start += batchSize) {
    const x = tf.slice(data.test, [start, 0], [Math.min(batchSize, n - start), IMAGE_SIZE]);
    const batch = evaluateBatch(vae, x, importanceSamples, foldIn(methodSeed, `eval/${epoch}/${start}`));
    x.dispose();
    elbo += batch.elboSum;
    logLikelihood += batch.logLikelihoodSum;
  }
  const estimators: GradientMethod[] = method.latent === 'normal' ? ['reparameterized'] : ['implicit', 'scoreFunction'];
  const gradientVariance = Object.fromEntries(
    estimators.map((e) => [
      e,
      spreadGradientVariance(vae, e, data.probe, foldIn(methodSeed, `variance/${epoch}/${e}`), varianceRepeats),
    ]),
  );
  return {
    method: method.label,
    epoch,
    step,
    trainElbo,
    testElbo: elbo / n,
    testLogLikelihood: logLikelihood / n,
    gradientVariance,
  };
}

/** A method's final evaluation, its training speed and its latent-space 1-NN accuracy. */
function summarize(result: MethodResult, labels: Int32Array, d: number) {
  const last = result.records[result.records.length - 1]!;
  const mean = (key: GradientMethod) => {
    const values = result.records.flatMap((r) =>
      r.gradientVariance[key] === undefined ? [] : [r.gradientVariance[key]!],
    );
    return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  };
  return {
    method: result.config.label,
    latent: result.config.latent,
    gradient: result.config.gradient,
    'test ELBO': last.testElbo,
    'test log-likelihood (IS)': last.testLogLikelihood,
    'latent 1-NN accuracy': nearestNeighbourAccuracy(result.means, labels, d, result.config.latent === 'vonMises'),
    'spread-gradient variance, implicit (mean over evaluations)': mean('implicit'),
    'spread-gradient variance, score function (mean over evaluations)': mean('scoreFunction'),
    'ms per step': result.msPerStep,
  };
}

type Summary = ReturnType<typeof summarize>;

const find = (results: readonly MethodResult[], latent: string, gradient: string) =>
  results.find((r) => r.config.latent === latent && r.config.gradient === gradient);
const last = (r: MethodResult) => r.records[r.records.length - 1]!;
const fixed = (v: number) => v.toFixed(2);

/** The paper's claims (src/paper.ts) next to ours. */
function claims(results: readonly MethodResult[], summary: readonly Summary[]) {
  const [normal, implicit, score] = [
    find(results, 'normal', 'reparameterized'),
    find(results, 'vonMises', 'implicit'),
    find(results, 'vonMises', 'scoreFunction'),
  ];
  const row = (id: Parameters<typeof paperClaim>[0], ours: string) => {
    const claim = paperClaim(id);
    return { claim: claim.claim, paper: claim.paper, ours, command: COMMAND };
  };
  const rows: Array<{ claim: string; paper: string; ours: string; command: string }> = [];
  if (normal && implicit) {
    rows.push(
      row(
        'vonMisesVsNormal',
        `log p(x) ${fixed(last(implicit).testLogLikelihood)} (von Mises) vs ${fixed(last(normal).testLogLikelihood)} (Normal); ELBO ${fixed(last(implicit).testElbo)} vs ${fixed(last(normal).testElbo)}`,
      ),
    );
  }
  const vonMises = results.filter((r) => r.config.latent === 'vonMises');
  if (vonMises.length > 0) {
    const ratios = vonMises.flatMap((r) =>
      r.records.map((x) => x.gradientVariance.scoreFunction! / x.gradientVariance.implicit!),
    );
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    rows.push(
      row(
        'implicitVariance',
        `score-function variance / implicit variance: median ${median.toPrecision(3)}x over ${ratios.length} evaluations (same parameters, same batch)`,
      ),
    );
  }
  if (implicit && score) {
    rows.push(
      row(
        'implicitElbo',
        `test ELBO ${fixed(last(implicit).testElbo)} (implicit) vs ${fixed(last(score).testElbo)} (score function)`,
      ),
    );
  }
  const torusRows = summary.filter((s) => s.latent === 'vonMises');
  if (torusRows.length > 0) {
    rows.push(
      row(
        'torus',
        torusRows
          .map(
            (s) =>
              `${s.method}: 1-NN digit accuracy ${(100 * s['latent 1-NN accuracy']).toFixed(1)}% (latent-${slug(s.method)}.svg)`,
          )
          .join('; '),
      ),
    );
  }
  return rows;
}

function checks(results: readonly MethodResult[]): Check[] {
  const out: Check[] = results.map((r) => ({
    name: `${r.config.label} trains: the test ELBO rises`,
    pass: last(r).testElbo > r.records[0]!.testElbo,
    detail: `${fixed(r.records[0]!.testElbo)} → ${fixed(last(r).testElbo)}`,
  }));
  out.push({
    name: 'the importance-sampled log-likelihood bounds the ELBO from above at every evaluation',
    pass: results.every((r) => r.records.every((x) => x.testLogLikelihood >= x.testElbo - 1e-3 * Math.abs(x.testElbo))),
    detail: results
      .map((r) => `${r.config.label}: ${fixed(last(r).testLogLikelihood)} ≥ ${fixed(last(r).testElbo)}`)
      .join('; '),
  });
  const vonMises = results.filter((r) => r.config.latent === 'vonMises');
  if (vonMises.length > 0) {
    const evaluations = vonMises.flatMap((r) => r.records);
    const lower = evaluations.filter((x) => x.gradientVariance.implicit! < x.gradientVariance.scoreFunction!).length;
    out.push({
      name: 'the implicit gradient of the von Mises concentration has lower variance than the score function',
      pass: lower === evaluations.length,
      detail: `${lower} of ${evaluations.length} evaluations`,
    });
  }
  return out;
}
