import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from '../wasm-kernels/spatial.js';
import { runOnCpu } from './cpu-fallback.js';

/** Largest rank for which tfjs-backend-webgpu 4.22's `PadV2` shader is valid WGSL. */
const MAX_PAD_RANK = 4;

/**
 * Wraps the webgpu `PadV2` kernel (`tf.pad`) so that inputs of rank 5 or more are padded right: for those the
 * shipped shader indexes a `vec5`, which WGSL rejects, and the invalid pipeline leaves the output unwritten
 * (garbage, with a validation message on stderr). Each unpadded axis is merged into the axis before it (whose
 * padding then counts in blocks of the merged size); should more than 4 axes remain, the cpu kernel runs.
 * Ranks ≤ 4 run unchanged. O(1) extra kernels (reshapes).
 */
export function guardHighRankPad(shipped: tf.KernelFunc): tf.KernelFunc {
  const onCpu = runOnCpu('PadV2');
  return (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    if (x.shape.length <= MAX_PAD_RANK) return shipped(args);
    const { paddings, constantValue } = args.attrs as unknown as tf.PadV2Attrs;
    const merged = mergeUnpaddedAxes(x.shape, paddings);
    if (merged.shape.length > MAX_PAD_RANK) return onCpu(args);
    return tf.tidy(() => {
      const inputs = { x: tf.reshape(asTensor(x), merged.shape) };
      const attrs = { paddings: merged.paddings, constantValue };
      const result = shipped({ ...args, inputs, attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
      const outShape = x.shape.map((size, axis) => size + paddings[axis]![0] + paddings[axis]![1]);
      return tf.reshape(tf.engine().makeTensorFromTensorInfo(result), outShape);
    });
  };
}

/**
 * The same padding with fewer axes: an axis without padding is merged into the axis before it, whose
 * padding is scaled by the merged axis's size (row-major: a padded row is a block of the trailing axes).
 */
export function mergeUnpaddedAxes(
  shape: readonly number[],
  paddings: ReadonlyArray<readonly [number, number]>,
): { shape: number[]; paddings: Array<[number, number]> } {
  const outShape: number[] = [];
  const outPaddings: Array<[number, number]> = [];
  shape.forEach((size, axis) => {
    const [before, after] = paddings[axis]!;
    const last = outShape.length - 1;
    if (before === 0 && after === 0 && last >= 0) {
      outShape[last]! *= size;
      outPaddings[last] = [outPaddings[last]![0] * size, outPaddings[last]![1] * size];
    } else {
      outShape.push(size);
      outPaddings.push([before, after]);
    }
  });
  return { shape: outShape, paddings: outPaddings };
}
