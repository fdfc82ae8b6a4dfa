import {
  type AdaptiveResNetParams,
  adaptiveResNet,
  geometricLogPrior,
  ponderLoss,
  type ResNetOutput,
} from '@proj/adaptive-compute';
import { foldIn, type Seed } from '@proj/core';
import { seededPermutation } from '@proj/mnist';
import type { AppContext } from '@proj/repro';
import * as tf from '@tensorflow/tfjs-core';
import type { SactConfig } from './config.js';
import type { ClutteredSet } from './data.js';
import { backboneVariables, haltingVariables } from './model.js';
import type { Variant } from './variants.js';

/** One epoch of one network (a line of metrics.jsonl). */
export type EpochRecord = {
  readonly kind: 'epoch';
  /** The unit: `pretrain` or a variant id. */
  readonly unit: string;
  readonly epoch: number;
  readonly step: number;
  /** Mean cross-entropy over the epoch's training batches (nats). */
  readonly crossEntropy: number;
  /** Mean ponder term: Σ over stages of the batch-mean ρ (ACT, SACT; expected units for relaxed PACT). */
  readonly ponderCost: number;
  /** Training-batch accuracy (training-mode network). */
  readonly accuracy: number;
  /** Mean counted MFLOPs per training image (relaxed PACT runs every unit). */
  readonly mflops: number;
};

/** What {@link trainNet} returns. */
export interface Trained {
  readonly records: EpochRecord[];
  readonly msPerStep: number;
}

/** [b, S, S, 1] images of `set` at `rows`, and their one-hot labels. */
export function batchOf(set: ClutteredSet, rows: ArrayLike<number>): { images: tf.Tensor4D; labels: Int32Array } {
  const area = set.side * set.side;
  const images = new Float32Array(rows.length * area);
  const labels = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    images.set(set.images.subarray(row * area, (row + 1) * area), i * area);
    labels[i] = set.labels[row]!;
  }
  return { images: tf.tensor4d(images, [rows.length, set.side, set.side, 1]), labels };
}

/** The loss of one training batch: cross-entropy plus the variant's ponder term. */
function objective(out: ResNetOutput, labels: tf.Tensor, variant: Variant): { total: tf.Scalar; ponder: tf.Scalar } {
  const crossEntropy = tf.losses.softmaxCrossEntropy(labels, out.logits) as tf.Scalar;
  const ponder = tf.addN(out.stages.map((s) => tf.mean(s.ponderCost))) as tf.Scalar;
  if (variant.method === 'vanilla') return { total: crossEntropy, ponder };
  const penalty =
    variant.prior === null
      ? ponderLoss(
          out.stages.map((s) => s.ponderCost),
          variant.tau,
        )
      : tf.neg(tf.addN(out.stages.map((s) => tf.mean(geometricLogPrior(s.haltingDistribution, variant.prior!)))));
  return { total: tf.add(crossEntropy, penalty) as tf.Scalar, ponder };
}

/** What one training step measured: batch-mean cross-entropy and ponder term, correct predictions, total FLOPs. */
interface StepStats {
  readonly crossEntropy: number;
  readonly ponder: number;
  readonly correct: number;
  readonly flops: number;
}

/**
 * One Adam step on a batch: the gradients of the variant's loss with respect to the backbone and the halting
 * branches, each group applied by its own optimizer. Leaves no tensor behind (the caller frees `images`).
 */
function trainStep(
  net: AdaptiveResNetParams,
  images: tf.Tensor4D,
  labels: Int32Array,
  variant: Variant,
  optimizers: readonly [tf.Optimizer, tf.Optimizer],
  options: { readonly temperature: number; readonly seed: Seed },
): StepStats {
  const backbone = backboneVariables(net).filter((v) => v.trainable);
  const halting = haltingVariables(net).filter((v) => v.trainable);
  let flops = 0;
  const values = tf.tidy(() => {
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    let stats: tf.Tensor1D | undefined;
    const { grads } = tf.variableGrads(() => {
      const out = adaptiveResNet(net, images, { training: true, ...options });
      const { total, ponder } = objective(out, oneHot, variant);
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(out.logits, 1), tf.tensor1d(labels, 'int32')), 'float32'));
      stats = tf.keep(tf.stack([tf.losses.softmaxCrossEntropy(oneHot, out.logits), ponder, correct]) as tf.Tensor1D);
      flops = out.flops.reduce((sum, f) => sum + f, 0);
      return total;
    }, [...backbone, ...halting]);
    const pick = (vs: readonly tf.Variable[]) => vs.map((v) => ({ name: v.name, tensor: grads[v.name]! }));
    optimizers[0].applyGradients(pick(backbone));
    if (halting.length > 0) optimizers[1].applyGradients(pick(halting));
    return stats!;
  });
  const [crossEntropy, ponder, correct] = values.dataSync();
  values.dispose();
  return { crossEntropy: crossEntropy!, ponder: ponder!, correct: correct!, flops };
}

/**
 * Trains `net` for `epochs` epochs on `set` with Adam (the backbone at `learningRate`, the halting branches at
 * the config's `haltingLearningRate`): cross-entropy plus τ·Σ_blocks mean ρ (ACT, SACT), minus the PACT log-prior
 * Σ_blocks mean E_p[log p(N)] (relaxed halting at temperature λ, seeded per step), or cross-entropy alone
 * (plain). Batches come from a permutation seeded by `seed` and the epoch; one metrics line per epoch.
 */
export async function trainNet(
  net: AdaptiveResNetParams,
  set: ClutteredSet,
  variant: Variant,
  epochs: number,
  learningRate: number,
  unit: string,
  config: SactConfig,
  seed: Seed,
  context: AppContext,
  tick: (step: number) => void,
): Promise<Trained> {
  const { batchSize, haltingLearningRate, temperature } = config.training;
  const optimizers = [tf.train.adam(learningRate), tf.train.adam(haltingLearningRate)] as const;
  const stepsPerEpoch = Math.ceil(set.n / batchSize);
  const records: EpochRecord[] = [];
  let [step, trainingMs] = [0, 0];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = seededPermutation(set.n, foldIn(seed, `batches/${epoch}`));
      const sums = { crossEntropy: 0, ponder: 0, correct: 0, flops: 0 };
      for (let b = 0; b < stepsPerEpoch; b++) {
        await context.checkpoint();
        const started = performance.now();
        step++;
        const rows = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, set.n));
        const { images, labels } = batchOf(set, rows);
        let stats: StepStats;
        try {
          stats = trainStep(net, images, labels, variant, optimizers, { temperature, seed: foldIn(seed, step) });
        } finally {
          images.dispose();
        }
        const { crossEntropy, ponder, correct, flops } = stats;
        sums.crossEntropy += crossEntropy * rows.length;
        sums.ponder += ponder * rows.length;
        sums.correct += correct;
        sums.flops += flops;
        trainingMs += performance.now() - started;
        tick(step);
      }
      const record: EpochRecord = {
        kind: 'epoch',
        unit,
        epoch,
        step,
        crossEntropy: sums.crossEntropy / set.n,
        ponderCost: sums.ponder / set.n,
        accuracy: sums.correct / set.n,
        mflops: sums.flops / set.n / 1e6,
      };
      records.push(record);
      context.run.appendMetrics(record);
    }
    return { records, msPerStep: trainingMs / step };
  } finally {
    for (const optimizer of optimizers) optimizer.dispose();
  }
}
