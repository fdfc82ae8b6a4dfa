import { assertOptions, assertSeed, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { heNormal, variableOf } from '../internal/init.js';
import {
  assertBoolean,
  assertFloatTensor,
  assertInstance,
  assertInteger,
  assertOneOf,
  shown,
} from '../internal/validate.js';
import { type BatchNormParams, batchNorm, createBatchNorm } from './batch-norm.js';

/** The halting-logit bias at initialization: h = sigmoid(−3) ≈ 0.047, so every unit runs at first (sact). */
export const HALTING_BIAS_INIT = -3;

/**
 * The halting branch after a unit (mfigurnov/sact resnet_act.py). `'global'` (ACT, PACT): one logit per
 * example, FC(BN(GAP(s))) + bias. `'spatial'` (SACT): one logit per position, a 3×3 convolution over BN(s)
 * plus bias (the local term) plus a 1×1 convolution over BN(GAP(s)) (the global term, no bias). Bias
 * starts at −3. A plain data holder of tf.Variables.
 */
export class HaltingBranchParams {
  constructor(
    readonly kind: 'global' | 'spatial',
    /** BN over GAP(s) and the global weight [C, 1]. */
    readonly globalBn: BatchNormParams,
    readonly globalWeight: tf.Variable,
    /** The logit bias [1], starts at −3. */
    readonly bias: tf.Variable,
    /** `'spatial'` only: BN over s and the local 3×3 weight [3, 3, C, 1]. */
    readonly localBn: BatchNormParams | null,
    readonly localWeight: tf.Variable | null,
  ) {}
}

/** Every tensor a {@link HaltingBranchParams} holds. O(1). */
export function haltingBranchVariables(branch: HaltingBranchParams): tf.Variable[] {
  if (!(branch instanceof HaltingBranchParams)) {
    throw new Error(`haltingBranchVariables: argument 'branch' must be a HaltingBranchParams, got ${shown(branch)}`);
  }
  const local = branch.localBn === null ? [] : [...Object.values(branch.localBn), branch.localWeight!];
  return [...Object.values(branch.globalBn), branch.globalWeight, branch.bias, ...local];
}

/**
 * Fresh halting-branch parameters for states of `channels` channels, from `seed` (He-normal weights, bias
 * −3). O(9·C).
 *
 * @throws Error naming `createHaltingBranch` and the argument for a kind other than 'global' or 'spatial',
 *   channels that are not a positive integer, or a bad seed.
 */
export function createHaltingBranch(kind: 'global' | 'spatial', channels: number, seed: Seed): HaltingBranchParams {
  const fn = 'createHaltingBranch';
  assertOneOf(kind, fn, 'kind', ['global', 'spatial']);
  assertInteger(channels, fn, 'channels', 1);
  assertSeed(seed, fn);
  const [globalSeed, localSeed] = splitSeed(seed, 2) as [Seed, Seed];
  const spatial = kind === 'spatial';
  return new HaltingBranchParams(
    kind,
    createBatchNorm(channels),
    heNormal([channels, 1], channels, globalSeed),
    variableOf(() => tf.fill([1], HALTING_BIAS_INIT)),
    spatial ? createBatchNorm(channels) : null,
    spatial ? heNormal([3, 3, channels, 1], 9 * channels, localSeed) : null,
  );
}

/** Options of {@link haltingLogits}. */
export interface HaltingLogitsOptions {
  /** Batch statistics and moving-average updates in the branch's BN layers; default false. */
  readonly training?: boolean;
}

/**
 * The halting logits of a state s [B, H, W, C]: [B] for a `'global'` branch, [B, H, W] for a `'spatial'`
 * one (see {@link HaltingBranchParams}); the halting score is h = sigmoid(logit).
 *
 * Complexity: O(B·H·W·C) (spatial: 2·9·C flops per position). Figurnov et al., CVPR 2017, §3.
 *
 * @throws Error naming `haltingLogits` and the argument for a branch that is not live
 *   {@link HaltingBranchParams}, a state that is not float32 [B, H, W, C], or bad options.
 * @example
 * const h = tf.sigmoid(haltingLogits(branch, state)); // [B]
 */
export function haltingLogits(
  branch: HaltingBranchParams,
  state: tf.Tensor,
  options: HaltingLogitsOptions = {},
): tf.Tensor {
  const fn = 'haltingLogits';
  assertInstance(branch, HaltingBranchParams, fn, 'branch', haltingBranchVariables);
  assertOptions(fn, options, ['training']);
  const training = assertBoolean(options.training ?? false, fn, 'options.training');
  const channels = branch.globalWeight.shape[0]!;
  assertFloatTensor(state, fn, 'state', `[B, H, W, ${channels}]`, [4], [undefined, undefined, undefined, channels]);
  return tf.tidy(() => {
    const pooled = tf.mean(state, [1, 2]);
    const global = tf.matMul(batchNorm(branch.globalBn, pooled, { training }), branch.globalWeight);
    if (branch.kind === 'global') return tf.reshape(tf.add(global, branch.bias), [state.shape[0]!]);
    const local = tf.conv2d(
      batchNorm(branch.localBn!, state, { training }) as tf.Tensor4D,
      branch.localWeight! as tf.Tensor4D,
      1,
      'same',
    );
    const [b, h, w] = state.shape as [number, number, number, number];
    return tf.reshape(tf.add(tf.add(local, branch.bias), tf.reshape(global, [b, 1, 1, 1])), [b, h, w]);
  });
}
