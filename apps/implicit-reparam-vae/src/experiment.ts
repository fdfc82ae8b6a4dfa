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
import type { AppContext, AppOutcome } from '@proj/repro';
import { formatTable, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { claimTable, vaeClaims } from './claims.js';
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
import { type CurveRow, curveFigure, latentFigure } from './plot.js';
import type { EvaluationRecord, MethodResult } from './results.js';

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
 * log-likelihood and the gradient variance as it goes; then the latent pictures, the curves and the claims.
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
  const claims = vaeClaims(
    results,
    summary.map((s) => s['latent 1-NN accuracy']),
    config.latentDim,
  );
  return {
    table: claimTable(claims),
    summary: {
      backend,
      dataset: `@proj/mnist fixed split: ${train.n} training and ${testSet.n} test digits, ${config.data.binarization} binarization`,
      importanceSamples: config.evaluation.importanceSamples,
      methods: summary,
    },
    claims,
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
