import {
  type AdaptiveResNetParams,
  type AdaptiveStageOptions,
  adaptiveResNet,
  ponderCostMap,
  type ResNetOutput,
} from '@proj/adaptive-compute';
import { foldIn, type Seed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ClutteredSet } from './data.js';
import { backboneVariables, haltingVariables } from './model.js';
import { type ImagePonder, imagePonder, type PonderSummary, summarizePonder } from './ponder-metrics.js';
import { mean, spearman, std } from './statistics.js';

/** A trained network's test-set numbers. */
export interface Evaluation {
  /** Test accuracy (inference: moving BN statistics; PACT thresholded at h > 0.5). */
  readonly accuracy: number;
  /** Counted MFLOPs per test image (computed positions only): mean and standard deviation. */
  readonly mflops: number;
  readonly mflopsStd: number;
  /** Mean ρ per stage over the test set (per position for SACT). */
  readonly ponderPerStage: number[];
  /** Measured inference time per image, `computation: 'masked'` (halted examples and positions skipped). */
  readonly msPerImageMasked: number;
  /** The same with `computation: 'dense'` (every position computed, the residual masked), interleaved per batch. */
  readonly msPerImageDense: number;
  readonly ponder: PonderSummary;
  /** Spearman correlation of an image's mean ponder cost with 1 − its top softmax probability; NaN if constant. */
  readonly difficultySpearman: number;
}

/** What {@link evaluateNet} returns: the numbers and the first `maps` ponder maps. */
export interface EvaluationWithMaps {
  readonly evaluation: Evaluation;
  /** [maps, S, S] ponder-cost maps of the first test images (summed over stages, nearest-upsampled). */
  readonly maps: Float32Array;
}

/** Forward pass and its wall time (logits read back to the host). */
function timed(net: AdaptiveResNetParams, images: tf.Tensor4D, options: AdaptiveStageOptions) {
  const started = performance.now();
  const out = adaptiveResNet(net, images, options);
  const logits = out.logits.dataSync();
  return { out, logits, ms: performance.now() - started };
}

function disposeOutput(out: ResNetOutput): void {
  tf.dispose([out.logits, ...out.stages.flatMap((s) => [s.output, s.ponderCost, s.numUnits, s.haltingDistribution])]);
}

/** What {@link evaluateBatch} reads back from one test batch. */
interface BatchValues {
  readonly logits: Float32Array;
  /** [b, S, S] ponder-cost maps. */
  readonly mapValues: Float32Array;
  readonly probabilities: Float32Array;
  /** Per stage, the batch-mean ρ. */
  readonly stageMeans: number[];
  readonly batchFlops: Float64Array;
  readonly maskedMs: number;
  readonly denseMs: number;
}

/**
 * One test batch: the masked forward pass (timed), the dense one (timed; skipped for the plain network, whose
 * two passes are the same), the ponder maps and softmax read back to the host. Leaves no tensor behind.
 */
function evaluateBatch(
  net: AdaptiveResNetParams,
  x: tf.Tensor4D,
  options: { readonly maskedFraction: number; readonly plain: boolean },
): BatchValues {
  const side = x.shape[1];
  const masked = timed(net, x, { computation: 'masked', maskedFraction: options.maskedFraction });
  try {
    let denseMs = masked.ms;
    if (!options.plain) {
      const dense = timed(net, x, { computation: 'dense' });
      denseMs = dense.ms;
      disposeOutput(dense.out);
    }
    const { out } = masked;
    const map = ponderCostMap(
      out.stages.map((s) => s.ponderCost),
      [side, side],
    );
    const softmax = tf.softmax(out.logits);
    const stageMeans = out.stages.map((s) => tf.mean(s.ponderCost));
    try {
      return {
        logits: masked.logits as Float32Array,
        mapValues: map.dataSync() as Float32Array,
        probabilities: softmax.dataSync() as Float32Array,
        stageMeans: stageMeans.map((m) => m.dataSync()[0]!),
        batchFlops: out.flops,
        maskedMs: masked.ms,
        denseMs,
      };
    } finally {
      tf.dispose([map, softmax, ...stageMeans]);
    }
  } finally {
    disposeOutput(masked.out);
  }
}

