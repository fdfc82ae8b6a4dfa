import { describeBackend, foldIn, type Seed } from '@proj/core';
import { binarizeStochastic, IMAGE_SIZE, type MnistSet, mnistSplit, selectDigits, takeDigits } from '@proj/mnist';
import type { AppContext, AppOutcome } from '@proj/repro';
import { encodePng, formatTable, imageGrid, toCsv, writePlot } from '@proj/run';
import * as tf from '@tensorflow/tfjs-core';
import { claimTable, paperClaims, sanityClaims } from './claims.js';
import { noiseCount, noiseFraction, parseRatio, type Ratio, type RobustConfig } from './config.js';
import { meanIntensity, trainingObjects } from './data.js';
import { meanElbo, meanLogLikelihood, objectWeights, priorMeans } from './evaluate.js';
import { gapFigure, type SeriesRow, seriesFigure } from './plot.js';
import { type ModelResult, type RatioOutcome, ratioOutcome, type WeightSummary } from './results.js';
import { decodeImages, encodeImages, noiseLikeFraction, SIDE } from './samples.js';
import { auc, mean } from './statistics.js';
import { createModel, type EpochRecord, modelLabel, type Objective, type TrainingSet, trainModel } from './train.js';

/** The evaluation of one model (a line of metrics.jsonl, after its epochs). */
type EvaluationRecord = Omit<ModelResult, 'epochs' | 'samples' | 'msPerStep'> & { readonly kind: 'evaluation' };

/** The data every model of a run shares. */
interface Data {
  readonly clean: MnistSet;
  readonly intensity: number;
  /** Clean validation digits, binarized once. */
  readonly validation: tf.Tensor2D;
  /** Clean test digits, binarized once. */
  readonly test: tf.Tensor2D;
}

/**
 * Robust VI on MNIST with noise objects: per clean:noise ratio, one VAE trained with the ELBO and one per log α
 * of the grid trained with the robust bound, all from the same initialization and on the same batches; log α
 * chosen per ratio on the clean validation split; clean-test log-likelihoods, the learned weights on clean and
 * noise training objects, prior samples; the ratio table, the figures and the claims.
 */
export async function runRobust(config: RobustConfig, context: AppContext): Promise<AppOutcome> {
  const { seed, backend: backendInfo, reporter, run } = context;
  const split = mnistSplit();
  const { train, validation, test } = config.data;
  const clean = takeDigits(split.train, train);
  const validationSet = selectDigits(
    split.train,
    Array.from({ length: validation }, (_, i) => train + i),
  );
  const testSet = takeDigits(split.test, test);
  const binaryTensor = (set: MnistSet, name: string) =>
    tf.tensor2d(binarizeStochastic(set.images, foldIn(seed, `binarize/${name}`)), [set.n, IMAGE_SIZE]);
  const data: Data = {
    clean,
    intensity: meanIntensity(clean.images),
    validation: binaryTensor(validationSet, 'validation'),
    test: binaryTensor(testSet, 'test'),
  };
  const ratios = config.data.ratios.map(parseRatio);
  const objectives: Objective[] = [{ logAlpha: null }, ...config.robust.logAlphaGrid.map((logAlpha) => ({ logAlpha }))];
  const { epochs } = config.training;
  const results: ModelResult[] = [];
  try {
    reporter.start(ratios.length * objectives.length * epochs, 'robust-vi');
    // Units of work (resumable): one per (ratio, model). Every model starts from foldIn(seed, 'init'); the
    // binarizations and batches depend on the seed, the ratio and the epoch only; latent draws on the unit's id:
    // never on state of an earlier unit, so a resumed run ends as an uninterrupted one.
    for (const [r, ratio] of ratios.entries()) {
      for (const [o, objective] of objectives.entries()) {
        const id = `${ratio.label} ${modelLabel(objective)}`;
        const done = (r * objectives.length + o) * epochs;
        results.push(
          await context.unit(id, () =>
            runModel(config, data, ratio, objective, seed, context, (epoch, record) =>
              reporter.tick(done + epoch, { objective: record.objective }),
            ),
          ),
        );
      }
    }
    reporter.done();
  } finally {
    tf.dispose([data.validation, data.test]);
  }

  const outcomes = ratios.map((ratio) => ratioOutcome(ratio, results));
  await writeFigures(run.dir, outcomes, results, config);
  for (const outcome of outcomes) {
    for (const [kind, model] of [
      ['vae', outcome.vae],
      ['robust', outcome.robust],
    ] as const) {
      run.writeFile(`prior-samples-${kind}-${slug(outcome.ratio.label)}.png`, await samplePng(model.samples));
    }
  }
  const ratioTable = outcomes.map(ratioRow);
  run.writeFile('ratios.csv', toCsv(ratioTable));
  run.writeFile('models.csv', toCsv(results.map(modelRow)));
  reporter.log(`\n${formatTable(ratioTable)}\n`);
  const claims = [...paperClaims(outcomes), ...sanityClaims(results)];
  return {
    table: claimTable(claims),
    summary: {
      backend: describeBackend(backendInfo),
      dataset:
        `@proj/mnist fixed split: ${clean.n} clean training, ${validationSet.n} clean validation (the next digits of ` +
        `the training split) and ${testSet.n} clean test digits; noise objects: constant images of intensity ` +
        `${data.intensity.toFixed(4)} (the clean training digits' mean); all binarized dynamically`,
      noiseIntensity: data.intensity,
      ratios: ratioTable,
      models: results.map(modelRow),
    },
    claims,
  };
}

