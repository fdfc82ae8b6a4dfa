import type { BackendName } from '@proj/core';
import { randomNormal, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { cnnForwardFlops, cnnLoss, initCnn, syntheticBatch } from './cnn.js';
import type { BenchConfig, TrainStepConfig } from './config.js';
import { layersTrainer } from './layers-cnn.js';

/** One timed operation; `prepare` allocates its inputs on the active backend. */
export interface Workload {
  /** Stable id: `matmul-<n>`, `conv2d`, `train-step` (the PyTorch script's keys) or `layers-fit-step`. */
  readonly id: string;
  readonly op: string;
  /** Floating-point operations per call, for GFLOP/s. */
  readonly flops: number;
  prepare(seed: Seed): PreparedWorkload;
}

/** A workload ready to time: `step` runs it once and waits for the result. */
export interface PreparedWorkload {
  step(): Promise<void>;
  dispose(): void;
}

/** One timed call: compute, read back (forces completion on async backends too), free. */
async function runOnce(compute: () => tf.Tensor): Promise<void> {
  const result = compute();
  await result.data();
  result.dispose();
}

function matmul(n: number): Workload {
  return {
    id: `matmul-${n}`,
    op: `matMul ${n}²`,
    flops: 2 * n ** 3,
    prepare(seed) {
      const [sa, sb] = splitSeed(seed, 2) as [Seed, Seed];
      const a = randomNormal([n, n], sa);
      const b = randomNormal([n, n], sb);
      return { step: () => runOnce(() => tf.matMul(a, b)), dispose: () => tf.dispose([a, b]) };
    },
  };
}

function conv2d(input: readonly number[], filter: readonly number[]): Workload {
  const [b, h, w, c] = input as [number, number, number, number];
  const [kh, kw, , out] = filter as [number, number, number, number];
  return {
    id: 'conv2d',
    op: `conv2d [${input.join(',')}]×[${filter.join(',')}]`,
    flops: 2 * b * h * w * out * kh * kw * c,
    prepare(seed) {
      const [sx, sw] = splitSeed(seed, 2) as [Seed, Seed];
      const x = randomNormal([b, h, w, c], sx) as tf.Tensor4D;
      const k = randomNormal([kh, kw, c, out], sw) as tf.Tensor4D;
      return { step: () => runOnce(() => tf.conv2d(x, k, 1, 'same')), dispose: () => tf.dispose([x, k]) };
    },
  };
}

/** A CNN trainer: seeded weights, one batch and an Adam optimizer on the active backend. */
export function cnnTrainer(config: TrainStepConfig, seed: Seed) {
  const [weightSeed, batchSeed] = splitSeed(seed, 2) as [Seed, Seed];
  const weights = initCnn(config, weightSeed);
  const batch = syntheticBatch(config, batchSeed);
  const optimizer = tf.train.adam(config.learningRate);
  const variables = Object.values(weights);
  return {
    /** One forward + backward + Adam update; resolves to the loss before the update. */
    async step(): Promise<number> {
      const cost = optimizer.minimize(() => cnnLoss(weights, batch), true, variables) as tf.Scalar;
      const [loss] = await cost.data();
      cost.dispose();
      return loss!;
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([...variables, batch.images, batch.labels]);
    },
  };
}

function trainStep(config: TrainStepConfig): Workload {
  return {
    id: 'train-step',
    op: trainStepOp(config),
    // Forward plus backward (gradients of activations and of weights): about 3× the forward flops.
    flops: 3 * cnnForwardFlops(config),
    prepare(seed) {
      const trainer = cnnTrainer(config, seed);
      return { step: async () => void (await trainer.step()), dispose: () => trainer.dispose() };
    },
  };
}

/** The op name of the training step (ours, built from tfjs-core ops and `minimize`). */
function trainStepOp(config: TrainStepConfig): string {
  return `CNN train step (batch ${config.batch})`;
}

function layersFitStep(config: TrainStepConfig): Workload {
  return {
    id: 'layers-fit-step',
    op: `CNN train step, tfjs-layers fit (batch ${config.batch})`,
    flops: 3 * cnnForwardFlops(config),
    prepare(seed) {
      const batch = syntheticBatch(config, splitSeed(seed, 2)[1] as Seed);
      const trainer = layersTrainer(config, batch.images, batch.labels);
      return {
        step: async () => void (await trainer.step()),
        dispose: () => {
          trainer.dispose();
          tf.dispose([batch.images, batch.labels]);
        },
      };
    },
  };
}

/** The workloads of a config, in the order they are timed: the training steps last. */
export function workloads(config: BenchConfig): Workload[] {
  return [
    ...config.matmulSizes.map(matmul),
    conv2d(config.conv2d.input, config.conv2d.filter),
    trainStep(config.trainStep),
    layersFitStep(config.trainStep),
  ];
}

/** Losses of `steps` training steps from the seeded initial weights on the active backend. */
export async function trainingLosses(config: TrainStepConfig, seed: Seed, steps: number): Promise<number[]> {
  const trainer = cnnTrainer(config, seed);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) losses.push(await trainer.step());
  trainer.dispose();
  return losses;
}

/**
 * The workloads `backend` times: all of them on the backend of the run (`chosen`); on cpu, the reference, as the
 * config's `cpuWorkloads` says (all, the training step only, none).
 */
export function workloadsOn(
  backend: BackendName,
  chosen: BackendName,
  ops: readonly Workload[],
  config: Pick<BenchConfig, 'cpuWorkloads'>,
): readonly Workload[] {
  if (backend === chosen || config.cpuWorkloads === 'all') return ops;
  return config.cpuWorkloads === 'trainStep' ? ops.filter((w) => w.id === 'train-step') : [];
}
