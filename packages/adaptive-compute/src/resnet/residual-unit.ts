import { assertOptions, assertSeed, type Seed, splitSeed } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import { heNormal } from '../internal/init.js';
import { assertBoolean, assertFloatTensor, assertInstance, assertInteger, shown } from '../internal/validate.js';
import { type BatchNormParams, batchNorm, createBatchNorm } from './batch-norm.js';

/**
 * A pre-activation residual unit (He et al., ECCV 2016), as in mfigurnov/sact cifar_model.py:
 * y = shortcut(x) + conv2(relu(BN2(conv1(relu(BN1(x)))))), 3×3 convolutions, conv1 with the unit's stride;
 * the shortcut is x, or (channel or stride change) x average-pooled by the stride and zero-padded to the new
 * channels. A plain data holder of tf.Variables (free with `tf.dispose(residualUnitVariables(unit))`).
 */
export class ResidualUnitParams {
  constructor(
    readonly bn1: BatchNormParams,
    /** [3, 3, Cin, Cout]. */
    readonly conv1: tf.Variable,
    readonly bn2: BatchNormParams,
    /** [3, 3, Cout, Cout]. */
    readonly conv2: tf.Variable,
    /** Stride of conv1 (and of the shortcut's pooling): 1 or 2. */
    readonly stride: number,
  ) {}
}

/** Every tensor a {@link ResidualUnitParams} holds. O(1). */
export function residualUnitVariables(unit: ResidualUnitParams): tf.Variable[] {
  if (!(unit instanceof ResidualUnitParams)) {
    throw new Error(`residualUnitVariables: argument 'unit' must be a ResidualUnitParams, got ${shown(unit)}`);
  }
  return [...Object.values(unit.bn1), unit.conv1, ...Object.values(unit.bn2), unit.conv2];
}

/**
 * Fresh residual-unit parameters from `seed` (He-normal convolutions, BN γ = 1, β = 0). `outChannels` −
 * `inChannels` must be even and ≥ 0 (the zero-padded shortcut). O(9·Cout·(Cin + Cout)).
 *
 * @throws Error naming `createResidualUnit` and the argument for channels that are not positive integers
 *   with an even, non-negative difference, a stride other than 1 or 2, a bad seed.
 */
export function createResidualUnit(
  inChannels: number,
  outChannels: number,
  stride: number,
  seed: Seed,
): ResidualUnitParams {
  const fn = 'createResidualUnit';
  assertInteger(inChannels, fn, 'inChannels', 1);
  assertInteger(outChannels, fn, 'outChannels', 1);
  if (outChannels < inChannels || (outChannels - inChannels) % 2 !== 0) {
    throw new Error(
      `${fn}: argument 'outChannels' must be at least inChannels (${inChannels}) with an even difference (zero-padded shortcut), got ${shown(outChannels)}`,
    );
  }
  assertInteger(stride, fn, 'stride', 1, 2);
  assertSeed(seed, fn);
  const [seed1, seed2] = splitSeed(seed, 2) as [Seed, Seed];
  return new ResidualUnitParams(
    createBatchNorm(inChannels),
    heNormal([3, 3, inChannels, outChannels], 9 * inChannels, seed1),
    createBatchNorm(outChannels),
    heNormal([3, 3, outChannels, outChannels], 9 * outChannels, seed2),
    stride,
  );
}

/** Options of {@link residualUnit} and {@link maskedResidualUnit}. */
export interface ResidualUnitOptions {
  /** Batch statistics and moving-average updates in the BN layers; default false. */
  readonly training?: boolean;
}

/** Checks the arguments common to the residual-unit functions; returns `training`. */
export function checkUnitArguments(unit: unknown, x: unknown, options: unknown, fn: string, keys: string[]): boolean {
  const params = assertInstance(unit, ResidualUnitParams, fn, 'unit', residualUnitVariables);
  assertOptions(fn, options, keys);
  const cin = params.conv1.shape[2]!;
  assertFloatTensor(x, fn, 'x', `[B, H, W, ${cin}]`, [4], [undefined, undefined, undefined, cin]);
  return assertBoolean((options as ResidualUnitOptions | undefined)?.training ?? false, fn, 'options.training');
}

/**
 * The residual branch conv2(relu(BN2(conv1(relu(BN1(x)))))) of every position, densely: [B, H′, W′, Cout].
 * O(B·H′·W′·9·Cout·(Cin + Cout)).
 */
export function residualBranch(unit: ResidualUnitParams, x: tf.Tensor, training: boolean): tf.Tensor {
  return tf.tidy(() => {
    const preact = tf.relu(batchNorm(unit.bn1, x, { training }));
    const hidden = tf.conv2d(preact as tf.Tensor4D, unit.conv1 as tf.Tensor4D, unit.stride, 'same');
    const activated = tf.relu(batchNorm(unit.bn2, hidden, { training }));
    return tf.conv2d(activated as tf.Tensor4D, unit.conv2 as tf.Tensor4D, 1, 'same');
  });
}

/** The unit's shortcut: x, or x average-pooled by the stride and zero-padded to the output channels. */
function shortcut(unit: ResidualUnitParams, x: tf.Tensor): tf.Tensor {
  const [cin, cout] = [unit.conv1.shape[2]!, unit.conv1.shape[3]!];
  if (unit.stride === 1 && cin === cout) return x;
  return tf.tidy(() => {
    const pooled = unit.stride === 1 ? x : tf.avgPool(x as tf.Tensor4D, unit.stride, unit.stride, 'same');
    const side = (cout - cin) / 2;
    return side === 0
      ? pooled
      : tf.pad(pooled, [
          [0, 0],
          [0, 0],
          [0, 0],
          [side, side],
        ]);
  });
}

/**
 * One pre-activation residual unit on every position (see {@link ResidualUnitParams}): x [B, H, W, Cin] →
 * [B, ⌈H/s⌉, ⌈W/s⌉, Cout]. The first unit of an adaptive stage runs this way (it carries the stride and
 * channel change and is always computed).
 *
 * Complexity: 2·B·H′·W′·9·Cout·(Cin + Cout) flops (see {@link residualUnitFlops}). He et al., ECCV 2016.
 *
 * @throws Error naming `residualUnit` and the argument for a unit that is not a live {@link ResidualUnitParams},
 *   x that is not float32 [B, H, W, Cin], or bad options.
 * @example
 * const y = residualUnit(unit, x, { training: true });
 */
export function residualUnit(unit: ResidualUnitParams, x: tf.Tensor, options: ResidualUnitOptions = {}): tf.Tensor {
  const training = checkUnitArguments(unit, x, options, 'residualUnit', ['training']);
  return tf.tidy(() => tf.add(shortcut(unit, x), residualBranch(unit, x, training)));
}