const slug = (label: string) => label.replace(':', 'to');

/** Trains and evaluates one model (a unit of work). */
async function runModel(
  config: RobustConfig,
  data: Data,
  ratio: Ratio,
  objective: Objective,
  seed: Seed,
  context: AppContext,
  tick: (epoch: number, record: EpochRecord) => void,
): Promise<ModelResult> {
  const model = modelLabel(objective);
  const set: TrainingSet = {
    ratio: ratio.label,
    clean: data.clean.images,
    cleanCount: data.clean.n,
    noiseCount: noiseCount(data.clean.n, ratio),
    intensity: data.intensity,
  };
  const vae = createModel(config, foldIn(seed, 'init'));
  try {
    const seeds = { run: seed, model: foldIn(seed, `${ratio.label}/${model}`) };
    const trained = await trainModel(config, vae, set, objective, seeds, context, tick);
    const { validationSamples, testSamples, batchSize, weightSamples, priorSamples, classifiedSamples } =
      config.evaluation;
    // Common evaluation seeds for every model: paired comparisons.
    const validationLogLikelihood = meanLogLikelihood(
      vae,
      data.validation,
      validationSamples,
      batchSize,
      foldIn(seed, 'evaluate/validation'),
    );
    const testLogLikelihood = meanLogLikelihood(vae, data.test, testSamples, batchSize, foldIn(seed, 'evaluate/test'));
    const testElbo = meanElbo(vae, data.test, batchSize, foldIn(seed, 'evaluate/elbo'));
    let weights: WeightSummary | null = null;
    if (objective.logAlpha !== null) {
      const objects = trainingObjects(
        set.clean,
        set.noiseCount,
        set.intensity,
        foldIn(seed, `binarize/${ratio.label}/weights`),
      );
      const w = objectWeights(vae, objects, objective.logAlpha, weightSamples, batchSize, foldIn(seed, 'weights'));
      const [cleanWeights, noiseWeights] = [w.subarray(0, set.cleanCount), w.subarray(set.cleanCount)];
      weights = {
        clean: mean(cleanWeights),
        noise: set.noiseCount > 0 ? mean(noiseWeights) : null,
        auc: set.noiseCount > 0 ? auc(cleanWeights, noiseWeights) : null,
      };
    }
    const prior = priorMeans(vae, Math.max(priorSamples, classifiedSamples), foldIn(seed, 'prior'));
    const evaluation: EvaluationRecord = {
      kind: 'evaluation',
      ratio: ratio.label,
      model,
      logAlpha: objective.logAlpha,
      cleanObjects: set.cleanCount,
      noiseObjects: set.noiseCount,
      validationLogLikelihood,
      testLogLikelihood,
      testElbo,
      weights,
      noiseLikeSamples: noiseLikeFraction(prior, classifiedSamples, data.intensity),
    };
    context.run.appendMetrics(evaluation);
    const { kind: _, ...result } = evaluation;
    return {
      ...result,
      epochs: trained.records,
      samples: encodeImages(prior, priorSamples),
      msPerStep: trained.msPerStep,
    };
  } finally {
    vae.dispose();
  }
}

