import { foldIn, type Seed } from '@proj/core';
import { IMAGE_SIZE, seededPermutation } from '@proj/mnist';
import type { AppContext } from '@proj/repro';
import {
  type BernoulliVae,
  createBernoulliVae,
  robustBound,
  robustWeights,
  vaeLogWeights,
  vaeLoss,
  vaeVariables,
} from '@proj/robust-vi';
import * as tf from '@tensorflow/tfjs-core';
import type { RobustConfig } from './config.js';
import { trainingObjects } from './data.js';

/** What one model is trained with: the ELBO (`logAlpha` null) or the robust bound with target `logAlpha`. */
export interface Objective {
  readonly logAlpha: number | null;
}

/** One epoch of one model (a line of metrics.jsonl). */
export type EpochRecord = {
  readonly kind: 'epoch';
  readonly ratio: string;
  readonly model: string;
  readonly epoch: number;
  readonly step: number;
  /** log α at the epoch's last step (annealed); null for the ELBO. */
  readonly logAlpha: number | null;
  /** Mean over the epoch's objects of the training objective (ELBO or robust bound), nats. */
  readonly objective: number;
  /** Mean gradient weight sigmoid(log w − log α) of the epoch's clean / noise objects; null for the ELBO or none. */
  readonly weightClean: number | null;
  readonly weightNoise: number | null;
};

/** The training set of one ratio: clean gray digits, how many noise objects, their intensity. */
export interface TrainingSet {
  readonly ratio: string;
  readonly clean: Float32Array;
  readonly cleanCount: number;
  readonly noiseCount: number;
  readonly intensity: number;
}

/** The model label of an objective: `VAE` or `robust log α = −250`. */
export function modelLabel(objective: Objective): string {
  return objective.logAlpha === null ? 'VAE' : `robust log α = ${objective.logAlpha}`;
}

/**
 * log α at training step `step` (1-based): linear from `from` to `target` over the first `steps` steps, then
 * `target` (at once when `steps` is 0).
 */
export function annealedLogAlpha(target: number, from: number, steps: number, step: number): number {
  return steps <= 0 || step >= steps ? target : from + ((target - from) * step) / steps;
}

/** The VAE of the config, initialized from `seed` (the same for every model of a run: paired comparisons). */
export function createModel(config: RobustConfig, seed: Seed): BernoulliVae {
  const { latentDim, hidden, activation } = config.model;
  return createBernoulliVae({ inputDim: IMAGE_SIZE, latentDim, hidden, activation, seed });
}

/**
 * Trains `vae` with Adam for `config.training.epochs` passes over `set` (clean and noise objects, a fresh
 * binarization and order per epoch from seeds of the run seed and the ratio only, so every model of a ratio sees
 * the same batches), on the ELBO or on the robust bound E log(α + w) (k = 1, log α annealed from
 * `robust.anneal.from`). Appends one {@link EpochRecord} per epoch; reads back once per epoch.
 *
 * @returns the records and the mean wall time per step in ms.
 */
export async function trainModel(
  config: RobustConfig,
  vae: BernoulliVae,
  set: TrainingSet,
  objective: Objective,
  seeds: { readonly run: Seed; readonly model: Seed },
  context: Pick<AppContext, 'run' | 'checkpoint'>,
  tick: (epoch: number, record: EpochRecord) => void,
): Promise<{ readonly records: EpochRecord[]; readonly msPerStep: number }> {
  const { epochs, batchSize, learningRate, samples } = config.training;
  const n = set.cleanCount + set.noiseCount;
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const annealSteps = Math.round(config.robust.anneal.epochs * stepsPerEpoch);
  const logAlphaAt = (step: number) =>
    objective.logAlpha === null
      ? null
      : annealedLogAlpha(objective.logAlpha, config.robust.anneal.from, annealSteps, step);
  const optimizer = tf.train.adam(learningRate);
  const records: EpochRecord[] = [];
  let step = 0;
  let trainingMs = 0;
  // [objective sum, clean weight sum, noise weight sum], summed on the backend: no read-back inside a step.
  let sums: tf.Tensor1D | undefined;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const images = trainingObjects(
        set.clean,
        set.noiseCount,
        set.intensity,
        foldIn(seeds.run, `binarize/${set.ratio}/${epoch}`),
      );
      const order = seededPermutation(n, foldIn(seeds.run, `batches/${set.ratio}/${epoch}`));
      sums?.dispose();
      sums = tf.zeros([3]);
      for (let b = 0; b < stepsPerEpoch; b++) {
        await context.checkpoint();
        const started = performance.now();
        step++;
        const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, n));
        const batch = new Float32Array(rows.length * IMAGE_SIZE);
        const clean = new Float32Array(rows.length);
        for (const [i, row] of rows.entries()) {
          batch.set(images.subarray(row * IMAGE_SIZE, (row + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
          clean[i] = row < set.cleanCount ? 1 : 0;
        }
        const previous = sums;
        const logAlpha = logAlphaAt(step);
        const seed = foldIn(seeds.model, step);
        sums = tf.tidy(() => {
          const x = tf.tensor2d(batch, [rows.length, IMAGE_SIZE]);
          let stats: tf.Tensor1D | undefined;
          optimizer.minimize(
            () => {
              if (logAlpha === null) {
                const loss = vaeLoss(vae, x, { objective: 'elbo', samples, seed });
                stats = tf.keep(tf.stack([tf.mul(loss, -rows.length), tf.scalar(0), tf.scalar(0)]) as tf.Tensor1D);
                return loss;
              }
              const { logJoint, logQ } = vaeLogWeights(vae, x, { samples, seed });
              const bound = robustBound(logJoint, logQ, { logAlpha, k: 1 });
              const weights = tf.mean(robustWeights(logJoint, logQ, { logAlpha, k: 1 }), 0);
              const mask = tf.tensor1d(clean);
              stats = tf.keep(
                tf.stack([
                  tf.sum(bound),
                  tf.sum(tf.mul(weights, mask)),
                  tf.sum(tf.mul(weights, tf.sub(1, mask))),
                ]) as tf.Tensor1D,
              );
              return tf.neg(tf.mean(bound)) as tf.Scalar;
            },
            false,
            vaeVariables(vae),
          );
          const sum = tf.add(previous, stats!) as tf.Tensor1D;
          stats!.dispose();
          return sum;
        });
        previous.dispose();
        trainingMs += performance.now() - started;
      }
      const [objectiveSum, cleanSum, noiseSum] = sums.dataSync();
      const robust = objective.logAlpha !== null;
      const record: EpochRecord = {
        kind: 'epoch',
        ratio: set.ratio,
        model: modelLabel(objective),
        epoch,
        step,
        logAlpha: logAlphaAt(step),
        objective: objectiveSum! / n,
        weightClean: robust ? cleanSum! / set.cleanCount : null,
        weightNoise: robust && set.noiseCount > 0 ? noiseSum! / set.noiseCount : null,
      };
      records.push(record);
      context.run.appendMetrics(record);
      tick(epoch, record);
    }
    return { records, msPerStep: trainingMs / step };
  } finally {
    sums?.dispose();
    optimizer.dispose();
  }
}