/**
 * Evaluates `net` on the test set in batches: accuracy, counted FLOPs, measured time per image with masked and
 * with dense computation (interleaved batch by batch, so that load changes hit both alike; the plain network
 * runs once), ρ per stage, and the ponder-cost map statistics against each digit's box and ink. O(test · net).
 */
export function evaluateNet(
  net: AdaptiveResNetParams,
  set: ClutteredSet,
  options: {
    readonly batchSize: number;
    readonly maskedFraction: number;
    readonly maps: number;
    readonly plain: boolean;
  },
): EvaluationWithMaps {
  const { side } = set;
  const area = side * side;
  const stages = net.stages.length;
  let [correct, maskedMs, denseMs] = [0, 0, 0];
  const flops: number[] = [];
  const ponderSums = new Float64Array(stages);
  const images: ImagePonder[] = [];
  const confidence: number[] = [];
  const maps = new Float32Array(Math.min(options.maps, set.n) * area);
  for (let start = 0; start < set.n; start += options.batchSize) {
    const rows = Array.from({ length: Math.min(options.batchSize, set.n - start) }, (_, i) => start + i);
    const x = tf.tensor4d(set.images.subarray(start * area, (start + rows.length) * area), [
      rows.length,
      side,
      side,
      1,
    ]);
    let batch: BatchValues;
    try {
      batch = evaluateBatch(net, x, options);
    } finally {
      x.dispose();
    }
    const { logits, mapValues, probabilities, stageMeans, batchFlops } = batch;
    maskedMs += batch.maskedMs;
    denseMs += batch.denseMs;
    stageMeans.forEach((m, s) => {
      ponderSums[s]! += m * rows.length;
    });
    for (const [i, row] of rows.entries()) {
      const scores = logits.subarray(i * 10, (i + 1) * 10);
      let best = 0;
      for (let c = 1; c < 10; c++) if (scores[c]! > scores[best]!) best = c;
      if (best === set.labels[row]) correct++;
      confidence.push(Math.max(...probabilities.subarray(i * 10, (i + 1) * 10)));
      flops.push(batchFlops[i]!);
      const map = mapValues.subarray(i * area, (i + 1) * area);
      if (row * area < maps.length) maps.set(map, row * area);
      images.push(
        imagePonder(map, side, set.boxes[row]!, set.digitMask.subarray(row * area, (row + 1) * area), 2 * stages),
      );
    }
  }
  return {
    evaluation: {
      accuracy: correct / set.n,
      mflops: mean(flops) / 1e6,
      mflopsStd: std(flops) / 1e6,
      ponderPerStage: Array.from(ponderSums, (s) => s / set.n),
      msPerImageMasked: maskedMs / set.n,
      msPerImageDense: denseMs / set.n,
      ponder: summarizePonder(images),
      difficultySpearman: spearman(
        images.map((i) => i.mean),
        confidence.map((c) => 1 - c),
      ),
    },
    maps,
  };
}

/**
 * Test accuracy of PACT's relaxed training-mode output (Concrete halting at temperature λ, seeded; BN with
 * batch statistics), the moving BN statistics restored afterwards. O(test · full net).
 */
export function relaxedAccuracy(
  net: AdaptiveResNetParams,
  set: ClutteredSet,
  batchSize: number,
  temperature: number,
  seed: Seed,
): number {
  const moving = [...backboneVariables(net), ...haltingVariables(net)].filter((v) => !v.trainable);
  const saved = moving.map((v) => tf.clone(v));
  const area = set.side * set.side;
  let correct = 0;
  try {
    for (let start = 0; start < set.n; start += batchSize) {
      const n = Math.min(batchSize, set.n - start);
      const predicted = tf.tidy(() => {
        const x = tf.tensor4d(set.images.subarray(start * area, (start + n) * area), [n, set.side, set.side, 1]);
        const out = adaptiveResNet(net, x, { training: true, temperature, seed: foldIn(seed, start) });
        return tf.argMax(out.logits, 1).dataSync();
      });
      for (let i = 0; i < n; i++) if (predicted[i] === set.labels[start + i]) correct++;
    }
  } finally {
    moving.forEach((v, i) => {
      v.assign(saved[i]!);
    });
    tf.dispose(saved);
  }
  return correct / set.n;
}