/** A row of ratios.csv and of the printed table. */
function ratioRow(o: RatioOutcome) {
  return {
    'clean:noise': o.ratio.label,
    'noise objects': o.vae.noiseObjects,
    VAE: o.vae.testLogLikelihood,
    'robust VAE': o.robust.testLogLikelihood,
    gap: o.gap,
    'chosen log α': o.robust.logAlpha,
    'weight, clean': o.robust.weights?.clean ?? null,
    'weight, noise': o.robust.weights?.noise ?? null,
    'weight AUC': o.robust.weights?.auc ?? null,
    'noise-like prior samples, VAE': o.vae.noiseLikeSamples,
    'noise-like prior samples, robust': o.robust.noiseLikeSamples,
  };
}

/** A row of models.csv: every trained model's final numbers. */
function modelRow(r: ModelResult) {
  return {
    'clean:noise': r.ratio,
    model: r.model,
    'validation log p(x)': r.validationLogLikelihood,
    'test log p(x)': r.testLogLikelihood,
    'test ELBO': r.testElbo,
    'weight, clean': r.weights?.clean ?? null,
    'weight, noise': r.weights?.noise ?? null,
    'weight AUC': r.weights?.auc ?? null,
    'noise-like prior samples': r.noiseLikeSamples,
    'ms per step': r.msPerStep,
  };
}

/** A PNG grid of a model's prior samples (decoder means, white = ink). */
async function samplePng(encoded: string): Promise<Uint8Array> {
  const { n, values } = decodeImages(encoded);
  const images = tf.tensor3d(values, [n, SIDE, SIDE]);
  try {
    return await encodePng(imageGrid(images, { padding: 2, background: 128 }));
  } finally {
    images.dispose();
  }
}

async function writeFigures(
  dir: string,
  outcomes: readonly RatioOutcome[],
  results: readonly ModelResult[],
  config: RobustConfig,
): Promise<void> {
  const byNoise = [...outcomes].sort((a, b) => noiseFraction(a.ratio) - noiseFraction(b.ratio));
  await writePlot(
    dir,
    'gap-vs-noise-fraction',
    gapFigure(byNoise.map((o) => ({ noiseFraction: noiseFraction(o.ratio), gap: o.gap, ratio: o.ratio.label }))),
  );
  await writePlot(
    dir,
    'test-log-likelihood',
    seriesFigure(
      'Clean-test log-likelihood (importance sampled)',
      'fraction of noise objects in the training set',
      `log p(x), K = ${config.evaluation.testSamples} (nats per digit)`,
      byNoise.flatMap((o): SeriesRow[] => [
        { series: 'VAE (ELBO)', x: noiseFraction(o.ratio), y: o.vae.testLogLikelihood },
        { series: 'robust VAE (log α chosen on validation)', x: noiseFraction(o.ratio), y: o.robust.testLogLikelihood },
      ]),
    ),
  );
  await writePlot(
    dir,
    'validation-vs-log-alpha',
    seriesFigure(
      'Clean-validation log-likelihood of the robust VAEs (the choice of log α)',
      'log α',
      `log p(x), K = ${config.evaluation.validationSamples} (nats per digit)`,
      results.flatMap((r): SeriesRow[] =>
        r.logAlpha === null ? [] : [{ series: `clean:noise ${r.ratio}`, x: r.logAlpha, y: r.validationLogLikelihood }],
      ),
    ),
  );
  await writePlot(
    dir,
    'training-weights',
    seriesFigure(
      'Mean weight sigmoid(log w − log α) of the chosen robust VAE during training',
      'epoch',
      'mean weight of the epoch’s objects',
      outcomes.flatMap((o) =>
        o.robust.epochs.flatMap((e): SeriesRow[] => [
          ...(e.weightClean === null ? [] : [{ series: `${o.ratio.label} clean`, x: e.epoch, y: e.weightClean }]),
          ...(e.weightNoise === null ? [] : [{ series: `${o.ratio.label} noise`, x: e.epoch, y: e.weightNoise }]),
        ]),
      ),
    ),
  );
}
